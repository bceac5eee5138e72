package org.sigmoidbook.book.run;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;
import tech.tablesaw.io.csv.CsvWriteOptions;

/**
 * The book's result tables as CSV, always UTF-8 whatever the locale. Tables are read as text, every
 * cell as written ("NaN" and "NA" included; only an empty cell is missing): {@link
 * org.sigmoidbook.book.Rows} gives the cells their types, from the record the table was written with.
 */
public final class Csv {

    private Csv() {
    }

    public static void write(Table table, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            table.write().csv(CsvWriteOptions.builder(out).build());
        }
    }

    /**
     * Reads every column as text, exactly as written. A missing or empty file, a file that is not a
     * table, and a table with a header but no rows (the book writes none) are errors that name the file.
     */
    public static Table readText(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "missing");
        }
        if (Files.size(file) == 0) {
            throw new IOException(file + " is empty");
        }
        Table table;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            table = Table.read().usingOptions(CsvReadOptions.builder(in).tableName(tableName(file))
                    .columnTypes(column -> ColumnType.STRING).missingValueIndicator("").build());
        } catch (RuntimeException e) {
            throw new IOException(file + " cannot be read as a table (" + e.getMessage() + ")", e);
        }
        if (table.rowCount() == 0) {
            throw new IOException(file + " has its header but no rows");
        }
        return table;
    }

    private static String tableName(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
    }
}
