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
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;
import org.sigmoidbook.book.run.Notes;
import org.sigmoidbook.runtime.Staging;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The site build on a small project of its own: what it writes, and what it refuses to write. No
 * ND4J and no state of the JVM's own: these tests run beside the others (junit-platform.properties).
 */
@Execution(ExecutionMode.CONCURRENT)
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

        assertEquals(List.of(SiteFiles.RECORD, "01-one.html", "assets", "chapters", "data", "figures", "index.html"), entries(site));
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

    /** Item 10: notes of part of the book link to chapters they lack (the next page): shown as text, not a failed build. */
    @Test
    void aLinkToAChapterTheNotesDoNotHoldIsShownAsText() throws IOException {
        write("chapters/01-one.md", "# 1. One\n\n[Contents](README.md) · next: [2. Two](02-two.md)\n\nSee [gone](../data/gone.csv).\n");
        assertEquals(Site.FAILED, build(work.resolve("site")), "a missing file that is not a chapter's page still fails");
        assertFalse(errors().contains("02-two.md"), errors());
        write("chapters/01-one.md", "# 1. One\n\n[Contents](README.md) · next: [2. Two](02-two.md)\n");
        assertEquals(Site.OK, build(work.resolve("site")), errors());
        String chapter = read(work.resolve("site/01-one.html"));
        assertTrue(chapter.contains("next: 2. Two</p>"), chapter);
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

    /**
     * Item 7: a gh-pages checkout holds the reader's own files beside an earlier site. The site
     * replaces the files it wrote, removes those it no longer writes, and leaves the rest alone.
     */
    @Test
    void aSiteUpdatesItsOwnFilesAndLeavesTheReadersAlone() throws IOException {
        Path site = work.resolve("gh-pages");
        Files.createDirectories(site.resolve(".git"));
        Files.writeString(site.resolve(".git/config"), "[core]\n");
        Files.writeString(site.resolve("CNAME"), "sigmoid.example.org\n");
        Files.createDirectories(site.resolve("figures"));
        Files.writeString(site.resolve("figures/my-drawing.png"), "mine");
        assertEquals(Site.OK, build(site), errors());
        assertTrue(Files.isRegularFile(site.resolve("data/one/values.csv")));

        write("chapters/01-one.md", "# 1. One, revised\n\n![A curve](../figures/one/curve.png)\n");
        assertEquals(Site.OK, build(site), errors());

        assertTrue(read(site.resolve("01-one.html")).contains("1. One, revised"));
        assertFalse(Files.exists(site.resolve("data")), "the data no page links to any more is gone, and its empty folders");
        assertEquals("[core]\n", read(site.resolve(".git/config")));
        assertEquals("sigmoid.example.org\n", read(site.resolve("CNAME")));
        assertEquals("mine", read(site.resolve("figures/my-drawing.png")));
        assertEquals(List.of(".git", SiteFiles.RECORD, "01-one.html", "CNAME", "assets", "chapters", "figures", "index.html"), entries(site));
        assertTrue(read(site.resolve(SiteFiles.RECORD)).lines().noneMatch(line -> line.startsWith("data/")));
    }

    @Test
    void aFileOfTheReadersWhereTheSiteWouldWriteIsNeverOverwritten() throws IOException {
        Path folder = Files.createDirectories(work.resolve("documents"));
        Files.writeString(folder.resolve("index.html"), "my own home page");
        Files.writeString(folder.resolve("thesis.tex"), "years of work");
        assertEquals(Site.USAGE, build(folder));
        assertTrue(errors().contains(folder + " holds files that the site would overwrite and that no earlier build of the site wrote: "
                + "index.html. Move them away, or name another folder for the site"), errors());
        assertEquals(List.of("index.html", "thesis.tex"), entries(folder));
        assertEquals("my own home page", read(folder.resolve("index.html")));
    }

    @Test
    void aSiteFolderThatIsASymbolicLinkStaysOne() throws IOException {
        Path real = Files.createDirectories(work.resolve("www/real"));
        Path link = Files.createSymbolicLink(work.resolve("site"), real);
        assertEquals(Site.OK, build(link), errors());
        assertEquals(Site.OK, build(link), errors());
        assertTrue(Files.isSymbolicLink(link));
        assertTrue(Files.isRegularFile(real.resolve("index.html")));
        assertEquals(List.of("book", "site", "www"), entries(work));
    }

    /** A web server runs as another user: whatever the umask, every file and folder of the site is readable by all. */
    @Test
    void theSiteIsReadableByAll() throws IOException {
        Path site = work.resolve("out/site");
        assertEquals(Site.OK, build(site), errors());
        try (Stream<Path> paths = Files.walk(site)) {
            for (Path path : paths.toList()) {
                Set<PosixFilePermission> modes = Files.getPosixFilePermissions(path);
                assertTrue(modes.contains(PosixFilePermission.OTHERS_READ), path + " " + PosixFilePermissions.toString(modes));
                if (Files.isDirectory(path)) {
                    assertTrue(modes.contains(PosixFilePermission.OTHERS_EXECUTE), path + " " + PosixFilePermissions.toString(modes));
                }
            }
        }
    }

    /**
     * Item 8: a table cell, a finding or a template can hold any text. On the site it is text: no
     * script runs, no markup breaks out of its table, no handler is set, and a javascript: link
     * stops the build.
     */
    @Test
    void textFromCellsFindingsAndTemplatesIsEscaped() throws IOException {
        Table cells = Table.create("payloads", StringColumn.create("name", "<script>alert(1)</script>",
                "</td></tr></table><img src=x onerror=alert(2)>", "ok"), StringColumn.create("value", "1", "2", "3"));
        write("chapters/01-one.md", "# 1. One\n\n" + Notes.markdown(cells) + "\n\nThe finding: <a href=\"#\" onmouseover=\"alert(3)\">"
                + "x</a> and \" onclick=\"alert(4)\n\n<div onclick=\"alert(5)\">raw</div>\n");
        Path site = work.resolve("site");
        assertEquals(Site.OK, build(site), errors());
        String html = read(site.resolve("01-one.html"));
        for (String forbidden : List.of("<script>", "<img src=x", "<a href=\"#\" onmouseover", "<div onclick", "</table><img")) {
            assertFalse(html.contains(forbidden), forbidden + " in\n" + html);
        }
        assertTrue(html.contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>"), html);
        assertTrue(html.contains("<td>&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;img src=x onerror=alert(2)&gt;</td>"), html);
        assertEquals(1, html.split("<table>", -1).length - 1, "one table, whole");

        for (String link : List.of("[click](javascript:alert(6))", "[click](JavaScript:alert(7))", "<javascript:alert(8)>",
                "[click](data:text/html,<script>alert(9)</script>)", "[click](vbscript:msgbox)")) {
            err.reset();
            write("chapters/01-one.md", "# 1. One\n\n" + link + "\n");
            assertEquals(Site.FAILED, build(site), link);
            assertTrue(errors().contains("chapters/01-one.md: links to ")
                    && errors().contains("where the site allows only http, https, mailto"),
                    errors());
        }
        assertTrue(read(site.resolve("01-one.html")).contains("&lt;script&gt;"), "a refused build leaves the site as it was");
    }

    @Test
    void aSiteWrittenBeforeIsUpdated() throws IOException {
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
    void stagingLeftByAKilledBuildIsCleanedUp() throws IOException {
        Path site = work.resolve("site");
        Files.createDirectories(site.resolve(Staging.PREFIX + "site-999999999/figures"));
        assertEquals(Site.OK, build(site), errors());
        assertFalse(Files.exists(site.resolve(Staging.PREFIX + "site-999999999")));
        try (Stream<Path> names = Files.list(site)) {
            assertTrue(names.noneMatch(p -> p.getFileName().toString().startsWith(Staging.PREFIX)));
        }
    }

    @Test
    void aFolderWithoutTheContentsPageIsNotTheBook() {
        assertEquals(Site.USAGE, Site.build(work, work.resolve("site"), new PrintStream(out), new PrintStream(err)));
        assertTrue(errors().contains("no contents page " + work.resolve("chapters/README.md")), errors());
    }
}
