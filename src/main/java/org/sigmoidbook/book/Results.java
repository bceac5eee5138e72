package org.sigmoidbook.book;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.sigmoidbook.book.run.Csv;
import tech.tablesaw.api.Table;

/**
 * A chapter's results as its CSV files hold them, {@code data/<id>/*.csv}: what {@link Chapter#draw}
 * and the notes page see, whether the experiment just ran or {@code --replot} reads a folder of
 * earlier results. Tables are read when first asked for; a missing file is an error that names it.
 */
public final class Results {

    public static final String FINDINGS = "findings";

    private final Path dir;
    private final Map<String, Table> texts = new LinkedHashMap<>();
    private Map<String, Finding> findings;

    public Results(Path dir) {
        this.dir = dir;
    }

    /** The folder the CSV files are read from. */
    public Path dir() {
        return dir;
    }

    /**
     * The rows of {@code <name>.csv} as records of {@code type}, the type the chapter recorded them
     * with; a file whose columns or cells do not fit the type is an error naming the file, line and column.
     */
    public <R extends Record> List<R> rows(String name, Class<R> type) {
        Path file = dir.resolve(name + ".csv");
        Table text = text(name);
        try {
            return Rows.of(text, type, file.toString());
        } catch (IllegalArgumentException e) {
            throw new UnreadableTableException(file, e.getMessage(), e);
        }
    }

    /**
     * Every cell of {@code <name>.csv} as the text it holds: for showing the table as it is. A file
     * that is missing, empty, not a table or without rows is an {@link UnreadableTableException}.
     */
    public synchronized Table text(String name) {
        return texts.computeIfAbsent(name, n -> readText(dir.resolve(n + ".csv")));
    }

    /** A finding's text exactly as the chapter reported it, such as {@code "0.5000"}. */
    public String finding(String name) {
        return get(name).text();
    }

    /** A numeric finding's value as the chapter recorded it, to full precision; for a finding given as text, the text's number. */
    public double value(String name) {
        Finding finding = get(name);
        return Double.isNaN(finding.value()) ? Double.parseDouble(finding.text()) : finding.value();
    }

    /** A finding with everything it rests on: its basis, interval, n and seeds. */
    public Finding get(String name) {
        Finding finding = findings().get(name);
        if (finding == null) {
            throw new IllegalStateException(dir.resolve(FINDINGS + ".csv") + " has no finding '" + name + "'");
        }
        return finding;
    }

    /** Every finding by name, in the order the chapter reported them. */
    public synchronized Map<String, Finding> findings() {
        if (findings == null) {
            Map<String, Finding> read = new LinkedHashMap<>();
            if (Files.exists(dir.resolve(FINDINGS + ".csv"))) {
                for (Finding finding : rows(FINDINGS, Finding.class)) {
                    read.put(finding.name(), finding);
                }
            }
            findings = read;
        }
        return findings;
    }

    /** The names of every table in the folder, findings included, sorted. */
    public List<String> tableNames() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Table readText(Path file) {
        try {
            return Csv.readText(file);
        } catch (NoSuchFileException e) {
            throw new UnreadableTableException(file, file + " is missing", e);
        } catch (IOException e) {
            throw new UnreadableTableException(file, e.getMessage(), e);
        }
    }
}
