package org.sigmoidbook.chapters.probability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.BeforeAll;
import org.sigmoidbook.BookTest;
import org.sigmoidbook.chapters.probability.GaussianClasses.Sample;
import org.sigmoidbook.chapters.probability.LogisticRegression.Fit;
import org.sigmoidbook.runtime.Backend;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/** DL4J's logistic regression against an independent maximum-likelihood fit: Newton's method (IRLS) on the raw inputs. */
class LogisticRegressionTest {

    @BeforeAll
    static void backend() {
        Backend.skipResidentMemoryCheck();
        assertNull(Backend.start());
    }

    /** Newton's method on the mean cross-entropy, θ = (w, b), to machine precision. */
    private static double[] newton(double[][] x, int[] y) {
        int d = x[0].length;
        RealVector theta = new ArrayRealVector(d + 1);
        for (int iteration = 0; iteration < 50; iteration++) {
            RealVector gradient = new ArrayRealVector(d + 1);
            RealMatrix hessian = new Array2DRowRealMatrix(d + 1, d + 1);
            for (int i = 0; i < x.length; i++) {
                double[] row = new double[d + 1];
                System.arraycopy(x[i], 0, row, 0, d);
                row[d] = 1;
                RealVector xt = new ArrayRealVector(row);
                double p = Sigmoid.of(theta.dotProduct(xt));
                gradient = gradient.add(xt.mapMultiply(p - y[i]));
                hessian = hessian.add(xt.outerProduct(xt).scalarMultiply(p * (1 - p)));
            }
            theta = theta.subtract(new LUDecomposition(hessian).getSolver().solve(gradient));
        }
        return theta.toArray();
    }

    private static void agrees(double[][] x, int[] y) {
        Fit fit = LogisticRegression.fit(x, y, 42);
        double[] exact = newton(x, y);
        int d = x[0].length;
        for (int j = 0; j < d; j++) {
            assertEquals(exact[j], fit.weights()[j], 1e-5 * Math.max(1, Math.abs(exact[j])), "w" + (j + 1));
        }
        assertEquals(exact[d], fit.bias(), 1e-5 * Math.max(1, Math.abs(exact[d])), "b");
        assertTrue(fit.gradientNorm() < 1e-6, "gradient " + fit.gradientNorm());
        assertTrue(fit.steps() < LogisticRegression.MAX_STEPS, "converged in " + fit.steps() + " steps");
    }

    @BookTest
    void theDl4jFitIsTheMaximumLikelihoodFitOfLinearInputs() {
        Sample sample = GaussianClasses.SHARED.sample(1000, 5);
        agrees(sample.x(), sample.y());
    }

    @BookTest
    void theDl4jFitIsTheMaximumLikelihoodFitOfQuadraticFeatures() {
        Sample sample = GaussianClasses.UNEQUAL.sample(1000, 6);
        agrees(GaussianPosterior.quadraticFeatures(sample.x()), sample.y());
    }

    /** The reported gradient is that of the mean cross-entropy: compare with central differences of it. */
    @BookTest
    void theReportedGradientNormIsTheMeanCrossEntropysGradient() {
        Sample sample = GaussianClasses.SHARED.sample(300, 7);
        Fit off = new Fit(new double[]{1.0, -0.3}, 0.2, 0, 0);
        double h = 1e-6;
        double[] theta = {1.0, -0.3, 0.2};
        double squares = 0;
        for (int k = 0; k < 3; k++) {
            double[] up = theta.clone();
            double[] down = theta.clone();
            up[k] += h;
            down[k] -= h;
            double g = (meanCrossEntropy(up, sample) - meanCrossEntropy(down, sample)) / (2 * h);
            squares += g * g;
        }
        assertEquals(Math.sqrt(squares), LogisticRegression.gradientNorm(off, sample.x(), sample.y()), 1e-7);
    }

    private static double meanCrossEntropy(double[] theta, Sample sample) {
        double sum = 0;
        for (int i = 0; i < sample.size(); i++) {
            double p = Sigmoid.of(theta[0] * sample.x()[i][0] + theta[1] * sample.x()[i][1] + theta[2]);
            sum -= sample.y()[i] == 1 ? Math.log(p) : Math.log(1 - p);
        }
        return sum / sample.size();
    }
}
