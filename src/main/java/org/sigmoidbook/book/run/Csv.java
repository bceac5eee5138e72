package org.sigmoidbook.book.run;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.csv.CsvReadOptions;
import tech.tablesaw.io.csv.CsvWriteOptions;

/**
 * The book's result tables as CSV, always UTF-8 whatever the locale. Reading infers each column's
 * type from what the book writes: whole numbers for integer columns, decimals ("1.0", "2.5E-4",
 * "NaN") for double columns, anything else as text; an empty cell is a missing value. (Tablesaw's
 * own guess reads a column of 0.0, 1.0 ... as integers.)
 */
public final class Csv {

    private static final Pattern WHOLE = Pattern.compile("-?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?|[-+]?Infinity|NaN");

    private Csv() {
    }

    public static void write(Table table, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            table.write().csv(CsvWriteOptions.builder(out).build());
        }
    }

    /** Reads a CSV the book wrote; a missing file is a {@link NoSuchFileException} naming it. */
    public static Table read(Path file) throws IOException {
        Table text = readText(file);
        Table typed = Table.create(text.name());
        for (Column<?> column : text.columns()) {
            typed.addColumns(typed((StringColumn) column));
        }
        return typed;
    }

    /** Reads every column as text, exactly as written. */
    public static Table readText(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "missing");
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return Table.read().usingOptions(CsvReadOptions.builder(in).tableName(tableName(file))
                    .columnTypes(column -> ColumnType.STRING).missingValueIndicator("").build());
        }
    }

    private static String tableName(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
    }

    private static Column<?> typed(StringColumn column) {
        List<String> cells = column.asList();
        List<String> present = cells.stream().filter(c -> !c.isEmpty()).toList();
        if (!present.isEmpty() && present.stream().allMatch(c -> WHOLE.matcher(c).matches())) {
            boolean fitsInt = present.stream().allMatch(c -> c.length() < 10 || fitsInt(c));
            return fitsInt ? intColumn(column.name(), cells) : longColumn(column.name(), cells);
        }
        if (present.stream().allMatch(c -> DECIMAL.matcher(c).matches())) {
            return DoubleColumn.create(column.name(), cells.stream().mapToDouble(c -> c.isEmpty() ? Double.NaN : Double.parseDouble(c)));
        }
        return column.copy();
    }

    private static boolean fitsInt(String cell) {
        try {
            Integer.parseInt(cell);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static IntColumn intColumn(String name, List<String> cells) {
        IntColumn column = IntColumn.create(name);
        cells.forEach(c -> {
            if (c.isEmpty()) {
                column.appendMissing();
            } else {
                column.append(Integer.parseInt(c));
            }
        });
        return column;
    }

    private static LongColumn longColumn(String name, List<String> cells) {
        LongColumn column = LongColumn.create(name);
        cells.forEach(c -> {
            if (c.isEmpty()) {
                column.appendMissing();
            } else {
                column.append(Long.parseLong(c));
            }
        });
        return column;
    }
}
