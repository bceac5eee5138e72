package org.sigmoidbook.chapters.probability;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/**
 * Two classes in the plane, each a Gaussian: x | y = k ~ N(μ_k, Σ_k), with P(y = 1) = π. Bayes' rule
 * gives the posterior P(y = 1 | x) = σ(a(x)) with the log-odds
 * <pre>
 *   a(x) = ln π N(x; μ₁, Σ₁) − ln (1 − π) N(x; μ₀, Σ₀),
 * </pre>
 * a quadratic in x; with one covariance for both classes its quadratic terms cancel and
 * a(x) = wᵀx + b, with w = Σ⁻¹(μ₁ − μ₀) and b = −½ μ₁ᵀΣ⁻¹μ₁ + ½ μ₀ᵀΣ⁻¹μ₀ + ln(π / (1 − π))
 * (Bishop, PRML, §4.2.1). Everything here is in double precision.
 */
record GaussianClasses(double[] mean0, double[][] covariance0, double[] mean1, double[][] covariance1, double prior1) {

    /** The chapter's classes with one covariance: they overlap, and 3 in 10 points are of class 1. */
    static final GaussianClasses SHARED = new GaussianClasses(new double[]{-1, 0}, new double[][]{{1, 0.6}, {0.6, 1.5}},
            new double[]{1, 0.5}, new double[][]{{1, 0.6}, {0.6, 1.5}}, 0.3);

    /** Class 1 compact inside a broad class 0: the log-odds are quadratic, and the boundary is an ellipse. */
    static final GaussianClasses UNEQUAL = new GaussianClasses(new double[]{0, 0}, new double[][]{{3, 0}, {0, 3}},
            new double[]{1, 1}, new double[][]{{0.5, 0.2}, {0.2, 0.5}}, 0.5);

    /** Gauss–Hermite points per axis for {@link #fisherInformation()}. */
    static final int QUADRATURE_POINTS = 40;

    /** A sample: points {@code x[i]} with classes {@code y[i]} of 0 or 1. */
    record Sample(double[][] x, int[] y) {

        int size() {
            return y.length;
        }

        /** The first {@code n} points. */
        Sample first(int n) {
            return new Sample(Arrays.copyOf(x, n), Arrays.copyOf(y, n));
        }
    }

    /** The log-odds a(x) as a polynomial: a(x) = xᵀ A x + βᵀ x + c. */
    record LogOdds(double[][] quadratic, double[] linear, double constant) {

        double at(double[] x) {
            double value = constant;
            for (int i = 0; i < 2; i++) {
                value += linear[i] * x[i];
                for (int j = 0; j < 2; j++) {
                    value += x[i] * quadratic[i][j] * x[j];
                }
            }
            return value;
        }

        /**
         * The coefficients in the order of {@link GaussianPosterior#quadraticFeatures(double[])}: x₁², x₁x₂, x₂², x₁, x₂; the
         * constant apart.
         */
        double[] featureWeights() {
            return new double[]{quadratic[0][0], 2 * quadratic[0][1], quadratic[1][1], linear[0], linear[1]};
        }
    }

    boolean sharedCovariance() {
        return Arrays.deepEquals(covariance0, covariance1);
    }

    /** a(x) in closed form from the means, covariances and prior. */
    LogOdds logOdds() {
        double[][] inverse0 = inverse(covariance0);
        double[][] inverse1 = inverse(covariance1);
        double[][] quadratic = new double[2][2];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                quadratic[i][j] = -0.5 * (inverse1[i][j] - inverse0[i][j]);
            }
        }
        double[] a1 = times(inverse1, mean1);
        double[] a0 = times(inverse0, mean0);
        double[] linear = {a1[0] - a0[0], a1[1] - a0[1]};
        double constant = -0.5 * dot(mean1, a1) + 0.5 * dot(mean0, a0) - 0.5 * Math.log(determinant(covariance1))
                + 0.5 * Math.log(determinant(covariance0)) + Math.log(prior1 / (1 - prior1));
        return new LogOdds(quadratic, linear, constant);
    }

    /** w = Σ⁻¹(μ₁ − μ₀), for classes with one covariance. */
    double[] weights() {
        requireShared();
        return logOdds().linear();
    }

    /** b = −½ μ₁ᵀΣ⁻¹μ₁ + ½ μ₀ᵀΣ⁻¹μ₀ + ln(π / (1 − π)), for classes with one covariance. */
    double bias() {
        requireShared();
        return logOdds().constant();
    }

    private void requireShared() {
        if (!sharedCovariance()) {
            throw new IllegalStateException("the log-odds are linear only when both classes share one covariance");
        }
    }

    /**
     * {@code n} points: each class drawn with probability π, then x = μ + L u with L the Cholesky
     * factor of the class's covariance and u standard normal.
     */
    Sample sample(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] cholesky0 = cholesky(covariance0);
        double[][] cholesky1 = cholesky(covariance1);
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = random.nextDouble() < prior1 ? 1 : 0;
            double[] mean = y[i] == 1 ? mean1 : mean0;
            double[][] factor = y[i] == 1 ? cholesky1 : cholesky0;
            double u0 = random.nextGaussian();
            double u1 = random.nextGaussian();
            x[i] = new double[]{mean[0] + factor[0][0] * u0, mean[1] + factor[1][0] * u0 + factor[1][1] * u1};
        }
        return new Sample(x, y);
    }

    /**
     * The Fisher information of logistic regression at the true (w, b), per point:
     * I = E[σ(a)(1 − σ(a)) x̃ x̃ᵀ] with x̃ = (x₁, x₂, 1), the expectation over both classes by Gauss–Hermite
     * quadrature with {@value #QUADRATURE_POINTS} points per axis. By the asymptotics of maximum
     * likelihood, n E|θ̂ − θ|² tends to the trace of I⁻¹ as the sample size n grows.
     */
    double[][] fisherInformation() {
        double[] w = weights();
        double b = bias();
        GaussIntegrator rule = new GaussIntegratorFactory().hermite(QUADRATURE_POINTS);
        double[][] information = new double[3][3];
        for (int k = 0; k < 2; k++) {
            double[] mean = k == 1 ? mean1 : mean0;
            double[][] factor = cholesky(k == 1 ? covariance1 : covariance0);
            double classWeight = (k == 1 ? prior1 : 1 - prior1) / Math.PI;
            for (int i = 0; i < rule.getNumberOfPoints(); i++) {
                for (int j = 0; j < rule.getNumberOfPoints(); j++) {
                    // ∫ e^(−t²) f dt rules: x = μ + L √2 t turns N(μ, Σ) into that weight.
                    double u0 = Math.sqrt(2) * rule.getPoint(i);
                    double u1 = Math.sqrt(2) * rule.getPoint(j);
                    double[] x = {mean[0] + factor[0][0] * u0, mean[1] + factor[1][0] * u0 + factor[1][1] * u1, 1};
                    double p = Sigmoid.of(w[0] * x[0] + w[1] * x[1] + b);
                    double weight = classWeight * rule.getWeight(i) * rule.getWeight(j) * p * (1 - p);
                    for (int r = 0; r < 3; r++) {
                        for (int c = 0; c < 3; c++) {
                            information[r][c] += weight * x[r] * x[c];
                        }
                    }
                }
            }
        }
        return information;
    }

    /** The trace of I⁻¹: the limit of n E|θ̂ − θ|² for θ = (w₁, w₂, b). */
    double asymptoticSquaredError() {
        double[][] inverse = new LUDecomposition(MatrixUtils.createRealMatrix(fisherInformation())).getSolver().getInverse().getData();
        return inverse[0][0] + inverse[1][1] + inverse[2][2];
    }

    static double[][] inverse(double[][] m) {
        double det = determinant(m);
        return new double[][]{{m[1][1] / det, -m[0][1] / det}, {-m[1][0] / det, m[0][0] / det}};
    }

    static double determinant(double[][] m) {
        return m[0][0] * m[1][1] - m[0][1] * m[1][0];
    }

    static double[][] cholesky(double[][] m) {
        double l00 = Math.sqrt(m[0][0]);
        double l10 = m[1][0] / l00;
        return new double[][]{{l00, 0}, {l10, Math.sqrt(m[1][1] - l10 * l10)}};
    }

    private static double[] times(double[][] m, double[] v) {
        return new double[]{m[0][0] * v[0] + m[0][1] * v[1], m[1][0] * v[0] + m[1][1] * v[1]};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1];
    }
}
