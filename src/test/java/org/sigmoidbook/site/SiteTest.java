package org.sigmoidbook.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The site build on a small project of its own: what it writes, and what it refuses to write. */
class SiteTest {

    @TempDir
    Path work;

    private Path project;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void smallProject() throws IOException {
        project = work.resolve("book");
        write("chapters/README.md", """
                # Course notes

                | # | notes | notebook |
                |---|---|---|
                | 1 | [One](01-one.md) | [01-one.jsh](01-one.jsh) |
                """);
        write("chapters/01-one.jsh", "// notebook\n");
        write("chapters/01-one.md", """
                # 1. One

                [Contents](README.md) · next: none

                ![A curve](../figures/one/curve.png)

                The [values](../data/one/values.csv), [the notes](README.md#course-notes), [the web](https://example.org/x).
                """);
        write("figures/one/curve.png", "png bytes");
        write("figures/one/curve.svg", "<svg/>");
        write("figures/one/unused.png", "not linked");
        write("data/one/values.csv", "z,sigma\n0,0.5\n");
    }

    private void write(String path, String text) throws IOException {
        Path file = project.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private int build(Path dir) {
        return Site.build(project, dir, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file);
    }

    /** The names in a folder, sorted: shows that no staging folder or half-written site was left. */
    private static List<String> entries(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesPagesWithWorkingLinksAndOnlyTheFilesTheyUse() throws IOException {
        Path site = work.resolve("out/site");
        assertEquals(Site.OK, build(site), errors());

        assertEquals(List.of("01-one.html", "assets", "chapters", "data", "figures", "index.html"), entries(site));
        assertEquals(List.of("curve.png", "curve.svg"), entries(site.resolve("figures/one")));
        assertEquals("z,sigma\n0,0.5\n", read(site.resolve("data/one/values.csv")));
        assertTrue(Files.isRegularFile(site.resolve("chapters/01-one.jsh")));

        String contents = read(site.resolve("index.html"));
        assertTrue(contents.contains("<a href=\"01-one.html\">One</a>"), contents);
        assertTrue(contents.contains("<a href=\"chapters/01-one.jsh\">"), contents);
        assertTrue(contents.contains("<table>"), contents);
        assertFalse(contents.contains("katex"), "a page without formulas loads no KaTeX");

        String chapter = read(site.resolve("01-one.html"));
        assertTrue(chapter.contains("<a href=\"index.html\">Contents</a>"), chapter);
        assertTrue(chapter.contains("<img src=\"figures/one/curve.png\" alt=\"A curve\" />"), chapter);
        assertTrue(chapter.contains("<a href=\"figures/one/curve.svg\">SVG</a>"), chapter);
        assertFalse(chapter.contains("PDF"), "no PDF twin was drawn, so none is linked");
        assertTrue(chapter.contains("<a href=\"data/one/values.csv\">values</a>"), chapter);
        assertTrue(chapter.contains("<a href=\"index.html#course-notes\">the notes</a>"), chapter);
        assertTrue(chapter.contains("<a href=\"https://example.org/x\">the web</a>"), chapter);
        assertTrue(chapter.contains("<a class=\"contents\" href=\"index.html\">Contents</a>"), chapter);
        assertEquals(List.of("book", "out"), entries(work));
        assertEquals(List.of("site"), entries(work.resolve("out")), "no staging folder is left beside the site");
    }

    @Test
    void shipsKatexFromItsWebJarWhenAPageHasFormulas() throws IOException {
        write("chapters/01-one.md", "# 1. One\n\nThe slope $\\sigma'(0) = \\tfrac{1}{4}$.\n");
        Path site = work.resolve("site");
        assertEquals(Site.OK, build(site), errors());
        String chapter = read(site.resolve("01-one.html"));
        assertTrue(chapter.contains("<script src=\"assets/katex/katex.min.js\" defer></script>"), chapter);
        assertTrue(chapter.contains("<span class=\"math\">\\sigma'(0) = \\tfrac{1}{4}</span>"), chapter);
        assertTrue(read(site.resolve("assets/katex/katex.min.js")).contains("version:\"" + Katex.version() + "\""));
        assertTrue(read(site.resolve("assets/katex/katex.min.css")).contains("url(fonts/KaTeX_Main-Regular.woff2)"));
        assertTrue(Files.size(site.resolve("assets/katex/fonts/KaTeX_Main-Regular.woff2")) > 10_000);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("1 formula checked by KaTeX"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aFormulaKatexCannotParseFailsTheBuildNamingPageAndFormula() throws IOException {
        write("chapters/01-one.md", "# 1. One\n\nFine $x^2$, broken $\\frac{1}{$ and $$\\sqrt[3$$.\n");
        Path site = work.resolve("site");
        assertEquals(Site.FAILED, build(site));
        String message = errors();
        assertTrue(message.contains("chapters/01-one.md: KaTeX cannot parse $\\frac{1}{$: Unexpected end of input"), message);
        assertTrue(message.contains("chapters/01-one.md: KaTeX cannot parse $$\\sqrt[3$$: "), message);
        assertFalse(message.contains("$x^2$"), message);
        assertFalse(Files.exists(site));
        assertEquals(List.of("book"), entries(work));
    }

    @Test
    void aLinkToAMissingFileFailsTheBuildNamingPageAndLink() throws IOException {
        write("chapters/01-one.md", "# 1. One\n\n![Gone](../figures/one/gone.png) and [up](../../outside.txt)\n");
        Files.writeString(work.resolve("outside.txt"), "not part of the book");
        assertEquals(Site.FAILED, build(work.resolve("site")));
        assertTrue(errors().contains("chapters/01-one.md: links to ../figures/one/gone.png, which is not a file in the project"), errors());
        assertTrue(errors().contains("chapters/01-one.md: links to ../../outside.txt, outside the project"), errors());
        assertFalse(Files.exists(work.resolve("site")));
    }

    @Test
    void aFileInPlaceOfTheFolderIsAUsageErrorAndIsLeftAlone() throws IOException {
        Path file = work.resolve("site");
        Files.writeString(file, "mine");
        assertEquals(Site.USAGE, build(file));
        assertTrue(errors().contains(file + " is a file, not a folder"), errors());
        assertEquals("mine", read(file));
        assertEquals(List.of("book", "site"), entries(work));
    }

    @Test
    void aFolderThatCannotBeCreatedIsAWriteError() throws IOException {
        Files.writeString(work.resolve("plain-file"), "mine");
        assertEquals(Site.FAILED, build(work.resolve("plain-file/site")));
        assertTrue(errors().contains("cannot write the site to " + work.resolve("plain-file/site")), errors());
        assertEquals("mine", read(work.resolve("plain-file")));
    }

    @Test
    void aFolderHoldingOtherFilesIsNeverReplaced() throws IOException {
        Path folder = Files.createDirectories(work.resolve("documents"));
        Files.writeString(folder.resolve("thesis.tex"), "years of work");
        assertEquals(Site.USAGE, build(folder));
        assertTrue(errors().contains("already holds files that are not a site written by the book"), errors());
        assertEquals(List.of("thesis.tex"), entries(folder));
    }

    @Test
    void aSiteWrittenBeforeIsReplacedWhole() throws IOException {
        Path site = work.resolve("site");
        assertEquals(Site.OK, build(site), errors());
        write("chapters/01-one.md", "# 1. One, revised\n\n![A curve](../figures/one/curve.png)\n");
        write("figures/one/curve.pdf", "%PDF");
        assertEquals(Site.OK, build(site), errors());
        String chapter = read(site.resolve("01-one.html"));
        assertTrue(chapter.contains("1. One, revised"), chapter);
        assertTrue(chapter.contains("<a href=\"figures/one/curve.pdf\">PDF</a>"), chapter);
        assertFalse(Files.exists(site.resolve("data")), "the data no page links to any more is gone");
        assertEquals(List.of("book", "site"), entries(work));
    }

    @Test
    void foldersLeftByAKilledBuildAreCleanedUp() throws IOException {
        Files.createDirectories(work.resolve(".site.partial-123/figures"));
        Files.createDirectories(work.resolve(".site.old-456/site"));
        Files.createDirectories(work.resolve(".other.partial-789"));
        assertEquals(Site.OK, build(work.resolve("site")), errors());
        assertEquals(List.of(".other.partial-789", "book", "site"), entries(work));
    }

    @Test
    void aFolderWithoutTheContentsPageIsNotTheBook() {
        assertEquals(Site.USAGE, Site.build(work, work.resolve("site"), new PrintStream(out), new PrintStream(err)));
        assertTrue(errors().contains("no contents page " + work.resolve("chapters/README.md")), errors());
    }
}
