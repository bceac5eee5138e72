package org.sigmoidbook.chapters.crossentropy;

import java.util.List;
import java.util.function.ToDoubleFunction;

import org.nd4j.linalg.api.buffer.DataType;
import org.sigmoidbook.chapters.crossentropy.OutputNumerics.GridPoint;

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

    public static OutputFindings from(List<GridPoint> outputGradient, List<GridPoint> lossValue) {
        double top = outputGradient.stream().mapToDouble(GridPoint::z).max().orElseThrow();
        double bottom = outputGradient.stream().mapToDouble(GridPoint::z).min().orElseThrow();
        return new OutputFindings(
                value(outputGradient, GridPoint::dl4jXent, WRONG_LOGIT, 0, DataType.FLOAT),
                value(outputGradient, GridPoint::dl4jXent, WRONG_LOGIT, 0, DataType.DOUBLE),
                value(outputGradient, GridPoint::fused, WRONG_LOGIT, 0, DataType.FLOAT),
                value(outputGradient, GridPoint::exact, WRONG_LOGIT, 0, DataType.FLOAT),
                value(lossValue, GridPoint::dl4jXent, top, 0, DataType.FLOAT),
                value(lossValue, GridPoint::dl4jXent, bottom, 1, DataType.FLOAT),
                value(lossValue, GridPoint::dl4jXent, top, 0, DataType.DOUBLE),
                value(lossValue, GridPoint::dl4jXent, bottom, 0, DataType.FLOAT),
                Math.max(worstError(outputGradient, GridPoint::fused, DataType.FLOAT), worstError(lossValue, GridPoint::fused, DataType.FLOAT)),
                Math.max(worstError(outputGradient, GridPoint::fused, DataType.DOUBLE), worstError(lossValue, GridPoint::fused, DataType.DOUBLE)),
                value(outputGradient, GridPoint::dl4jXent, bottom, 1, DataType.FLOAT),
                worstErrorWhereWrong(outputGradient, GridPoint::samediff, DataType.FLOAT));
    }

    /** One way's value at one grid point. */
    public static double value(List<GridPoint> table, ToDoubleFunction<GridPoint> way, double z, int label, DataType type) {
        List<GridPoint> row = rows(table, label, type).stream().filter(point -> point.z() == z).toList();
        if (row.size() != 1) {
            throw new IllegalArgumentException("the grid has " + row.size() + " rows for z = " + z + ", label " + label + ", " + type);
        }
        return way.applyAsDouble(row.get(0));
    }

    private static List<GridPoint> rows(List<GridPoint> table, int label, DataType type) {
        return table.stream().filter(point -> point.label() == label && point.dataType() == type).toList();
    }

    private static double worstErrorWhereWrong(List<GridPoint> table, ToDoubleFunction<GridPoint> way, DataType type) {
        double worst = 0;
        for (int label : OutputNumerics.LABELS) {
            for (GridPoint point : rows(table, label, type)) {
                if (label == 0 ? point.z() >= 0 : point.z() <= 0) {
                    worst = Math.max(worst, OutputNumerics.relativeError(way.applyAsDouble(point), point.exact(), type));
                }
            }
        }
        return worst;
    }

    private static double worstError(List<GridPoint> table, ToDoubleFunction<GridPoint> way, DataType type) {
        double worst = 0;
        for (int label : OutputNumerics.LABELS) {
            for (GridPoint point : rows(table, label, type)) {
                worst = Math.max(worst, OutputNumerics.relativeError(way.applyAsDouble(point), point.exact(), type));
            }
        }
        return worst;
    }
}
