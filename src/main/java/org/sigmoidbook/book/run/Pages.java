package org.sigmoidbook.book.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.sigmoidbook.book.ChapterInfo;
import org.sigmoidbook.runtime.Staging;

/**
 * The pages about the whole book, made from the table of contents: the contents page
 * {@code chapters/README.md} (from the template {@code notes/README.md} and its {@code {{chapters}}}
 * placeholder) and the chapter table and gallery in the project's README.md, between its
 * {@value #BEGIN} and {@value #END} markers. Adding a chapter changes them without anyone editing them.
 */
final class Pages {

    static final String BEGIN = "<!-- chapters: begin -->";
    static final String END = "<!-- chapters: end -->";
    private static final String NOTEBOOK = ".jsh";

    private Pages() {
    }

    /**
     * The contents page of the notes in {@code outDir}: every chapter, each linked to its page and
     * its notebook where those are in {@code outDir/chapters}, so that a folder holding part of the
     * book links only to what it holds.
     */
    static String contents(Catalog catalog, Path outDir) throws IOException {
        Path chapters = outDir.resolve("chapters");
        return contents(catalog, entry -> Files.isRegularFile(chapters.resolve(entry.page() + ".md")),
                entry -> Files.isRegularFile(chapters.resolve(entry.page() + NOTEBOOK)));
    }

    private static String contents(Catalog catalog, Predicate<Catalog.Entry> hasPage, Predicate<Catalog.Entry> hasNotebook)
            throws IOException {
        String template = Notes.template("README").orElseThrow(() -> new IllegalStateException("no notes template notes/README.md"));
        StringBuilder table = new StringBuilder("| # | notes | notebook | what it shows |\n|---|---|---|---|\n");
        for (Catalog.Entry entry : catalog.entries()) {
            String notebook = entry.page() + NOTEBOOK;
            table.append("| ").append(entry.number()).append(" | ")
                    .append(hasPage.test(entry) ? "[" + entry.title() + "](" + entry.page() + ".md)" : entry.title() + " (not written here)")
                    .append(" | ").append(hasNotebook.test(entry) ? "[" + notebook + "](" + notebook + ")" : "").append(" | ")
                    .append(cell(entry.info().summary())).append(" |\n");
        }
        return "<!-- Written by the book from src/main/resources/notes/README.md and the chapters' @ChapterInfo. -->\n"
                + template.replace("{{chapters}}", table.toString().stripTrailing());
    }

    /** README.md with its chapter block rewritten; unchanged when it has no markers. */
    static String readme(Catalog catalog, String readme) {
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        if (begin < 0 || end < begin) {
            return readme;
        }
        return readme.substring(0, begin + BEGIN.length()) + "\n" + readmeBlock(catalog) + readme.substring(end);
    }

    static String readmeBlock(Catalog catalog) {
        StringBuilder md = new StringBuilder("| # | chapter | what it shows |\n|---|---|---|\n");
        for (Catalog.Entry entry : catalog.entries()) {
            md.append("| ").append(entry.number()).append(" | [").append(entry.title()).append("](chapters/")
                    .append(entry.page()).append(".md) | ").append(cell(entry.info().summary())).append(" |\n");
        }
        md.append("\nOne figure per chapter, as the current code draws it (click through to the chapter's notes):\n\n| | |\n|---|---|\n");
        List<Catalog.Entry> entries = catalog.entries();
        for (int i = 0; i < entries.size(); i += 2) {
            md.append("| ").append(galleryCell(entries.get(i))).append(" | ")
                    .append(i + 1 < entries.size() ? galleryCell(entries.get(i + 1)) : "").append(" |\n");
        }
        return md.toString();
    }

    private static String galleryCell(Catalog.Entry entry) {
        String figure = "figures/" + entry.id() + "/" + entry.info().cover() + ".png";
        return "[![" + entry.title() + "](" + figure + ")](chapters/" + entry.page() + ".md) **" + entry.number() + ". "
                + entry.title() + "**: " + cell(entry.info().summary());
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    /**
     * Stages the pages about the whole book for the chapter pages now in {@code outDir}: the
     * contents page, README.md where the output folder has one with markers, and, in a folder other
     * than the project, a copy of each written chapter's notebook, so that its links work there too.
     */
    static void stage(Catalog catalog, Path outDir, Path project, Staging staging) throws IOException {
        Path chapters = outDir.resolve("chapters");
        Predicate<Catalog.Entry> hasPage = entry -> Files.isRegularFile(chapters.resolve(entry.page() + ".md"));
        Set<Catalog.Entry> notebooks = new HashSet<>();
        for (Catalog.Entry entry : catalog.entries()) {
            Path notebook = project.resolve("chapters").resolve(entry.page() + NOTEBOOK);
            Path here = chapters.resolve(entry.page() + NOTEBOOK);
            if (hasPage.test(entry) && Files.isRegularFile(notebook)) {
                if (!Files.isRegularFile(here) || Files.mismatch(notebook, here) >= 0) {
                    Files.copy(notebook, staging.file(Path.of("chapters", entry.page() + NOTEBOOK)));
                }
                notebooks.add(entry);
            } else if (Files.isRegularFile(here)) {
                notebooks.add(entry);
            }
        }
        String contents = contents(catalog, hasPage, notebooks::contains);
        Files.writeString(staging.file(Path.of("chapters", "README.md")), contents, StandardCharsets.UTF_8);
        Path readme = outDir.resolve("README.md");
        if (Files.isRegularFile(readme)) {
            String before = Files.readString(readme, StandardCharsets.UTF_8);
            String after = readme(catalog, before);
            if (!after.equals(before)) {
                Files.writeString(staging.file(Path.of("README.md")), after, StandardCharsets.UTF_8);
            }
        }
    }
}
