package org.sigmoidbook.book.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sigmoidbook.BookTest;
import org.sigmoidbook.QuickBook;
import org.sigmoidbook.book.Finding;
import org.sigmoidbook.book.Results;
import org.sigmoidbook.runtime.ProjectRoot;
import org.sigmoidbook.toolkit.charts.BookTheme;

/**
 * What is committed is what the code makes: every figure and notes page redraws byte for byte from
 * the committed tables, the contents pages come from the table of contents, and every link resolves.
 */
class CommittedBookTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)\\)");
    private static final Path ROOT = ProjectRoot.get();

    static List<Catalog.Entry> chapters() {
        return Catalog.load().entries();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chapters")
    void everyChapterHasATemplateAndANotebook(Catalog.Entry chapter) throws IOException {
        assertTrue(Notes.template(chapter.page()).isPresent(), "no src/main/resources/notes/" + chapter.page() + ".md");
        assertTrue(Files.isRegularFile(ROOT.resolve("chapters").resolve(chapter.page() + ".jsh")), "no notebook chapters/" + chapter.page() + ".jsh");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chapters")
    @Tag("book")
    void theQuickRunWritesAPageThatShowsEveryFigureAndLinksOnlyToWhatExists(Catalog.Entry chapter) throws IOException {
        QuickBook.Output run = QuickBook.book();
        String text = Files.readString(run.dir().resolve("chapters").resolve(chapter.page() + ".md"), StandardCharsets.UTF_8);
        Matcher placeholders = Pattern.compile("\\{\\{[^{}]+}}").matcher(Notes.template(chapter.page()).orElseThrow());
        while (placeholders.find()) {
            assertFalse(text.contains(placeholders.group()), "unrendered " + placeholders.group() + " in " + chapter.page());
        }
        try (Stream<Path> figures = Files.list(run.dir().resolve("figures").resolve(chapter.id()))) {
            for (Path png : figures.filter(p -> p.toString().endsWith(".png")).toList()) {
                assertTrue(text.contains("](../figures/" + chapter.id() + "/" + png.getFileName() + ")"),
                        chapter.page() + " does not show " + png.getFileName());
            }
        }
        for (String target : links(text)) {
            assertTrue(Files.exists(run.dir().resolve("chapters").resolve(target).normalize())
                    || Files.exists(ROOT.resolve("chapters").resolve(target).normalize()), chapter.page() + " links to a missing " + target);
        }
    }

    /**
     * --replot on a copy of the committed tables redraws the committed figures and pages exactly.
     * Fonts are part of a PNG's bytes: the book draws with DejaVu Sans, which must be installed.
     */
    @BookTest
    void replottingTheCommittedTablesReproducesTheCommittedFiguresAndPagesByteForByte(@TempDir Path copy) throws IOException {
        assertTrue(Arrays.asList(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames()).contains(BookTheme.FONT),
                "the figures are drawn in " + BookTheme.FONT + ", which is not installed (Debian: fonts-dejavu-core)");
        List<String> replotted = new ArrayList<>();
        for (Catalog.Entry chapter : chapters()) {
            copyTree(ROOT.resolve("data").resolve(chapter.id()), copy.resolve("data").resolve(chapter.id()));
            replotted.add(chapter.id());
        }
        BookRunnerTest.Result result = BookRunnerTest.run("--replot", "--out", copy.toString());
        assertEquals(BookCommand.OK, result.status(), result.err());
        for (String id : replotted) {
            Catalog.Entry chapter = Catalog.load().byId(id).orElseThrow();
            List<Path> committed = new ArrayList<>(filesUnder(ROOT.resolve("figures").resolve(id)));
            committed.add(ROOT.resolve("chapters").resolve(chapter.page() + ".md"));
            for (Path file : committed) {
                Path redrawn = copy.resolve(ROOT.relativize(file));
                assertTrue(Files.exists(redrawn), "--replot did not draw " + ROOT.relativize(file));
                assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(redrawn),
                        ROOT.relativize(file) + " differs from what its committed tables draw: run the book and commit its outputs");
            }
            assertEquals(filesUnder(ROOT.resolve("figures").resolve(id)).size(), filesUnder(copy.resolve("figures").resolve(id)).size(),
                    "figures/" + id + " holds a figure the chapter no longer draws, or lacks one it draws");
        }
    }

    /**
     * A number that one seed produced is quoted with "one seed" and at most three significant digits;
     * a number over several seeds says how many. (ReproducibilityTest checks that numbers recorded as
     * exact do not change with the seed.)
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("chapters")
    void everyFindingSaysWhatItRestsOnWithTheDigitsItSupports(Catalog.Entry chapter) {
        for (Finding finding : new Results(ROOT.resolve("data").resolve(chapter.id())).findings().values()) {
            String where = chapter.id() + ": " + finding;
            if (finding.seeds() == 1) {
                assertTrue(finding.text().contains("one seed"), where);
                assertTrue(significantDigits(finding.text()) <= 3, where + " quotes more than three significant digits from one seed");
            } else if (finding.seeds() > 1) {
                assertTrue(finding.text().contains(finding.seeds() + " seeds"), where);
            }
        }
    }

    /** The significant digits of the first number in {@code text}: 0.0230 has 3, 1030 has 3, 4.540e-05 has 4. */
    static int significantDigits(String text) {
        Matcher number = Pattern.compile("\\d+(\\.\\d+)?").matcher(text);
        if (!number.find()) {
            return 0;
        }
        String digits = number.group().replace(".", "").replaceFirst("^0+", "");
        return number.group().contains(".") ? digits.length() : digits.replaceFirst("0+$", "").length();
    }

    @Test
    void significantDigitsCountsAsAReaderDoes() {
        assertEquals(3, significantDigits("0.0230 (one seed)"));
        assertEquals(3, significantDigits("1030 (one seed)"));
        assertEquals(4, significantDigits("4.540e-05"));
        assertEquals(2, significantDigits("0.95 (95% CI 0.940–0.960, 5 seeds)"));
    }

    @Test
    void theContentsPageAndTheReadmeChapterTableComeFromTheTableOfContents() throws IOException {
        Catalog book = Catalog.load();
        assertEquals(Pages.contents(book, ROOT), Files.readString(ROOT.resolve("chapters/README.md"), StandardCharsets.UTF_8),
                "chapters/README.md is stale: run the book");
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        assertTrue(readme.contains(Pages.BEGIN) && readme.contains(Pages.END), "README.md lacks its chapter markers");
        assertEquals(Pages.readme(book, readme), readme, "the chapter table in README.md is stale: run the book");
    }

    @Test
    void everyCommittedFigureComesAsPngSvgAndPdfAndNoSvgExceeds200Kb() throws IOException {
        for (Path png : filesUnder(ROOT.resolve("figures"))) {
            if (!png.toString().endsWith(".png")) {
                continue;
            }
            String base = png.toString().substring(0, png.toString().length() - 4);
            assertTrue(Files.exists(Path.of(base + ".svg")), "no SVG beside " + png);
            assertTrue(Files.exists(Path.of(base + ".pdf")), "no PDF beside " + png);
            assertTrue(Files.size(Path.of(base + ".svg")) <= 200 * 1024, base + ".svg is over 200 KB");
        }
    }

    @Test
    void everyLinkInTheCommittedNotesAndTheReadmeResolves() throws IOException {
        try (Stream<Path> pages = Files.list(ROOT.resolve("chapters"))) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".md")).toList()) {
                for (String target : links(Files.readString(page, StandardCharsets.UTF_8))) {
                    assertTrue(Files.exists(page.getParent().resolve(target).normalize()), page + " links to a missing " + target);
                }
            }
        }
        for (String target : links(Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8))) {
            assertTrue(Files.exists(ROOT.resolve(target).normalize()), "README.md links to a missing " + target);
        }
    }

    private static List<String> links(String markdown) {
        List<String> targets = new ArrayList<>();
        Matcher matcher = LINK.matcher(markdown);
        while (matcher.find()) {
            if (!matcher.group(1).startsWith("http")) {
                targets.add(matcher.group(1));
            }
        }
        return targets;
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        for (Path file : filesUnder(from)) {
            Path target = to.resolve(from.relativize(file));
            Files.createDirectories(target.getParent());
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
