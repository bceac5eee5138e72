package org.sigmoidbook.book;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A result table as a list of Java records, the one description of its columns: each record
 * component is a column, named in snake_case ({@code heldoutAccuracy} is {@code heldout_accuracy})
 * unless {@link CsvColumn#value()} names it, in declaration order. What a chapter records with
 * {@link Lab#table(String, List)} is read back by {@link Results#rows(String, Class)} into the same
 * record, so that measure, draw, the notes and the tests share the column names through the type.
 * <p>
 * Component types: {@code double}, {@code int}, {@code long}, {@code boolean}, {@code String},
 * an enum (written as its {@code id()} where it has one, else its name), and {@code Double},
 * {@code Integer} and {@code Long} for cells that may be empty (null). A {@code double} must be
 * finite unless its component says {@link CsvColumn#finite() finite = false}: a NaN is a missing
 * value, and a missing value belongs in a boxed component.
 * <p>
 * Reading checks the file against the record: the same columns in the same order, a value of the
 * right type in every cell, nothing missing where the record does not allow it. A failure names
 * the file, the row and the column.
 */
public final class Rows {

    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?|[-+]?Infinity|NaN");
    private static final Pattern WHOLE = Pattern.compile("-?\\d+");
    private static final Map<Class<?>, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private Rows() {
    }

    /**
     * Initialises Tablesaw's {@link Table} on a thread of its own. Its class initialiser scans the
     * whole class path for readers and writers, about half a second on a quick run's JVM; a run
     * starts it here so that it overlaps the backend's start instead of following it. A failure
     * is left to the first table made, which reports it.
     */
    public static void initialiseInBackground() {
        Thread thread = new Thread(() -> {
            try {
                Class.forName(Table.class.getName(), true, Rows.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                // Reported where a table is first made.
            }
        }, "tablesaw-start");
        thread.setDaemon(true);
        thread.start();
    }

    /** The column names of {@code type}, in order. */
    public static List<String> columns(Class<? extends Record> type) {
        return schema(type).names();
    }

    /** {@code rows} as a Tablesaw table, one typed column per component: for a chapter that computes on it. */
    public static <R extends Record> Table table(String name, Class<R> type, List<R> rows) {
        Schema schema = schema(type);
        Table table = Table.create(name);
        for (Field field : schema.fields()) {
            table.addColumns(field.column(rows));
        }
        return table;
    }

    /**
     * The rows of {@code table}, whose columns must be those of {@code type}; {@code source} (a file
     * name, say) is what error messages call the table.
     */
    public static <R extends Record> List<R> of(Table table, Class<R> type, String source) {
        Schema schema = schema(type);
        List<String> header = table.columnNames();
        if (!header.equals(schema.names())) {
            throw new IllegalArgumentException(source + " has the columns " + header + " where " + type.getSimpleName()
                    + " needs " + schema.names());
        }
        List<Column<?>> columns = table.columns();
        List<R> rows = new ArrayList<>(table.rowCount());
        Object[] values = new Object[columns.size()];
        for (int row = 0; row < table.rowCount(); row++) {
            for (int c = 0; c < values.length; c++) {
                Field field = schema.fields().get(c);
                String cell = columns.get(c).getUnformattedString(row);
                try {
                    values[c] = field.parse(cell);
                } catch (IllegalArgumentException e) {
                    // Row numbers as a reader counts the lines of the file: the header is line 1.
                    throw new IllegalArgumentException(String.format(Locale.ROOT, "%s, line %d, column %s: %s", source, row + 2,
                            field.name(), e.getMessage()), e);
                }
            }
            rows.add(type.cast(schema.construct(values)));
        }
        return rows;
    }

    private static Schema schema(Class<? extends Record> type) {
        return SCHEMAS.computeIfAbsent(type, t -> Schema.of(type));
    }

    /** Lower camel case to snake_case: {@code firstEpochAbove09} is {@code first_epoch_above09}. */
    static String snakeCase(String name) {
        StringBuilder snake = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                snake.append('_').append(Character.toLowerCase(c));
            } else {
                snake.append(c);
            }
        }
        return snake.toString();
    }

    private record Schema(Constructor<?> constructor, List<Field> fields) {

        static Schema of(Class<? extends Record> type) {
            if (!type.isRecord()) {
                throw new IllegalArgumentException(type.getName() + " is not a record");
            }
            RecordComponent[] components = type.getRecordComponents();
            List<Field> fields = new ArrayList<>();
            for (RecordComponent component : components) {
                fields.add(Field.of(type, component));
            }
            try {
                Constructor<?> constructor = type.getDeclaredConstructor(
                        Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
                constructor.setAccessible(true);
                return new Schema(constructor, List.copyOf(fields));
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(type.getName() + " has no canonical constructor", e);
            }
        }

        List<String> names() {
            return fields.stream().map(Field::name).toList();
        }

        Object construct(Object[] values) {
            try {
                return constructor.newInstance(values);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** One column: its name, the component's type and accessor, and whether a double may be NaN or infinite. */
    private record Field(String name, Class<?> type, Method accessor, boolean finite) {

        static Field of(Class<?> record, RecordComponent component) {
            CsvColumn declared = component.getAnnotation(CsvColumn.class);
            String name = declared == null || declared.value().isEmpty() ? snakeCase(component.getName()) : declared.value();
            boolean finite = declared == null || declared.finite();
            Class<?> type = component.getType();
            if (!(type == double.class || type == Double.class || type == int.class || type == Integer.class || type == long.class
                    || type == Long.class || type == boolean.class || type == String.class || type.isEnum())) {
                throw new IllegalArgumentException(record.getSimpleName() + "." + component.getName() + " has the type "
                        + type.getSimpleName() + ", which a table cannot hold");
            }
            Method accessor = component.getAccessor();
            accessor.setAccessible(true);
            return new Field(name, type, accessor, finite);
        }

        Object get(Record row) {
            try {
                return accessor.invoke(row);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        Column<?> column(List<? extends Record> rows) {
            if (type == double.class || type == Double.class) {
                DoubleColumn column = DoubleColumn.create(name);
                for (Record row : rows) {
                    Double value = (Double) get(row);
                    if (value == null) {
                        column.appendMissing();
                        continue;
                    }
                    if (finite && !Double.isFinite(value)) {
                        throw new IllegalArgumentException(row + ": column " + name + " must be finite, and is " + value
                                + (type == double.class ? " (a value that may be missing belongs in a Double)" : ""));
                    }
                    column.append(value.doubleValue());
                }
                return column;
            }
            if (type == int.class || type == Integer.class) {
                IntColumn column = IntColumn.create(name);
                rows.forEach(row -> {
                    Integer value = (Integer) get(row);
                    if (value == null) {
                        column.appendMissing();
                    } else {
                        column.append(value.intValue());
                    }
                });
                return column;
            }
            if (type == long.class || type == Long.class) {
                LongColumn column = LongColumn.create(name);
                rows.forEach(row -> {
                    Long value = (Long) get(row);
                    if (value == null) {
                        column.appendMissing();
                    } else {
                        column.append(value.longValue());
                    }
                });
                return column;
            }
            StringColumn column = StringColumn.create(name);
            rows.forEach(row -> column.append(text(get(row))));
            return column;
        }

        private String text(Object value) {
            if (value == null) {
                throw new IllegalArgumentException("column " + name + " has no value: a " + type.getSimpleName() + " column cannot be empty");
            }
            if (value instanceof Enum<?> constant) {
                return Enums.id(constant);
            }
            return value.toString();
        }

        Object parse(String cell) {
            boolean boxed = type == Double.class || type == Integer.class || type == Long.class;
            if (cell.isEmpty()) {
                if (boxed) {
                    return null;
                }
                if (type == String.class) {
                    return cell;
                }
                if (type == double.class && !finite) {
                    return Double.NaN;
                }
                throw new IllegalArgumentException("the cell is empty");
            }
            if (type == double.class || type == Double.class) {
                if (!DECIMAL.matcher(cell).matches()) {
                    throw new IllegalArgumentException("'" + cell + "' is not a number");
                }
                double value = Double.parseDouble(cell);
                if (finite && !Double.isFinite(value)) {
                    throw new IllegalArgumentException("'" + cell + "' is not a finite number");
                }
                return value;
            }
            if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
                if (!WHOLE.matcher(cell).matches()) {
                    throw new IllegalArgumentException("'" + cell + "' is not a whole number");
                }
                try {
                    return type == long.class || type == Long.class ? (Object) Long.parseLong(cell) : (Object) Integer.parseInt(cell);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + cell + "' is out of range");
                }
            }
            if (type == boolean.class) {
                if (!cell.equals("true") && !cell.equals("false")) {
                    throw new IllegalArgumentException("'" + cell + "' is neither true nor false");
                }
                return Boolean.parseBoolean(cell);
            }
            if (type.isEnum()) {
                return Enums.parse(type, cell);
            }
            return cell;
        }
    }

    /** Enum constants in a table: by their {@code id()} where the enum has one, else by name. */
    private static final class Enums {

        static String id(Enum<?> constant) {
            Method id = idMethod(constant.getDeclaringClass());
            if (id == null) {
                return constant.name();
            }
            try {
                return (String) id.invoke(constant);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        static Object parse(Class<?> type, String cell) {
            for (Object constant : type.getEnumConstants()) {
                if (id((Enum<?>) constant).equals(cell)) {
                    return constant;
                }
            }
            throw new IllegalArgumentException("'" + cell + "' is not one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> id((Enum<?>) c)).toList());
        }

        private static Method idMethod(Class<?> type) {
            try {
                Method id = type.getMethod("id");
                if (id.getReturnType() != String.class) {
                    return null;
                }
                id.setAccessible(true);
                return id;
            } catch (NoSuchMethodException e) {
                return null;
            }
        }
    }
}
