package org.sigmoidbook.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;
import tech.tablesaw.io.csv.CsvWriteOptions;

class RowsTest {

    enum Unit {
        SIGMOID("sigmoid"), TANH("tanh");

        private final String id;

        Unit(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    enum Plain { FLOAT, DOUBLE }

    record Run(Unit hidden, Plain dataType, int seed, long steps, double heldOutAccuracy, Integer firstEpochAbove, Double optional,
               boolean learned, String note, @CsvColumn(value = "log(1 + exp(z))", finite = false) double softplus) {
    }

    private static final List<Run> RUNS = List.of(
            new Run(Unit.SIGMOID, Plain.FLOAT, 42, 10_000_000_000L, 0.5, 3, 1e-4, true, "a, \"quoted\" note", Double.POSITIVE_INFINITY),
            new Run(Unit.TANH, Plain.DOUBLE, 43, 7, 0.125, null, null, false, "", Double.NaN));

    @Test
    void columnsAreTheComponentsInSnakeCaseInOrder() {
        assertEquals(List.of("hidden", "data_type", "seed", "steps", "held_out_accuracy", "first_epoch_above", "optional", "learned",
                "note", "log(1 + exp(z))"), Rows.columns(Run.class));
    }

    @Test
    void rowsSurviveTheCsvAsTheyWere() {
        String csv = csv(Rows.table("runs", Run.class, RUNS));
        assertEquals("""
                hidden,data_type,seed,steps,held_out_accuracy,first_epoch_above,optional,learned,note,log(1 + exp(z))
                sigmoid,FLOAT,42,10000000000,0.5,3,1.0E-4,true,"a, ""quoted"" note",Infinity
                tanh,DOUBLE,43,7,0.125,,,false,,
                """, csv);
        List<Run> back = Rows.of(text(csv), Run.class, "runs.csv");
        assertEquals(RUNS.get(0), back.get(0));
        Run second = back.get(1);
        assertNull(second.firstEpochAbove());
        assertNull(second.optional());
        assertTrue(Double.isNaN(second.softplus()));
        assertEquals(RUNS.get(1).note(), second.note());
    }

    @Test
    void aNonFiniteValueWhereTheRecordWantsAFiniteOneIsRefusedWhenWritten() {
        record Point(double z, double sigma) {
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Rows.table("points", Point.class, List.of(new Point(0, Double.NaN))));
        assertTrue(e.getMessage().contains("sigma must be finite"), e.getMessage());
    }

    @Test
    void readingNamesTheFileLineAndColumnOfABadCell() {
        record Point(double z, int count) {
        }
        assertMessage("points.csv, line 3, column z: 'abc' is not a number", "z,count\n1.0,2\nabc,3\n", Point.class);
        assertMessage("points.csv, line 2, column count: '2.5' is not a whole number", "z,count\n1.0,2.5\n", Point.class);
        assertMessage("points.csv, line 2, column z: the cell is empty", "z,count\n,2\n", Point.class);
        assertMessage("points.csv, line 2, column z: 'NaN' is not a finite number", "z,count\nNaN,2\n", Point.class);
        assertMessage("points.csv, line 2, column z: 'Infinity' is not a finite number", "z,count\nInfinity,2\n", Point.class);
        assertMessage("points.csv has the columns [z, sigma] where Point needs [z, count]", "z,sigma\n1.0,2\n", Point.class);
        record Labelled(Unit hidden) {
        }
        assertMessage("points.csv, line 2, column hidden: 'relu' is not one of [sigmoid, tanh]", "hidden\nrelu\n", Labelled.class);
    }

    private static void assertMessage(String expected, String csv, Class<? extends Record> type) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Rows.of(text(csv), type, "points.csv"));
        assertEquals(expected, e.getMessage());
    }

    private static String csv(Table table) {
        StringWriter out = new StringWriter();
        table.write().csv(CsvWriteOptions.builder(out).build());
        return out.toString().replace("\r\n", "\n");
    }

    private static Table text(String csv) {
        return Table.read().usingOptions(CsvReadOptions.builder(new StringReader(csv)).columnTypes(c -> ColumnType.STRING).missingValueIndicator("").build());
    }
}
