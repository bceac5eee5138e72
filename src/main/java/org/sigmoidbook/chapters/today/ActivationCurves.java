package org.sigmoidbook.chapters.today;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/**
 * The sigmoid's two modern relatives as DL4J computes them: SiLU/Swish, z sigma(z) (DL4J's
 * {@link Activation#SWISH}), and the hard sigmoid (DL4J's {@link Activation#HARDSIGMOID}), with the
 * derivatives DL4J back-propagates.
 * <p>
 * DL4J's hard sigmoid is min(1, max(0, 0.2 z + 1/2)): slope 1/5 on [-5/2, 5/2] and flat outside, the
 * definition Keras used; the sigmoid's own slope at 0 is 1/4. (Its 0.2 is the float nearest 0.2, also
 * in DOUBLE.) DL4J back-propagates SiLU through the
 * closed form e^z (z + e^z + 1) / (e^z + 1)^2, whose numerator and denominator overflow together once
 * (e^z + 1)^2 passes the largest number of the type: from there on the gradient is NaN
 * ({@link #swishGradientBreakdown()}).
 */
public final class ActivationCurves {

    public static final double HARD_SIGMOID_SLOPE = 0.2;
    /** Where DL4J's hard sigmoid reaches 0 and 1: z = -/+ 1 / (2 slope). */
    public static final double HARD_SIGMOID_KNEE = 2.5;
    /** The grid on which the first NaN of DL4J's SWISH gradient is looked for, from z = 0. */
    public static final double SWISH_GRID_STEP = 1.0 / 64;

    /**
     * A row of the table {@code curves}: at z, for each of sigmoid, SiLU and the hard sigmoid, the
     * value DL4J's activation gives and the derivative its backprop gives, all in DOUBLE.
     */
    public record CurvePoint(double z, double sigmoid, double sigmoidPrime, double silu, double siluPrime, double hardSigmoid,
                             double hardSigmoidPrime) {
    }

    private ActivationCurves() {
    }

    /** The table {@code curves}: z on a grid of step {@code step} over [-limit, limit]. */
    public static List<CurvePoint> curves(double limit, double step) {
        int steps = (int) Math.round(limit / step);
        double[] grid = new double[2 * steps + 1];
        for (int k = -steps; k <= steps; k++) {
            grid[k + steps] = k * step;
        }
        INDArray z = Nd4j.createFromArray(grid);
        Curve sigmoid = Curve.of(Activation.SIGMOID, z);
        Curve silu = Curve.of(Activation.SWISH, z);
        Curve hard = Curve.of(Activation.HARDSIGMOID, z);
        List<CurvePoint> curves = new ArrayList<>();
        for (int i = 0; i < grid.length; i++) {
            curves.add(new CurvePoint(grid[i], sigmoid.value()[i], sigmoid.slope()[i], silu.value()[i], silu.slope()[i],
                    hard.value()[i], hard.slope()[i]));
        }
        return curves;
    }

    /** One DL4J activation on a grid: its values and the derivatives its backprop gives. */
    private record Curve(double[] value, double[] slope) {
        static Curve of(Activation activation, INDArray z) {
            IActivation function = activation.getActivationFunction();
            // DL4J's activations overwrite their input: give each call its own copy.
            return new Curve(function.getActivation(z.dup(), false).toDoubleVector(),
                    function.backprop(z.dup(), Nd4j.onesLike(z)).getFirst().toDoubleVector());
        }
    }

    /** The point where SiLU is lowest, and its value there. */
    public record Extremum(double z, double value) {
    }

    /**
     * SiLU's minimum. Setting the derivative sigma(z) (1 + z (1 - sigma(z))) to 0 gives sigma(z) = 1 + 1/z,
     * so the value there is z sigma(z) = z + 1, and w = -(z + 1) solves w e^w = 1/e: w = W(1/e), with W
     * Lambert's function. The minimum is -W(1/e) at z = -1 - W(1/e).
     */
    public static Extremum siluMinimum() {
        double w = 0.25;
        for (int i = 0; i < 50; i++) {
            double f = w * Math.exp(w) - Math.exp(-1);
            w -= f / (Math.exp(w) * (1 + w));
        }
        return new Extremum(-1 - w, -w);
    }

    /**
     * SiLU's steepest slope, above 1 (ReLU's): where the second derivative
     * sigma'(z) (2 + z (1 - 2 sigma(z))) changes sign, found by bisection on [1, 4].
     */
    public static Extremum siluSteepestSlope() {
        DoubleUnaryOperator curvatureSign = z -> 2 + z * (1 - 2 * Sigmoid.of(z));
        double low = 1;
        double high = 4;
        for (int i = 0; i < 80; i++) {
            double mid = (low + high) / 2;
            if (curvatureSign.applyAsDouble(mid) > 0) {
                low = mid;
            } else {
                high = mid;
            }
        }
        double z = (low + high) / 2;
        double s = Sigmoid.of(z);
        return new Extremum(z, s * (1 + z * (1 - s)));
    }

    /** The largest gap between DL4J's hard sigmoid and the sigmoid: at the knees, 1 - sigma(5/2). */
    public static double hardSigmoidLargestGap() {
        return 1 - Sigmoid.of(HARD_SIGMOID_KNEE);
    }

    /**
     * A row of the table {@code swish-gradient}: in one data type, the smallest z at which DL4J's SWISH
     * backprop returns NaN, where (e^z + 1)^2 overflows, and the share of NaN from the first one on.
     */
    public record SwishBreakdown(DataType dataType, double firstNanZ, double overflowZ, double nanFractionBeyond) {
    }

    /**
     * The table {@code swish-gradient}: for FLOAT and DOUBLE, the smallest z (on a grid of step {@link #SWISH_GRID_STEP}
     * from 0) at which DL4J's SWISH backprop returns NaN, beside where (e^z + 1)^2 overflows the type,
     * z = ln(sqrt(largest value)). Past that point every z gives NaN in the grid.
     */
    public static List<SwishBreakdown> swishGradientBreakdown() {
        List<SwishBreakdown> rows = new ArrayList<>();
        for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            double largest = type == DataType.FLOAT ? Float.MAX_VALUE : Double.MAX_VALUE;
            double predicted = Math.log(largest) / 2;
            double[] grid = new double[(int) Math.ceil(2 * predicted / SWISH_GRID_STEP)];
            for (int k = 0; k < grid.length; k++) {
                grid[k] = k * SWISH_GRID_STEP;
            }
            INDArray z = Nd4j.createFromArray(grid).castTo(type);
            double[] slope = Activation.SWISH.getActivationFunction().backprop(z, Nd4j.onesLike(z)).getFirst().toDoubleVector();
            int first = 0;
            while (first < slope.length && !Double.isNaN(slope[first])) {
                first++;
            }
            if (first == slope.length) {
                throw new IllegalStateException("DL4J's SWISH gradient stayed finite in " + type + " up to z = " + grid[grid.length - 1]);
            }
            int nans = 0;
            for (int k = first; k < slope.length; k++) {
                nans += Double.isNaN(slope[k]) ? 1 : 0;
            }
            rows.add(new SwishBreakdown(type, grid[first], predicted, (double) nans / (slope.length - first)));
        }
        return rows;
    }
}
