package org.sigmoidbook.chapters.outputlayer;

import java.util.Random;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Orthogonal initial weights (Saxe, McClelland and Ganguli 2014), which DL4J does not offer: each
 * weight matrix W of shape [n_in, n_out] gets orthonormal columns, WᵀW = I, times a gain. All
 * singular values of such a matrix are 1, where the book's N(0, 1/n_in) draws spread them from
 * near 0 to near 2 (32 × 32). Pennington, Schoenholz and Ganguli (2017) show that orthogonal
 * weights let networks of tanh-like units keep every singular value of the input-output Jacobian
 * near 1 ("dynamical isometry"), if the units work near their linear regime with a slope that the
 * gain cancels. For the sigmoid the slope there is σ′(0) = 1/4, so the gain is 4: the layer's
 * Jacobian at 0, σ′(0) · 4 Wᵀ, is then orthogonal.
 */
final class Orthogonal {

    private Orthogonal() {
    }

    /** Replaces every weight matrix of {@code net} with a Haar-random one with orthonormal columns, times {@code gain}. */
    static void initialise(MultiLayerNetwork net, double gain, long seed) {
        Random random = new Random(seed);
        for (int layer = 0; layer < net.getnLayers(); layer++) {
            INDArray w = net.getParam(layer + "_W");
            double[][] q = columns((int) w.rows(), (int) w.columns(), random);
            for (double[] row : q) {
                for (int j = 0; j < row.length; j++) {
                    row[j] *= gain;
                }
            }
            w.assign(Nd4j.createFromArray(q).castTo(w.dataType()));
        }
    }

    /**
     * A rows × cols matrix (rows ≥ cols) with orthonormal columns, uniformly distributed (Haar):
     * Gram–Schmidt on independent Gaussian columns, which is the Q of a QR factorisation with a
     * positive diagonal in R (Mezzadri 2007). Each column is orthogonalised twice against the ones
     * before it, so that the columns are orthogonal to rounding error.
     */
    static double[][] columns(int rows, int cols, Random random) {
        if (rows < cols) {
            throw new IllegalArgumentException("a " + rows + " × " + cols + " matrix cannot have orthonormal columns");
        }
        double[][] q = new double[cols][rows];
        for (int j = 0; j < cols; j++) {
            double[] v = q[j];
            for (int i = 0; i < rows; i++) {
                v[i] = random.nextGaussian();
            }
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < j; k++) {
                    double dot = 0;
                    for (int i = 0; i < rows; i++) {
                        dot += v[i] * q[k][i];
                    }
                    for (int i = 0; i < rows; i++) {
                        v[i] -= dot * q[k][i];
                    }
                }
            }
            double norm = 0;
            for (double x : v) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < rows; i++) {
                v[i] /= norm;
            }
        }
        double[][] matrix = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                matrix[i][j] = q[j][i];
            }
        }
        return matrix;
    }
}
