package org.sigmoidbook.toolkit.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Properties every sigmoid path of the book must have for any input it can meet: finite output
 * for finite input, the right limits at the infinities, NaN in gives NaN out, the range [0, 1],
 * monotonicity, and symmetry sigma(-z) = 1 - sigma(z). Inputs are drawn at random over the whole
 * bit pattern space of floats and doubles (so huge, tiny and subnormal values all appear), plus
 * fixed edge cases; the draws are seeded, so a failure can be replayed.
 */
class SigmoidNumericsTest {

    private static final int DRAWS = 200_000;

    /** A sigmoid implementation under test: maps an array of inputs to outputs of the same type. */
    private record Implementation(String name, DataType type, UnaryOperator<INDArray> sigmoid, double symmetryTolerance) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Tolerances: one rounding of 1 - s in the type (ulp(1)/2) and one of the op itself. */
    static Stream<Arguments> paths() {
        return Stream.of(
                new Implementation("ND4J sigmoid, FLOAT", DataType.FLOAT, Sigmoid::forward, Math.ulp(1f)),
                new Implementation("ND4J sigmoid, DOUBLE", DataType.DOUBLE, Sigmoid::forward, Math.ulp(1d)),
                new Implementation("Sigmoid.of, DOUBLE", DataType.DOUBLE, SigmoidNumericsTest::scalarReference, Math.ulp(1d)))
                .map(Arguments::of);
    }

    private static INDArray scalarReference(INDArray z) {
        double[] values = z.toDoubleVector();
        return Nd4j.createFromArray(Arrays.stream(values).map(Sigmoid::of).toArray());
    }

    private static INDArray randomBitPatterns(DataType type, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        if (type == DataType.FLOAT) {
            float[] values = new float[DRAWS];
            for (int i = 0; i < DRAWS; i++) {
                do {
                    values[i] = Float.intBitsToFloat(random.nextInt());
                } while (!Float.isFinite(values[i]));
            }
            return Nd4j.createFromArray(values);
        }
        double[] values = new double[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            do {
                values[i] = Double.longBitsToDouble(random.nextLong());
            } while (!Double.isFinite(values[i]));
        }
        return Nd4j.createFromArray(values);
    }

    private static INDArray edgeCases(DataType type) {
        double[] edges = type == DataType.FLOAT
                ? new double[]{0, -0.0, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE,
                               1e-30, -1e-30, 16.6, -16.6, 88.7, -88.7, 89, -104, 200, -200}
                : new double[]{0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE,
                               1e-300, -1e-300, 36.7, -36.7, 709.8, -709.8, 745.2, -745.2, 1e4, -1e4};
        return Nd4j.createFromArray(edges).castTo(type);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void finiteInputsGiveValuesInTheClosedUnitInterval(Implementation path) {
        for (INDArray z : new INDArray[]{randomBitPatterns(path.type(), 1), edgeCases(path.type())}) {
            double[] in = z.toDoubleVector();
            double[] out = path.sigmoid().apply(z).toDoubleVector();
            for (int i = 0; i < in.length; i++) {
                double s = out[i];
                double input = in[i];
                assertTrue(Double.isFinite(s) && s >= 0 && s <= 1, () -> path + ": sigma(" + input + ") = " + s);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void infinitiesGiveTheLimitsAndNaNStaysNaN(Implementation path) {
        INDArray special = Nd4j.createFromArray(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN).castTo(path.type());
        double[] out = path.sigmoid().apply(special).toDoubleVector();
        assertEquals(1.0, out[0], 0.0, path + ": sigma(+inf)");
        assertEquals(0.0, out[1], 0.0, path + ": sigma(-inf)");
        assertTrue(Double.isNaN(out[2]), path + ": sigma(NaN) = " + out[2]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void nonDecreasingOverADenseGrid(Implementation path) {
        int n = 400_001;
        double[] grid = new double[n];
        Arrays.setAll(grid, i -> -100 + 200.0 * i / (n - 1));
        double[] out = path.sigmoid().apply(Nd4j.createFromArray(grid).castTo(path.type())).toDoubleVector();
        for (int i = 1; i < n; i++) {
            int at = i;
            assertTrue(out[i] >= out[i - 1], () -> path + " decreases between z = " + grid[at - 1] + " and " + grid[at]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void symmetricAboutTheMidpoint(Implementation path) {
        INDArray z = randomBitPatterns(path.type(), 2);
        double[] plus = path.sigmoid().apply(z).toDoubleVector();
        double[] minus = path.sigmoid().apply(z.neg()).toDoubleVector();
        for (int i = 0; i < plus.length; i++) {
            double gap = Math.abs(minus[i] - (1 - plus[i]));
            int at = i;
            assertTrue(gap <= path.symmetryTolerance(), () -> path + ": |sigma(-z) - (1 - sigma(z))| = " + gap + " at z = " + z.getDouble(at));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void derivativeFromOutputsStaysInItsRangeAndPeaksAtZero(Implementation path) {
        INDArray z = randomBitPatterns(path.type(), 3);
        double[] slope = Sigmoid.derivativeFromOutput(path.sigmoid().apply(z)).toDoubleVector();
        for (double d : slope) {
            assertTrue(Double.isFinite(d) && d >= 0 && d <= 0.25, "sigma' = " + d);
        }
        double atZero = Sigmoid.derivativeFromOutput(path.sigmoid().apply(Nd4j.zeros(path.type(), 1))).getDouble(0);
        assertEquals(0.25, atZero, 0.0);
    }
}
