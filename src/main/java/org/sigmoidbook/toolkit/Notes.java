package org.sigmoidbook.toolkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Turns a chapter's note template ({@code src/main/resources/notes/NN-id.md}) into its course-notes
 * page, so that every number a page quotes comes from the run that wrote the page:
 * {@code {{name}}} becomes the finding of that name, {@code {{table:name}}} the chapter's table
 * {@code name} as a Markdown table. An unknown name is an error, not a silent gap.
 */
public final class Notes {

    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.\\d*([eE][-+]?\\d+)?|\\d+[eE][-+]?\\d+|NaN)");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^{}]+)}}");

    private Notes() {
    }

    public static Optional<String> template(String pageName) throws IOException {
        try (InputStream in = Notes.class.getResourceAsStream("/notes/" + pageName + ".md")) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    public static String render(String pageName, String template, List<Finding> findings, Map<String, Table> tables) {
        Map<String, String> values = findings.stream().collect(Collectors.toMap(Finding::name, Finding::text, (a, b) -> b));
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder page = new StringBuilder("<!-- Written by the book from src/main/resources/notes/")
                .append(pageName).append(".md when the chapter runs; edit that file, not this one. -->\n");
        while (matcher.find()) {
            String key = matcher.group(1).strip();
            String value;
            if (key.startsWith("table:")) {
                Table table = tables.get(key.substring("table:".length()));
                if (table == null) {
                    throw new IllegalStateException("notes " + pageName + " refer to a table '" + key + "' the chapter did not write");
                }
                value = markdown(table);
            } else {
                value = values.get(key);
                if (value == null) {
                    throw new IllegalStateException("notes " + pageName + " refer to a finding '" + key + "' the chapter did not report");
                }
            }
            matcher.appendReplacement(page, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(page);
        return page.toString();
    }

    /** A table as Markdown, numbers to four significant digits. */
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

    /**
     * Works on the text a CSV holds, so that a page rendered from the tables in memory and one
     * rendered from the CSV files read back are identical: decimals (text with '.' or an exponent)
     * are shown to four significant digits, everything else as it is.
     */
    private static String cell(Column<?> column, int row) {
        String text = column.getUnformattedString(row);
        if (DECIMAL.matcher(text).matches()) {
            double value = Double.parseDouble(text);
            return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.4g", value);
        }
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
