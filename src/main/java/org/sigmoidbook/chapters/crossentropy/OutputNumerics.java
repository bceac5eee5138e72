package org.sigmoidbook.chapters.crossentropy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.nd4j.autodiff.loss.LossReduce;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.sigmoidbook.runtime.Logging;
import org.sigmoidbook.runtime.Silence;
import org.sigmoidbook.toolkit.nn.BinaryCrossEntropyWithLogits;
import org.sigmoidbook.toolkit.numerics.ExactSigmoid;

/**
 * A sigmoid output unit's binary cross-entropy and its gradient dL/dz, over a grid of logits z in
 * [-40, 40], for labels 0 and 1, in FLOAT and DOUBLE, computed four ways:
 * <ul>
 *   <li>{@code dl4j_xent}: DL4J's {@code LossBinaryXENT} with a sigmoid activation, the pair a DL4J user
 *       gets from {@code LossFunction.XENT}; it clips sigma(z) to [1e-5, 1 - 1e-5] and back-propagates
 *       through sigma' separately;</li>
 *   <li>{@code fused}: the toolkit's {@link BinaryCrossEntropyWithLogits} with an identity activation;</li>
 *   <li>{@code exact}: 40 digits ({@link ExactSigmoid}), rounded once to double; the same for both
 *       types, since every grid point is exactly representable in both;</li>
 *   <li>{@code samediff}: SameDiff's {@code sigmoidCrossEntropy} from logits (no label smoothing, no
 *       weights), the gradient by SameDiff's autodiff.</li>
 * </ul>
 * Rows run by type, then label, then z.
 */
public final class OutputNumerics {

    public static final double Z_LIMIT = 40;
    public static final List<DataType> TYPES = List.of(DataType.FLOAT, DataType.DOUBLE);
    public static final int[] LABELS = {0, 1};

    private static final String SAMEDIFF_OP_LOGGER = "org.nd4j.autodiff.functions.DifferentialFunction";
    private static final IActivation SIGMOID = new ActivationSigmoid();
    private static final IActivation IDENTITY = new ActivationIdentity();

    private OutputNumerics() {
    }

    /** What a table holds at each z: the loss, or its derivative with respect to z. */
    private enum Quantity {
        LOSS, GRADIENT
    }

    /** A row of {@code output-gradient} or {@code loss-value}: dL/dz or L at one logit, label and type, the four ways. */
    public record GridPoint(double z, int label, DataType dataType, double dl4jXent, double fused, double exact, double samediff) {
    }

    /** dL/dz over the grid: table {@code output-gradient}. */
    public static List<GridPoint> outputGradient(int stepsPerUnit) {
        return table(Quantity.GRADIENT, stepsPerUnit);
    }

    /** The loss L over the grid: table {@code loss-value}. */
    public static List<GridPoint> lossValue(int stepsPerUnit) {
        return table(Quantity.LOSS, stepsPerUnit);
    }

    /**
     * z from -40 to 40 in steps of 1/stepsPerUnit. A power of two keeps every z exact in FLOAT, so that
     * FLOAT and DOUBLE see the same logits and share one exact answer.
     */
    public static double[] grid(int stepsPerUnit) {
        if (stepsPerUnit < 1 || Integer.bitCount(stepsPerUnit) != 1) {
            throw new IllegalArgumentException("steps per unit must be a power of two, not " + stepsPerUnit);
        }
        int half = (int) Z_LIMIT * stepsPerUnit;
        double[] z = new double[2 * half + 1];
        for (int i = 0; i < z.length; i++) {
            z[i] = (double) (i - half) / stepsPerUnit;
        }
        return z;
    }

    /** The exact loss of logit z for a label 0 or 1: softplus(z) for 0, softplus(-z) for 1. */
    public static double exactLoss(double z, int label) {
        return ExactSigmoid.softplus(label == 1 ? -z : z);
    }

    /** The exact dL/dz = sigma(z) - label, for a label 0 or 1, without cancellation: -sigma(-z) for 1. */
    public static double exactGradient(double z, int label) {
        return label == 1 ? -ExactSigmoid.of(-z) : ExactSigmoid.of(z);
    }

    /**
     * |computed - exact| / max(|exact|, the smallest normal number of the type): the relative error
     * wherever the exact value is a normal number of the type; below that (FLOAT's e^-z beyond
     * z = 87.3) the type holds fewer significant digits, and the error is taken relative to its
     * smallest normal number instead. On this chapter's grid every exact value that is not 0 is normal
     * in both types.
     */
    public static double relativeError(double computed, double exact, DataType type) {
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("the chapter measures FLOAT and DOUBLE, not " + type);
        }
        double smallestNormal = type == DataType.FLOAT ? Float.MIN_NORMAL : Double.MIN_NORMAL;
        return Math.abs(computed - exact) / Math.max(Math.abs(exact), smallestNormal);
    }

    private static List<GridPoint> table(Quantity quantity, int stepsPerUnit) {
        double[] grid = grid(stepsPerUnit);
        double[][] exact = exact(quantity, grid);
        List<GridPoint> table = new ArrayList<>();
        for (DataType type : TYPES) {
            for (int label : LABELS) {
                INDArray z = Nd4j.createFromArray(grid).castTo(type).reshape(grid.length, 1);
                INDArray labels = labels(z, label);
                double[] dl4j = evaluate(quantity, new LossBinaryXENT(), labels, z, SIGMOID);
                double[] fused = evaluate(quantity, new BinaryCrossEntropyWithLogits(), labels, z, IDENTITY);
                double[] sameDiff = sameDiff(quantity, labels, z);
                for (int i = 0; i < grid.length; i++) {
                    table.add(new GridPoint(grid[i], label, type, dl4j[i], fused[i], exact[label][i], sameDiff[i]));
                }
            }
        }
        return table;
    }

    /**
     * The exact values for labels 0 and 1 at every grid point, computed once for both types. The grid
     * is symmetric about 0 and label 1 at z is label 0 at -z (with the gradient's sign flipped), so
     * only label 0 is computed.
     */
    private static double[][] exact(Quantity quantity, double[] grid) {
        double[][] exact = new double[LABELS.length][grid.length];
        for (int i = 0; i < grid.length; i++) {
            exact[0][i] = quantity == Quantity.LOSS ? exactLoss(grid[i], 0) : exactGradient(grid[i], 0);
        }
        double sign = quantity == Quantity.LOSS ? 1 : -1;
        for (int i = 0; i < grid.length; i++) {
            exact[1][i] = sign * exact[0][grid.length - 1 - i];
        }
        return exact;
    }

    /**
     * The smallest z of the type from which DL4J's XENT gradient for label 0 is exactly 0: there
     * sigma(z) rounds to 1, sigma'(z) = sigma(z) (1 - sigma(z)) is 0, and so is the gradient.
     */
    public static double dl4jZeroGradientFrom(DataType type) {
        return zeroFrom(type, 0, 2 * Z_LIMIT, z -> evaluate(Quantity.GRADIENT, new LossBinaryXENT(), labels(z, 0), z, SIGMOID));
    }

    /**
     * The largest z of the type up to which SameDiff's sigmoidCrossEntropy gradient for label 0 is
     * exactly 0: a confidently right example whose sigma(z) is not 0 in the type, but whose gradient
     * rounds to 0.
     */
    public static double sameDiffZeroGradientUpTo(DataType type) {
        return -zeroFrom(type, 0, 2 * Z_LIMIT, minusZ -> sameDiff(Quantity.GRADIENT, labels(minusZ, 0), minusZ.neg()));
    }

    /**
     * The smallest value u of the type in (from, to] with values(u) = 0, for a function that is not 0
     * at {@code from} and stays 0 from some point up to {@code to}: the interval is cut into 1024
     * steps, narrowed to the step where the first 0 appears, and cut again until its ends are
     * neighbouring values of the type. Each round is one call on a vector of 1025 points.
     */
    static double zeroFrom(DataType type, double from, double to, Function<INDArray, double[]> values) {
        double below = from;
        double zero = to;
        while (true) {
            double[] points = new double[1025];
            for (int i = 0; i < points.length; i++) {
                points[i] = representable(below + (zero - below) * i / (points.length - 1), type);
            }
            double[] computed = values.apply(Nd4j.createFromArray(points).castTo(type).reshape(points.length, 1));
            if (computed[0] == 0 || computed[points.length - 1] != 0) {
                throw new IllegalStateException("no change from non-zero to zero in (" + below + ", " + zero + "] for " + type);
            }
            int first = 0;
            while (computed[first] != 0) {
                first++;
            }
            if (points[first - 1] == below && points[first] == zero) {
                return zero;
            }
            below = points[first - 1];
            zero = points[first];
        }
    }

    private static double representable(double value, DataType type) {
        return type == DataType.FLOAT ? (float) value : value;
    }

    private static INDArray labels(INDArray z, int label) {
        return Nd4j.valueArrayOf(z.shape(), label, z.dataType());
    }

    /** A DL4J loss function's per-example score or gradient; on its own copy of z, since DL4J's backprop overwrites it. */
    private static double[] evaluate(Quantity quantity, ILossFunction loss, INDArray labels, INDArray z, IActivation activation) {
        INDArray values = quantity == Quantity.LOSS
                ? loss.computeScoreArray(labels, z.dup(), activation, null)
                : loss.computeGradient(labels, z.dup(), activation, null);
        return values.data().asDouble();
    }

    /**
     * SameDiff's per-element loss (reduction NONE) or the gradient of its sum, which is dL_i/dz_i element
     * by element. Only the sum is the graph's loss: SameDiff differentiates the sum of all variables
     * marked as losses, and every sigmoidCrossEntropy marks its output as one. Building the op logs a
     * warning that it has no field "labelsSmoothing" (its field is labelSmoothing); smoothing works, and
     * is 0 here, so the warning is held back.
     */
    private static double[] sameDiff(Quantity quantity, INDArray labels, INDArray z) {
        return Logging.withoutWarnings(SAMEDIFF_OP_LOGGER, () -> Silence.stdout(() -> {
            SameDiff sd = SameDiff.create();
            SDVariable logits = sd.var("z", z.dup());
            SDVariable perElement = sd.loss().sigmoidCrossEntropy("loss", sd.constant("label", labels), logits, null, LossReduce.NONE, 0.0);
            sd.sum("total", perElement);
            sd.setLossVariables("total");
            if (quantity == Quantity.LOSS) {
                return sd.outputSingle(Map.of(), "loss").data().asDouble();
            }
            return sd.calculateGradients(Map.of(), "z").get("z").data().asDouble();
        }));
    }
}
