package org.sigmoidbook.chapters.probability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.apache.commons.math3.distribution.MultivariateNormalDistribution;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.junit.jupiter.api.Test;
import org.sigmoidbook.chapters.probability.GaussianClasses.Sample;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/** The Gaussian classes against Bayes' rule computed from the densities, and their sampler against its moments. */
class GaussianClassesTest {

    /** P(y = 1 | x) from the two densities (commons-math's multivariate normal) and the prior, by Bayes' rule. */
    private static double bayes(GaussianClasses m, double[] x) {
        double p1 = m.prior1() * new MultivariateNormalDistribution(m.mean1(), m.covariance1()).density(x);
        double p0 = (1 - m.prior1()) * new MultivariateNormalDistribution(m.mean0(), m.covariance0()).density(x);
        return p1 / (p1 + p0);
    }

    @Test
    void withOneCovarianceThePosteriorIsTheSigmoidOfTheClosedFormLinearScore() {
        GaussianClasses m = GaussianClasses.SHARED;
        assertTrue(m.sharedCovariance());
        double[] w = m.weights();
        double b = m.bias();
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 1000; i++) {
            double[] x = {random.nextDouble(-4, 4), random.nextDouble(-4, 4)};
            double p = bayes(m, x);
            assertEquals(p, Sigmoid.of(w[0] * x[0] + w[1] * x[1] + b), 1e-13, "x = (" + x[0] + ", " + x[1] + ")");
        }
    }

    /** w = Σ⁻¹(μ₁ − μ₀) for Σ = [[1, 0.6], [0.6, 1.5]], det 1.14, μ₁ − μ₀ = (2, 0.5); b from the quadratic forms and ln(0.3/0.7). */
    @Test
    void theClosedFormByHand() {
        double det = 1.5 - 0.36;
        double w1 = (1.5 * 2 - 0.6 * 0.5) / det;
        double w2 = (-0.6 * 2 + 1 * 0.5) / det;
        // μ₁ = (1, 0.5): Σ⁻¹μ₁ = (1.5 − 0.3, −0.6 + 0.5)/det; μ₀ = (−1, 0): Σ⁻¹μ₀ = (−1.5, 0.6)/det.
        double quad1 = (1 * (1.5 - 0.3) + 0.5 * (-0.6 + 0.5)) / det;
        double quad0 = (-1 * -1.5) / det;
        double b = -0.5 * quad1 + 0.5 * quad0 + Math.log(0.3 / 0.7);
        assertEquals(w1, GaussianClasses.SHARED.weights()[0], 1e-15);
        assertEquals(w2, GaussianClasses.SHARED.weights()[1], 1e-15);
        assertEquals(b, GaussianClasses.SHARED.bias(), 1e-15);
    }

    @Test
    void withTwoCovariancesTheLogOddsAreTheQuadraticOfTheClosedForm() {
        GaussianClasses m = GaussianClasses.UNEQUAL;
        assertFalse(m.sharedCovariance());
        assertThrows(IllegalStateException.class, m::weights);
        assertThrows(IllegalStateException.class, m::bias);
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 1000; i++) {
            double[] x = {random.nextDouble(-5, 5), random.nextDouble(-5, 5)};
            double p = bayes(m, x);
            assertEquals(Math.log(p / (1 - p)), m.logOdds().at(x), 1e-10);
            double[] features = GaussianPosterior.quadraticFeatures(x);
            double[] weights = m.logOdds().featureWeights();
            double z = m.logOdds().constant();
            for (int k = 0; k < weights.length; k++) {
                z += weights[k] * features[k];
            }
            assertEquals(m.logOdds().at(x), z, 1e-12, "the quadratic features carry the same log-odds");
        }
    }

    @Test
    void theSamplerDrawsTheClassesItDescribes() {
        for (GaussianClasses m : new GaussianClasses[]{GaussianClasses.SHARED, GaussianClasses.UNEQUAL}) {
            int n = 200_000;
            Sample sample = m.sample(n, 3);
            double ones = 0;
            double[][] sums = new double[2][2];
            double[][][] squares = new double[2][2][2];
            int[] counts = new int[2];
            for (int i = 0; i < n; i++) {
                int y = sample.y()[i];
                double[] x = sample.x()[i];
                ones += y;
                counts[y]++;
                for (int r = 0; r < 2; r++) {
                    sums[y][r] += x[r];
                    for (int c = 0; c < 2; c++) {
                        squares[y][r][c] += x[r] * x[c];
                    }
                }
            }
            // Binomial standard error about 0.001; five of them.
            assertEquals(m.prior1(), ones / n, 0.005);
            for (int y = 0; y < 2; y++) {
                double[] mean = y == 1 ? m.mean1() : m.mean0();
                double[][] covariance = y == 1 ? m.covariance1() : m.covariance0();
                for (int r = 0; r < 2; r++) {
                    assertEquals(mean[r], sums[y][r] / counts[y], 0.03, "mean, class " + y);
                    for (int c = 0; c < 2; c++) {
                        double estimate = squares[y][r][c] / counts[y] - sums[y][r] / counts[y] * sums[y][c] / counts[y];
                        assertEquals(covariance[r][c], estimate, 0.05 * Math.max(1, covariance[r][r]), "covariance, class " + y);
                    }
                }
            }
        }
    }

    /** A sample's first n points are its first n points, in order, with their classes. */
    @Test
    void theFirstPointsOfASample() {
        Sample sample = new Sample(new double[][]{{1, 2}, {3, 4}, {5, 6}}, new int[]{0, 1, 1});
        Sample first = sample.first(2);
        assertEquals(2, first.size());
        assertArrayEquals(new double[][]{{1, 2}, {3, 4}}, first.x());
        assertArrayEquals(new int[]{0, 1}, first.y());
    }

    /** The quadrature against a Monte Carlo average of σ(a)(1 − σ(a)) x̃x̃ᵀ over 400,000 drawn points (relative error about 0.3%). */
    @Test
    void theFisherInformationAgreesWithMonteCarlo() {
        GaussianClasses m = GaussianClasses.SHARED;
        double[][] quadrature = m.fisherInformation();
        Sample sample = m.sample(400_000, 4);
        double[] w = m.weights();
        double[][] monteCarlo = new double[3][3];
        for (double[] x : sample.x()) {
            double p = Sigmoid.of(w[0] * x[0] + w[1] * x[1] + m.bias());
            double[] xt = {x[0], x[1], 1};
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    monteCarlo[r][c] += p * (1 - p) * xt[r] * xt[c] / sample.size();
                }
            }
        }
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(monteCarlo[r][c], quadrature[r][c], 0.01 * Math.max(Math.abs(monteCarlo[r][r]), Math.abs(monteCarlo[c][c])),
                        "I[" + r + "][" + c + "]");
            }
        }
        double[][] inverse = new LUDecomposition(MatrixUtils.createRealMatrix(monteCarlo)).getSolver().getInverse().getData();
        assertEquals(inverse[0][0] + inverse[1][1] + inverse[2][2], m.asymptoticSquaredError(), 0.03 * m.asymptoticSquaredError());
    }
}
