package org.sigmoidbook.chapters.zerocentering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;

import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/** The conditioning computations on their own: moments by quadrature, ND4J's eigenvalues, E[xx']. */
class ConditioningTest {

    /** E[f(u)^k] for u ~ N(0, 1) by Gauss-Legendre quadrature (commons-math), independent of the chapter's Simpson rule. */
    private static double gaussianExpectation(DoubleUnaryOperator f, int power) {
        return new IterativeLegendreGaussIntegrator(8, 1e-13, 1e-13).integrate(100_000,
                u -> Math.pow(f.applyAsDouble(u), power) * Math.exp(-u * u / 2) / Math.sqrt(2 * Math.PI), -12, 12);
    }

    /** Mean and variance of f(u) for u ~ N(0, 1), by quadrature. */
    static double[] momentsByQuadrature(DoubleUnaryOperator f) {
        double mean = gaussianExpectation(f, 1);
        return new double[]{mean, gaussianExpectation(f, 2) - mean * mean};
    }

    @Test
    void theSigmoidOfAStandardNormalHasMeanOneHalfAndTheChaptersVariance() {
        double[] chapter = Conditioning.gaussianMoments(Sigmoid::of);
        double[] reference = momentsByQuadrature(Sigmoid::of);
        assertEquals(0.5, chapter[0], 1e-12, "sigma(-u) = 1 - sigma(u): the mean is exactly one half");
        assertEquals(reference[1], chapter[1], 1e-10);
        assertEquals(0.0, Conditioning.gaussianMoments(Math::tanh)[0], 1e-12);
        assertEquals(momentsByQuadrature(Math::tanh)[1], Conditioning.gaussianMoments(Math::tanh)[1], 1e-10);
    }

    /** ND4J's eigenvalues of v I + m² 1 1' against the algebra: v + n m² once, v n - 1 times. */
    @Test
    void theEigenvaluesOfAMeanPlusNoiseMatrixAreTheClosedForm() {
        int n = 7;
        double v = 0.043;
        double m = 0.5;
        INDArray matrix = Nd4j.eye(n).castTo(DataType.DOUBLE).muli(v).addi(m * m);
        double[] expected = new double[n];
        Arrays.fill(expected, v);
        expected[n - 1] = v + n * m * m;
        assertArrayEquals(expected, Conditioning.eigenvalues(matrix), 1e-12);
    }

    /**
     * Interlacing, as the page states it: for symmetric A and A + bb', sorted ascending,
     * a_i <= c_i <= a_(i+1), and the traces differ by |b|².
     */
    @Test
    void theEigenvaluesOfARankOneUpdateInterlace() {
        Random random = new Random(23);
        int n = 6;
        for (int trial = 0; trial < 20; trial++) {
            double[] u = new double[30 * n];
            Arrays.setAll(u, i -> random.nextGaussian());
            INDArray samples = Nd4j.createFromArray(u).reshape(30, n);
            INDArray a = samples.transpose().mmul(samples).divi(30);
            double[] b = new double[n];
            Arrays.setAll(b, i -> random.nextGaussian());
            INDArray column = Nd4j.createFromArray(b).reshape(n, 1);
            double[] before = Conditioning.eigenvalues(a.dup());
            double[] after = Conditioning.eigenvalues(a.add(column.mmul(column.transpose())));
            for (int i = 0; i < n; i++) {
                assertTrue(before[i] <= after[i] + 1e-12, "trial " + trial + ", i = " + i);
                if (i + 1 < n) {
                    assertTrue(after[i] <= before[i + 1] + 1e-12, "trial " + trial + ", i = " + i);
                }
            }
            assertEquals(Arrays.stream(b).map(x -> x * x).sum(), Arrays.stream(after).sum() - Arrays.stream(before).sum(), 1e-10);
        }
    }

    @Test
    void theSecondMomentIsTheMeanOfTheOuterProducts() {
        INDArray x = Nd4j.createFromArray(new double[][]{{1, 2}, {3, -1}, {0.5, 0}});
        double[][] moment = Conditioning.secondMoment(x).toDoubleMatrix();
        assertEquals((1 + 9 + 0.25) / 3, moment[0][0], 1e-15);
        assertEquals((2 - 3 + 0) / 3.0, moment[0][1], 1e-15);
        assertEquals((4 + 1 + 0) / 3.0, moment[1][1], 1e-15);
    }
}
