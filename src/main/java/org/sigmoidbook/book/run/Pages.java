package org.sigmoidbook.book.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.sigmoidbook.book.ChapterInfo;

/**
 * The pages about the whole book, made from the table of contents: the contents page
 * {@code chapters/README.md} (from the template {@code notes/README.md} and its {@code {{chapters}}}
 * placeholder) and the chapter table and gallery in the project's README.md, between its
 * {@value #BEGIN} and {@value #END} markers. Adding a chapter changes them without anyone editing them.
 */
final class Pages {

    static final String BEGIN = "<!-- chapters: begin -->";
    static final String END = "<!-- chapters: end -->";

    private Pages() {
    }

    static String contents(Catalog catalog) throws IOException {
        String template = Notes.template("README").orElseThrow(() -> new IllegalStateException("no notes template notes/README.md"));
        StringBuilder table = new StringBuilder("| # | notes | notebook | what it shows |\n|---|---|---|---|\n");
        for (Catalog.Entry entry : catalog.entries()) {
            table.append("| ").append(entry.number()).append(" | [").append(entry.title()).append("](").append(entry.page())
                    .append(".md) | [").append(entry.page()).append(".jsh](").append(entry.page()).append(".jsh) | ")
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

    /** Stages the contents page, and README.md where the output folder has one with markers. */
    static void stage(Catalog catalog, Path outDir, Staging staging) throws IOException {
        Files.writeString(staging.file(Path.of("chapters", "README.md")), contents(catalog), StandardCharsets.UTF_8);
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
