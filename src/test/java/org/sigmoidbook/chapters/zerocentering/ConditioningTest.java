package org.sigmoidbook.chapters.zerocentering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sigmoidbook.QuickBook;
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.numerics.Sigmoid;
import tech.tablesaw.api.Table;

@Tag("book")
class ConditioningTest {

    private static final String ID = "zero-centering";

    /** E[f(u)^k] for u ~ N(0, 1) by Gauss-Legendre quadrature (commons-math), independent of the chapter's Simpson rule. */
    private static double gaussianExpectation(DoubleUnaryOperator f, int power) {
        return new IterativeLegendreGaussIntegrator(8, 1e-13, 1e-13).integrate(100_000,
                u -> Math.pow(f.applyAsDouble(u), power) * Math.exp(-u * u / 2) / Math.sqrt(2 * Math.PI), -12, 12);
    }

    private static double[] momentsByQuadrature(DoubleUnaryOperator f) {
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

    @Test
    void theSecondMomentIsTheMeanOfTheOuterProducts() {
        INDArray x = Nd4j.createFromArray(new double[][]{{1, 2}, {3, -1}, {0.5, 0}});
        double[][] moment = Conditioning.secondMoment(x).toDoubleMatrix();
        assertEquals((1 + 9 + 0.25) / 3, moment[0][0], 1e-15);
        assertEquals((2 - 3 + 0) / 3.0, moment[0][1], 1e-15);
        assertEquals((4 + 1 + 0) / 3.0, moment[1][1], 1e-15);
    }

    /**
     * The sampled spectra against the closed form. The largest eigenvalue is estimated well; the
     * smallest eigenvalue of a sample of S rows in n dimensions sits near v (1 - sqrt(n/S))² (the
     * Marchenko–Pastur edge), give or take the sampling noise of a variance, about sqrt(2/S) relative.
     */
    @Test
    void sampledSpectraFollowTheClosedForm() {
        Table t = QuickBook.book().table(ID, "conditioning.csv");
        Table gaussian = t.where(t.stringColumn("inputs").isEqualTo(Conditioning.GAUSSIAN));
        assertTrue(gaussian.rowCount() >= 8);
        for (int r = 0; r < gaussian.rowCount(); r++) {
            String name = gaussian.stringColumn("hidden_unit").get(r);
            double[] moments = momentsByQuadrature(HiddenUnits.all().stream().filter(u -> u.name().equals(name)).findFirst().orElseThrow().scalar());
            int n = gaussian.intColumn("n").get(r);
            int samples = gaussian.intColumn("examples").get(r);
            double edge = Math.sqrt((double) n / samples);
            double largest = gaussian.doubleColumn("largest_eigenvalue").get(r);
            double smallest = gaussian.doubleColumn("smallest_eigenvalue").get(r);
            double closedLargest = moments[1] + n * moments[0] * moments[0];
            assertEquals(closedLargest, gaussian.doubleColumn("closed_form_largest").get(r), 1e-9);
            assertEquals(moments[1], gaussian.doubleColumn("closed_form_smallest").get(r), 1e-9);
            String where = name + ", n = " + n;
            assertEquals(closedLargest, largest, closedLargest * 4 * (1 + edge) / Math.sqrt(samples) + moments[1] * 2.5 * edge, where);
            double noise = 3 / Math.sqrt(samples);
            assertTrue(smallest > moments[1] * (1 - edge) * (1 - edge) * (1 - noise) && smallest < moments[1] * (1 + noise),
                    where + ": smallest " + smallest);
            assertEquals(largest / smallest, gaussian.doubleColumn("condition_number").get(r), 1e-9 * largest / smallest);
        }
    }

    /** The top eigenvalue grows like n m² with m = ½ for sigmoid inputs, and does not grow for centred ones. */
    @Test
    void theLargestEigenvalueOfSigmoidInputsGrowsLikeAQuarterPerInput() {
        Table t = QuickBook.book().table(ID, "conditioning.csv");
        for (String unit : List.of(HiddenUnits.SIGMOID, HiddenUnits.CENTRED_SIGMOID)) {
            Table rows = t.where(t.stringColumn("inputs").isEqualTo(Conditioning.GAUSSIAN).and(t.stringColumn("hidden_unit").isEqualTo(unit)));
            int last = rows.rowCount() - 1;
            double slope = (rows.doubleColumn("largest_eigenvalue").get(last) - rows.doubleColumn("largest_eigenvalue").get(0))
                    / (rows.intColumn("n").get(last) - rows.intColumn("n").get(0));
            assertEquals(unit.equals(HiddenUnits.SIGMOID) ? 0.25 : 0.0, slope, 0.01, unit);
        }
    }

    /**
     * The MNIST layer's largest eigenvalue, checked against bounds computed here from the same
     * layer's outputs: |E x|² ≤ λ_max ≤ E|x|² (E[xx'] - (Ex)(Ex)' is a covariance, and λ_max ≤ trace).
     */
    @Test
    void theMnistLayersLargestEigenvalueLiesBetweenTheSquaredMeanAndTheTrace() throws Exception {
        QuickBook.Output run = QuickBook.book();
        Table t = run.table(ID, "conditioning.csv");
        Table mnist = t.where(t.stringColumn("inputs").isEqualTo(Conditioning.MNIST));
        int width = mnist.intColumn("n").get(0);
        int digits = mnist.intColumn("examples").get(0);
        INDArray features = Mnist.load().test().first(digits).features(DataType.FLOAT);
        List<INDArray> outputs = Convergence.firstHiddenLayers(features, width, QuickBook.SEED);
        for (int k = 0; k < outputs.size(); k++) {
            double[][] x = outputs.get(k).toDoubleMatrix();
            double[] mean = new double[width];
            double trace = 0;
            for (double[] row : x) {
                for (int i = 0; i < width; i++) {
                    mean[i] += row[i] / x.length;
                    trace += row[i] * row[i] / x.length;
                }
            }
            double meanSquared = Arrays.stream(mean).map(m -> m * m).sum();
            double largest = mnist.doubleColumn("largest_eigenvalue").get(k);
            String unit = mnist.stringColumn("hidden_unit").get(k);
            assertTrue(meanSquared <= largest * (1 + 1e-9) && largest <= trace * (1 + 1e-9),
                    unit + ": " + meanSquared + " <= " + largest + " <= " + trace);
            if (unit.equals(HiddenUnits.SIGMOID)) {
                assertEquals(width / 4.0, meanSquared, 0.1 * width / 4.0, "sigmoid outputs near one half: |E x|² near n/4");
            }
        }
    }

    @Test
    void sigmoidInputsAreWorseConditionedThanCentredOnesOnMnistToo() {
        Table t = QuickBook.book().table(ID, "conditioning.csv");
        Table mnist = t.where(t.stringColumn("inputs").isEqualTo(Conditioning.MNIST));
        double sigmoid = mnist.where(mnist.stringColumn("hidden_unit").isEqualTo(HiddenUnits.SIGMOID)).doubleColumn("condition_number").get(0);
        double centred = mnist.where(mnist.stringColumn("hidden_unit").isEqualTo(HiddenUnits.CENTRED_SIGMOID)).doubleColumn("condition_number").get(0);
        assertTrue(sigmoid > 10 * centred, sigmoid + " vs " + centred);
    }
}
