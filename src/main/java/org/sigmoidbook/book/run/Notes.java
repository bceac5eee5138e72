package org.sigmoidbook.book.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.sigmoidbook.book.Finding;
import org.sigmoidbook.book.Results;
import org.sigmoidbook.toolkit.charts.FigureFiles.Format;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Turns a chapter's note template ({@code src/main/resources/notes/NN-id.md}) into its course-notes
 * page, so that every number a page quotes comes from the results the page is written with:
 * {@code {{name}}} becomes the finding of that name, {@code {{table:name}}} the table {@code name}
 * as Markdown. The heading and the previous/next links come from the table of contents. An unknown
 * name is an error, not a silent gap.
 */
public final class Notes {

    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.\\d*([eE][-+]?\\d+)?|\\d+[eE][-+]?\\d+|NaN)");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^{}]+)}}");
    private static final String NOTES = "src/main/resources/notes/";

    private Notes() {
    }

    public static Optional<String> template(String name) throws IOException {
        try (InputStream in = Notes.class.getResourceAsStream("/notes/" + name + ".md")) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** The page of {@code entry}, from its template and its results. */
    public static String page(Catalog catalog, Catalog.Entry entry, Results results) throws IOException {
        String template = template(entry.page()).orElseThrow(() -> new IllegalStateException(
                "chapter " + entry.id() + " has no notes template " + NOTES + entry.page() + ".md"));
        return header(catalog, entry) + fill(entry.page(), template, results);
    }

    static String header(Catalog catalog, Catalog.Entry entry) {
        StringBuilder nav = new StringBuilder("[Contents](README.md)");
        catalog.previous(entry).ifPresent(p -> nav.append(" · previous: ").append(link(p)));
        catalog.next(entry).ifPresent(n -> nav.append(" · next: ").append(link(n)));
        return "<!-- Written by the book from " + NOTES + entry.page() + ".md; edit that file, not this one. -->\n"
                + "# " + entry.number() + ". " + entry.title() + "\n\n" + nav + "\n\n";
    }

    static String link(Catalog.Entry entry) {
        return "[" + entry.number() + ". " + entry.title() + "](" + entry.page() + ".md)";
    }

    /** Replaces every placeholder of {@code template} with the finding or table it names. */
    static String fill(String pageName, String template, Results results) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder page = new StringBuilder();
        while (matcher.find()) {
            String key = matcher.group(1).strip();
            String value;
            if (key.startsWith("table:")) {
                String name = key.substring("table:".length());
                if (!results.tableNames().contains(name)) {
                    throw new IllegalStateException("notes " + pageName + " refer to a table '" + name + "' the chapter did not write");
                }
                value = markdown(results.text(name));
            } else {
                Finding finding = results.findings().get(key);
                value = finding == null ? null : finding.text();
                if (value == null) {
                    throw new IllegalStateException("notes " + pageName + " refer to a finding '" + key + "' the chapter did not report");
                }
            }
            matcher.appendReplacement(page, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(page);
        return page.toString();
    }

    /**
     * The page with its figures shown in the formats that were written: a page embeds each figure's
     * PNG, and where no PNG was written ({@code --formats svg,pdf}) it shows the SVG instead, or,
     * without one, links the PDF, which no Markdown viewer shows inline.
     */
    static String withFigureFormats(String page, String chapterId, Set<String> figures, Set<Format> formats) {
        if (formats.contains(Format.PNG)) {
            return page;
        }
        Matcher image = Pattern.compile("!\\[([^\\]]*)]\\(\\.\\./figures/" + Pattern.quote(chapterId) + "/([a-z0-9-]+)\\.png\\)").matcher(page);
        StringBuilder shown = new StringBuilder();
        while (image.find()) {
            String alt = image.group(1);
            String name = image.group(2);
            String base = "../figures/" + chapterId + "/" + name;
            String replacement;
            if (!figures.contains(name)) {
                replacement = image.group();
            } else if (formats.contains(Format.SVG)) {
                replacement = "![" + alt + "](" + base + ".svg)";
            } else {
                replacement = "[" + alt + " (PDF)](" + base + ".pdf)";
            }
            image.appendReplacement(shown, Matcher.quoteReplacement(replacement));
        }
        image.appendTail(shown);
        return shown.toString();
    }

    /** A table as Markdown, decimals to three significant digits: what a number from one run supports. */
    public static String markdown(Table table) {
        StringBuilder md = new StringBuilder();
        List<Column<?>> columns = table.columns();
        md.append("| ").append(columns.stream().map(Column::name).collect(Collectors.joining(" | "))).append(" |\n");
        md.append("|").append(" --- |".repeat(columns.size())).append("\n");
        for (int row = 0; row < table.rowCount(); row++) {
            int r = row;
            md.append("| ").append(columns.stream().map(c -> cell(c, r)).collect(Collectors.joining(" | "))).append(" |\n");
        }
        return md.toString().stripTrailing();
    }

    private static String cell(Column<?> column, int row) {
        String text = column.getUnformattedString(row);
        if (DECIMAL.matcher(text).matches()) {
            double value = Double.parseDouble(text);
            return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.3g", value);
        }
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
