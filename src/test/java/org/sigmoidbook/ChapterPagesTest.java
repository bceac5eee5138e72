package org.sigmoidbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sigmoidbook.toolkit.Finding;
import org.sigmoidbook.toolkit.Notes;
import org.sigmoidbook.toolkit.Tables;
import tech.tablesaw.api.Table;

/**
 * The course notes cannot drift from the code: each page is rendered from the chapter's own
 * findings and tables, shows every figure the chapter draws, and links only to files that exist.
 */
class ChapterPagesTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)\\)");

    static List<Chapter> chapters() {
        return Chapters.ALL;
    }

    private static String page(Chapter chapter) {
        return String.format(Locale.ROOT, "%02d-%s", Chapters.ALL.indexOf(chapter) + 1, chapter.id());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chapters")
    void everyChapterHasATemplateAndANotebook(Chapter chapter) throws IOException {
        assertTrue(Notes.template(page(chapter)).isPresent(), "no src/main/resources/notes/" + page(chapter) + ".md");
        assertTrue(Files.isRegularFile(Path.of("chapters", page(chapter) + ".jsh")), "no notebook chapters/" + page(chapter) + ".jsh");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chapters")
    void theQuickRunWritesAPageThatShowsEveryFigureAndLinksOnlyToWhatExists(Chapter chapter) throws IOException {
        QuickBook.Output run = QuickBook.chapter(chapter.id());
        Path page = run.dir().resolve("chapters").resolve(page(chapter) + ".md");
        String text = Files.readString(page);
        Matcher placeholders = Pattern.compile("\\{\\{[^{}]+}}").matcher(Notes.template(page(chapter)).orElseThrow());
        while (placeholders.find()) {
            assertFalse(text.contains(placeholders.group()), "unrendered " + placeholders.group() + " in " + page);
        }
        try (Stream<Path> figures = Files.list(run.dir().resolve("figures").resolve(chapter.id()))) {
            for (Path png : figures.filter(p -> p.toString().endsWith(".png")).toList()) {
                String link = "](../figures/" + chapter.id() + "/" + png.getFileName() + ")";
                assertTrue(text.contains(link), page(chapter) + " does not show " + png.getFileName());
            }
        } catch (java.nio.file.NoSuchFileException noFigures) {
            // a chapter without figures (the implementation chapter shows tables only)
        }
        for (String target : links(text)) {
            Path resolved = target.startsWith("../") ? run.dir().resolve("chapters").resolve(target).normalize()
                    : Path.of("chapters").resolve(target);
            assertTrue(Files.exists(resolved), page(chapter) + " links to a missing " + target);
        }
    }

    /** The committed pages are exactly what the committed findings and tables render to. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("chapters")
    void theCommittedPageMatchesTheCommittedData(Chapter chapter) throws IOException {
        Path committed = Path.of("chapters", page(chapter) + ".md");
        assertTrue(Files.exists(committed), "run the book to write " + committed);
        Path data = Path.of("data", chapter.id());
        Table findingsCsv = Tables.readCsvAsText(data.resolve("findings.csv"));
        List<Finding> findings = new ArrayList<>();
        for (int row = 0; row < findingsCsv.rowCount(); row++) {
            findings.add(new Finding(findingsCsv.stringColumn("finding").get(row), findingsCsv.stringColumn("text").get(row), Double.NaN));
        }
        Map<String, Table> tables = new HashMap<>();
        try (Stream<Path> csvs = Files.list(data)) {
            for (Path csv : csvs.filter(p -> p.toString().endsWith(".csv")).toList()) {
                tables.put(csv.getFileName().toString().replace(".csv", ""), Tables.readCsvAsText(csv));
            }
        }
        String expected = Notes.render(page(chapter), Notes.template(page(chapter)).orElseThrow(), findings, tables);
        assertEquals(expected, Files.readString(committed), committed + " is stale: run the book and commit its outputs");
    }

    @Test
    void everyLinkInTheCommittedNotesResolves() throws IOException {
        try (Stream<Path> pages = Files.list(Path.of("chapters"))) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".md")).toList()) {
                for (String target : links(Files.readString(page))) {
                    assertTrue(Files.exists(page.getParent().resolve(target).normalize()), page + " links to a missing " + target);
                }
            }
        }
        for (String target : links(Files.readString(Path.of("README.md")))) {
            if (!target.startsWith("http")) {
                assertTrue(Files.exists(Path.of(target).normalize()), "README.md links to a missing " + target);
            }
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
}
