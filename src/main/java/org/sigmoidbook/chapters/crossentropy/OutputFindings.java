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
 * @param dl4jLossCapFloat      DL4J's loss for label 0 at the grid's largest z, FLOAT (ideal: z)
 * @param dl4jLossCapFloatLabel1 DL4J's loss for label 1 at the grid's smallest z, FLOAT
 * @param dl4jLossCapDouble     DL4J's loss for label 0 at the grid's largest z, DOUBLE
 * @param dl4jLossFloorFloat    DL4J's loss for label 0 at the grid's smallest z, FLOAT (ideal: e^z)
 * @param fusedWorstErrorFloat  the fused loss's largest {@link OutputNumerics#relativeError} over both
 *                              tables, both labels, FLOAT
 * @param fusedWorstErrorDouble the same in DOUBLE
 * @param dl4jGradientFarWrongLabel1Float DL4J's dL/dz for label 1 at the grid's smallest z, FLOAT: the
 *                              mirror image of the label-0 case, but not 0, since sigma(z) does not round to 0 there
 * @param sameDiffWorstErrorWhereWrongFloat SameDiff's largest relative error of dL/dz where the output
 *                              is on the wrong side or undecided (label 0 with z >= 0, label 1 with z <= 0), FLOAT
 */
public record OutputFindings(double dl4jGradientFloat, double dl4jGradientDouble, double fusedGradientFloat, double exactGradient,
                             double dl4jLossCapFloat, double dl4jLossCapFloatLabel1, double dl4jLossCapDouble, double dl4jLossFloorFloat,
                             double fusedWorstErrorFloat, double fusedWorstErrorDouble,
                             double dl4jGradientFarWrongLabel1Float, double sameDiffWorstErrorWhereWrongFloat) {

    public static final double WRONG_LOGIT = 15;

    public static OutputFindings from(Table outputGradient, Table lossValue) {
        double top = outputGradient.doubleColumn("z").max();
        double bottom = outputGradient.doubleColumn("z").min();
        return new OutputFindings(
                value(outputGradient, "dl4j_xent", WRONG_LOGIT, 0, DataType.FLOAT),
                value(outputGradient, "dl4j_xent", WRONG_LOGIT, 0, DataType.DOUBLE),
                value(outputGradient, "fused", WRONG_LOGIT, 0, DataType.FLOAT),
                value(outputGradient, "exact", WRONG_LOGIT, 0, DataType.FLOAT),
                value(lossValue, "dl4j_xent", top, 0, DataType.FLOAT),
                value(lossValue, "dl4j_xent", bottom, 1, DataType.FLOAT),
                value(lossValue, "dl4j_xent", top, 0, DataType.DOUBLE),
                value(lossValue, "dl4j_xent", bottom, 0, DataType.FLOAT),
                Math.max(worstError(outputGradient, "fused", DataType.FLOAT), worstError(lossValue, "fused", DataType.FLOAT)),
                Math.max(worstError(outputGradient, "fused", DataType.DOUBLE), worstError(lossValue, "fused", DataType.DOUBLE)),
                value(outputGradient, "dl4j_xent", bottom, 1, DataType.FLOAT),
                worstErrorWhereWrong(outputGradient, "samediff", DataType.FLOAT));
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

    private static double worstErrorWhereWrong(Table table, String column, DataType type) {
        double worst = 0;
        for (int label : OutputNumerics.LABELS) {
            Table rows = rows(table, label, type);
            rows = rows.where(label == 0 ? rows.doubleColumn("z").isGreaterThanOrEqualTo(0) : rows.doubleColumn("z").isLessThanOrEqualTo(0));
            for (int i = 0; i < rows.rowCount(); i++) {
                worst = Math.max(worst, OutputNumerics.relativeError(rows.doubleColumn(column).get(i), rows.doubleColumn("exact").get(i), type));
            }
        }
        return worst;
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
