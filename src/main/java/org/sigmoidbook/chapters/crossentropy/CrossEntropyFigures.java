package org.sigmoidbook.chapters.crossentropy;

import org.knowm.xchart.XYChart;
import org.nd4j.linalg.api.buffer.DataType;
import org.sigmoidbook.toolkit.charts.Charts;
import tech.tablesaw.api.Table;

/** The chapter's figures, each drawn from its table alone. */
public final class CrossEntropyFigures {

    /** Zeros cannot sit on a log axis: they are drawn at this floor, below every exact value on the grid. */
    public static final double LOG_FLOOR = 1e-20;

    private CrossEntropyFigures() {
    }

    /** |dL/dz| for label 0 over the grid, log scale: DL4J's clipped XENT in both types against the fused loss and the exact value. */
    public static XYChart outputGradient(Table outputGradient) {
        XYChart chart = Charts.xy("Gradient of the cross-entropy at a sigmoid output, label 0",
                "pre-activation z", "|∂L/∂z| (0 drawn at 1e-20)");
        chart.getStyler().setYAxisLogarithmic(true);
        label0Series(chart, outputGradient);
        return chart;
    }

    /** The loss for label 0 over the grid, log scale: DL4J's floor and cap against the fused loss and the exact value. */
    public static XYChart lossValue(Table lossValue) {
        XYChart chart = Charts.xy("Cross-entropy of a sigmoid output, label 0", "pre-activation z", "L = −log(1 − σ(z)) (0 drawn at 1e-20)");
        chart.getStyler().setYAxisLogarithmic(true);
        label0Series(chart, lossValue);
        return chart;
    }

    /** Held-out accuracy against SGD steps, one line per loss. */
    public static XYChart recovery(Table recovery) {
        XYChart chart = Charts.xy("Recovery from a confidently wrong output unit", "SGD step", "held-out accuracy");
        double lastStep = recovery.intColumn("step").max();
        for (OutputLoss loss : OutputLoss.values()) {
            Table rows = recovery.where(recovery.stringColumn("loss").isEqualTo(loss.id));
            if (!rows.isEmpty()) {
                Charts.line(chart, loss.id, rows.intColumn("step").asDoubleArray(), rows.doubleColumn("heldout_accuracy").asDoubleArray());
            }
        }
        Charts.horizontal(chart, "recovered", Recovery.RECOVERED_ACCURACY, 0, lastStep);
        return chart;
    }

    private static void label0Series(XYChart chart, Table table) {
        Charts.reference(chart, "exact", column(table, "z", DataType.DOUBLE), magnitudes(table, "exact", DataType.DOUBLE));
        Charts.line(chart, "DL4J XENT, FLOAT", column(table, "z", DataType.FLOAT), magnitudes(table, "dl4j_xent", DataType.FLOAT));
        Charts.line(chart, "DL4J XENT, DOUBLE", column(table, "z", DataType.DOUBLE), magnitudes(table, "dl4j_xent", DataType.DOUBLE));
        Charts.line(chart, "fused, FLOAT", column(table, "z", DataType.FLOAT), magnitudes(table, "fused", DataType.FLOAT));
        Charts.line(chart, "SameDiff, FLOAT", column(table, "z", DataType.FLOAT), magnitudes(table, "samediff", DataType.FLOAT));
    }

    private static double[] column(Table table, String column, DataType type) {
        Table rows = table.where(table.intColumn("label").isEqualTo(0).and(table.stringColumn("dtype").isEqualTo(type.name())));
        return rows.doubleColumn(column).asDoubleArray();
    }

    private static double[] magnitudes(Table table, String column, DataType type) {
        double[] values = column(table, column, type);
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.max(Math.abs(values[i]), LOG_FLOOR);
        }
        return values;
    }
}
