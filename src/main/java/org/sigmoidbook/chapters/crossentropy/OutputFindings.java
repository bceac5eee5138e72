package org.sigmoidbook.chapters.crossentropy;

import org.nd4j.linalg.api.buffer.DataType;
import tech.tablesaw.api.Table;

/**
 * The numbers the page states about a sigmoid output's cross-entropy, read from the
 * {@code output-gradient} and {@code loss-value} tables alone (so they can be re-read from the CSVs).
 * "Wrong" is label 0 with z = {@link #WRONG_LOGIT}: the output says 1 with probability sigma(15).
 *
 * @param dl4jGradientFloat     DL4J's dL/dz for the wrong example, FLOAT
 * @param dl4jGradientDouble    the same in DOUBLE
 * @param fusedGradientFloat    the fused loss's dL/dz for the wrong example, FLOAT
 * @param exactGradient         the exact dL/dz, sigma(15)
 * @param dl4jLastNonZeroFloat  label 0, FLOAT: the largest grid z where DL4J's gradient is not 0
 * @param dl4jFirstZeroFloat    label 0, FLOAT: the smallest grid z from which DL4J's gradient is 0 to the grid's end
 * @param dl4jLastNonZeroDouble label 0, DOUBLE: the largest grid z where DL4J's gradient is not 0
 * @param dl4jFirstZeroDouble   label 0, DOUBLE: the smallest grid z from which DL4J's gradient is 0 to the grid's end
 * @param dl4jLossCapFloat      DL4J's loss for label 0 at the grid's largest z, FLOAT (ideal: z)
 * @param dl4jLossCapFloatLabel1 DL4J's loss for label 1 at the grid's smallest z, FLOAT
 * @param dl4jLossCapDouble     DL4J's loss for label 0 at the grid's largest z, DOUBLE
 * @param dl4jLossFloorFloat    DL4J's loss for label 0 at the grid's smallest z, FLOAT (ideal: e^z)
 * @param fusedWorstErrorFloat  the fused loss's largest {@link OutputNumerics#relativeError} over both
 *                              tables, both labels, FLOAT
 * @param fusedWorstErrorDouble the same in DOUBLE
 * @param sameDiffLastZeroGradientFloat label 0, FLOAT: the largest grid z where SameDiff's gradient is 0
 *                              (its exact value sigma(z) is not); NaN if none
 * @param sameDiffLastZeroGradientDouble the same in DOUBLE
 */
public record OutputFindings(double dl4jGradientFloat, double dl4jGradientDouble, double fusedGradientFloat, double exactGradient,
                             double dl4jLastNonZeroFloat, double dl4jFirstZeroFloat,
                             double dl4jLastNonZeroDouble, double dl4jFirstZeroDouble,
                             double dl4jLossCapFloat, double dl4jLossCapFloatLabel1, double dl4jLossCapDouble, double dl4jLossFloorFloat,
                             double fusedWorstErrorFloat, double fusedWorstErrorDouble,
                             double sameDiffLastZeroGradientFloat, double sameDiffLastZeroGradientDouble) {

    public static final double WRONG_LOGIT = 15;

    public static OutputFindings from(Table outputGradient, Table lossValue) {
        double top = outputGradient.doubleColumn("z").max();
        double bottom = outputGradient.doubleColumn("z").min();
        return new OutputFindings(
                value(outputGradient, "dl4j_xent", WRONG_LOGIT, 0, DataType.FLOAT),
                value(outputGradient, "dl4j_xent", WRONG_LOGIT, 0, DataType.DOUBLE),
                value(outputGradient, "fused", WRONG_LOGIT, 0, DataType.FLOAT),
                value(outputGradient, "exact", WRONG_LOGIT, 0, DataType.FLOAT),
                lastNonZero(outputGradient, "dl4j_xent", DataType.FLOAT), firstZeroToTheEnd(outputGradient, DataType.FLOAT),
                lastNonZero(outputGradient, "dl4j_xent", DataType.DOUBLE), firstZeroToTheEnd(outputGradient, DataType.DOUBLE),
                value(lossValue, "dl4j_xent", top, 0, DataType.FLOAT),
                value(lossValue, "dl4j_xent", bottom, 1, DataType.FLOAT),
                value(lossValue, "dl4j_xent", top, 0, DataType.DOUBLE),
                value(lossValue, "dl4j_xent", bottom, 0, DataType.FLOAT),
                Math.max(worstError(outputGradient, "fused", DataType.FLOAT), worstError(lossValue, "fused", DataType.FLOAT)),
                Math.max(worstError(outputGradient, "fused", DataType.DOUBLE), worstError(lossValue, "fused", DataType.DOUBLE)),
                lastZero(outputGradient, "samediff", DataType.FLOAT),
                lastZero(outputGradient, "samediff", DataType.DOUBLE));
    }

    /** The value in {@code column} at one grid point. */
    public static double value(Table table, String column, double z, int label, DataType type) {
        Table rows = rows(table, label, type);
        Table row = rows.where(rows.doubleColumn("z").isEqualTo(z));
        if (row.rowCount() != 1) {
            throw new IllegalArgumentException(table.name() + " has " + row.rowCount() + " rows for z = " + z + ", label " + label + ", " + type);
        }
        return row.doubleColumn(column).get(0);
    }

    private static Table rows(Table table, int label, DataType type) {
        return table.where(table.intColumn("label").isEqualTo(label).and(table.stringColumn("dtype").isEqualTo(type.name())));
    }

    private static double lastNonZero(Table table, String column, DataType type) {
        Table label0 = rows(table, 0, type);
        return label0.where(label0.doubleColumn(column).isNotEqualTo(0.0)).doubleColumn("z").max();
    }

    /** The smallest z from which DL4J's label-0 gradient stays exactly 0 up to the grid's end; NaN if it never does. */
    private static double firstZeroToTheEnd(Table table, DataType type) {
        Table label0 = rows(table, 0, type).sortAscendingOn("z");
        double first = Double.NaN;
        for (int i = label0.rowCount() - 1; i >= 0 && label0.doubleColumn("dl4j_xent").get(i) == 0.0; i--) {
            first = label0.doubleColumn("z").get(i);
        }
        return first;
    }

    /** The largest label-0 grid z where {@code column} is exactly 0; NaN if it never is. */
    private static double lastZero(Table table, String column, DataType type) {
        Table label0 = rows(table, 0, type);
        Table zeros = label0.where(label0.doubleColumn(column).isEqualTo(0.0));
        return zeros.isEmpty() ? Double.NaN : zeros.doubleColumn("z").max();
    }

    private static double worstError(Table table, String column, DataType type) {
        double worst = 0;
        for (int label : OutputNumerics.LABELS) {
            Table rows = rows(table, label, type);
            for (int i = 0; i < rows.rowCount(); i++) {
                worst = Math.max(worst, OutputNumerics.relativeError(rows.doubleColumn(column).get(i), rows.doubleColumn("exact").get(i), type));
            }
        }
        return worst;
    }
}
