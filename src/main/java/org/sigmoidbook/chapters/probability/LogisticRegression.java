package org.sigmoidbook.chapters.probability;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.sigmoidbook.toolkit.nn.BinaryCrossEntropyWithLogits;
import org.sigmoidbook.toolkit.nn.Networks;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/**
 * Logistic regression fitted in DL4J: one output unit σ(wᵀx + b) with binary cross-entropy, trained
 * on the whole sample at every step until its parameters stop moving, in DOUBLE. The inputs are
 * whitened first (mean 0 and covariance I over the sample), which makes the steps converge in about a
 * hundred iterations, and the fitted weights are mapped back to the raw inputs: the maximum-likelihood
 * fit does not depend on an invertible linear change of the inputs, so this is the same fit.
 */
final class LogisticRegression {

    /**
     * Nesterov momentum. On whitened inputs the mean cross-entropy's curvature is at most ¼ (σ′ ≤ ¼
     * times the inputs' second moments, which are I), and momentum μ stays stable below a learning
     * rate of 2 (1 + μ) / ¼ = 13.6: this one converges with room to spare.
     */
    static final double LEARNING_RATE = 6.0;
    static final double MOMENTUM = 0.7;
    /** The fit stops when no parameter moves more than this in a step ... */
    static final double TOLERANCE = 1e-8;
    /** ... or after this many steps. */
    static final int MAX_STEPS = 2000;

    /**
     * A fit: the weights and bias on the raw inputs, the steps it took, and the length of the mean
     * cross-entropy's gradient there (0 at the exact maximum-likelihood fit), computed in Java from the
     * raw inputs.
     */
    record Fit(double[] weights, double bias, int steps, double gradientNorm) {

        double logit(double[] x) {
            double z = bias;
            for (int i = 0; i < weights.length; i++) {
                z += weights[i] * x[i];
            }
            return z;
        }
    }

    private LogisticRegression() {
    }

    /** Fits P(y = 1 | x) = σ(wᵀx + b) to the rows {@code x} and classes {@code y}; {@code seed} starts the weights. */
    static Fit fit(double[][] x, int[] y, long seed) {
        int n = x.length;
        int d = x[0].length;
        RealVector mean = new ArrayRealVector(d);
        for (double[] row : x) {
            mean = mean.add(new ArrayRealVector(row).mapDivide(n));
        }
        RealMatrix covariance = new Array2DRowRealMatrix(d, d);
        for (double[] row : x) {
            RealVector centred = new ArrayRealVector(row).subtract(mean);
            covariance = covariance.add(centred.outerProduct(centred).scalarMultiply(1.0 / n));
        }
        // u = L⁻¹(x − mean) has mean 0 and covariance I, with L the Cholesky factor of the inputs' covariance.
        RealMatrix factor = new CholeskyDecomposition(covariance).getL();
        DecompositionSolver solver = new LUDecomposition(factor).getSolver();
        double[][] whitened = new double[n][];
        double[][] labels = new double[n][1];
        for (int i = 0; i < n; i++) {
            whitened[i] = solver.solve(new ArrayRealVector(x[i]).subtract(mean)).toArray();
            labels[i][0] = y[i];
        }
        DataSet data = new DataSet(Nd4j.createFromArray(whitened), Nd4j.createFromArray(labels));
        MultiLayerNetwork net = Networks.mlp(d).output(1, Activation.IDENTITY, new BinaryCrossEntropyWithLogits())
                .updater(new Nesterovs(LEARNING_RATE, MOMENTUM)).dataType(DataType.DOUBLE).seed(seed).build();
        double[] previous = net.params().toDoubleVector();
        int steps = 0;
        double moved = Double.POSITIVE_INFINITY;
        while (moved > TOLERANCE && steps < MAX_STEPS) {
            net.fit(data);
            steps++;
            double[] now = net.params().toDoubleVector();
            moved = 0;
            for (int k = 0; k < now.length; k++) {
                moved = Math.max(moved, Math.abs(now[k] - previous[k]));
            }
            previous = now;
        }
        // z = vᵀu + c = vᵀL⁻¹(x − mean) + c: w = L⁻ᵀv and b = c − wᵀ mean.
        RealVector v = new ArrayRealVector(net.getParam("0_W").toDoubleVector());
        RealVector w = new LUDecomposition(factor.transpose()).getSolver().solve(v);
        double bias = net.getParam("0_b").getDouble(0) - w.dotProduct(mean);
        Fit fit = new Fit(w.toArray(), bias, steps, 0);
        return new Fit(fit.weights(), bias, steps, gradientNorm(fit, x, y));
    }

    /** |∇| of the mean cross-entropy −(1/n) Σ ln P(yᵢ | xᵢ) with respect to (w, b): (1/n) Σ (σ(zᵢ) − yᵢ)(xᵢ, 1). */
    static double gradientNorm(Fit fit, double[][] x, int[] y) {
        int d = fit.weights().length;
        double[] gradient = new double[d + 1];
        for (int i = 0; i < x.length; i++) {
            double error = Sigmoid.of(fit.logit(x[i])) - y[i];
            for (int j = 0; j < d; j++) {
                gradient[j] += error * x[i][j] / x.length;
            }
            gradient[d] += error / x.length;
        }
        double squares = 0;
        for (double g : gradient) {
            squares += g * g;
        }
        return Math.sqrt(squares);
    }
}
