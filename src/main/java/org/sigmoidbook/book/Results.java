package org.sigmoidbook.book;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import tech.tablesaw.api.Table;

/**
 * A chapter's results as its CSV files hold them, {@code data/<id>/*.csv}: what {@link Chapter#draw}
 * and the notes page see, whether the experiment just ran or {@code --replot} reads a folder of
 * earlier results. Tables are read when first asked for; a missing file is an error that names it.
 */
public final class Results {

    public static final String FINDINGS = "findings";

    private final Path dir;
    private final Map<String, Table> tables = new LinkedHashMap<>();
    private Map<String, String> findings;

    public Results(Path dir) {
        this.dir = dir;
    }

    /** The folder the CSV files are read from. */
    public Path dir() {
        return dir;
    }

    /** The table {@code name}, from {@code <name>.csv}. Column types are inferred: use numberColumn() for numbers. */
    public synchronized Table table(String name) {
        return tables.computeIfAbsent(name, this::readTable);
    }

    /** A finding's text exactly as the chapter reported it, such as {@code "0.5000"}. */
    public String finding(String name) {
        String text = findings().get(name);
        if (text == null) {
            throw new IllegalStateException(dir.resolve(FINDINGS + ".csv") + " has no finding '" + name + "'");
        }
        return text;
    }

    /** A numeric finding's value, parsed from its text. */
    public double value(String name) {
        return Double.parseDouble(finding(name));
    }

    /** Every finding, name to text, in the order the chapter reported them. */
    public synchronized Map<String, String> findings() {
        if (findings == null) {
            Map<String, String> read = new LinkedHashMap<>();
            Path file = dir.resolve(FINDINGS + ".csv");
            if (Files.exists(file)) {
                Table table = readText(file);
                for (int row = 0; row < table.rowCount(); row++) {
                    read.put(table.stringColumn("finding").get(row), table.stringColumn("text").get(row));
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Table readTable(String name) {
        try {
            return Csv.read(dir.resolve(name + ".csv"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
