package org.sigmoidbook.toolkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/** Result tables as CSV, so a reader can re-plot every figure from {@code data/}. */
public final class Tables {

    private Tables() {
    }

    public static void writeCsv(Table table, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        table.write().csv(file.toFile());
    }

    /** Reads a CSV the book wrote; give the column types, since Tablesaw guesses 0.0, 1.0 ... as integers. */
    public static Table readCsv(Path file, ColumnType... types) throws IOException {
        CsvReadOptions.Builder options = CsvReadOptions.builder(file.toFile());
        if (types.length > 0) {
            options.columnTypes(types);
        }
        return Table.read().usingOptions(options.build());
    }

    /** Reads every column of a CSV as text, exactly as written. */
    public static Table readCsvAsText(Path file) throws IOException {
        ColumnType[] text = new ColumnType[readCsv(file).columnCount()];
        Arrays.fill(text, ColumnType.STRING);
        return readCsv(file, text);
    }
}
