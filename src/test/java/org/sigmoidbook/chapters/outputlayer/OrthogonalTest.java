package org.sigmoidbook.chapters.outputlayer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sigmoidbook.toolkit.nn.HiddenUnit;

/** Orthogonal initial weights, checked against the definition: QᵀQ = I, and every singular value equal to the gain. */
class OrthogonalTest {

    @Test
    void theColumnsAreOrthonormalForEveryShapeTheChapterUses() {
        Random random = new Random(3);
        for (int[] shape : new int[][]{{784, 32}, {32, 32}, {32, 2}, {32, 1}}) {
            double[][] q = Orthogonal.columns(shape[0], shape[1], random);
            for (int a = 0; a < shape[1]; a++) {
                for (int b = 0; b < shape[1]; b++) {
                    double dot = 0;
                    for (double[] row : q) {
                        dot += row[a] * row[b];
                    }
                    assertEquals(a == b ? 1 : 0, dot, 1e-13, shape[0] + "x" + shape[1] + " columns " + a + ", " + b);
                }
            }
        }
    }

    /**
     * Haar-distributed columns: each entry of a 32 × 32 orthogonal matrix has mean 0 and variance
     * 1/32 over draws. 2,000 matrices give the variance of an entry to about 3%, the mean to 0.005.
     */
    @Test
    void anEntryHasTheMomentsOfAUniformlyRandomOrthogonalMatrix() {
        Random random = new Random(11);
        int draws = 2000;
        double sum = 0;
        double squares = 0;
        for (int d = 0; d < draws; d++) {
            double entry = Orthogonal.columns(32, 32, random)[5][7];
            sum += entry;
            squares += entry * entry;
        }
        assertEquals(0, sum / draws, 0.02);
        assertEquals(1 / 32.0, squares / draws, 0.1 / 32);
    }

    @Test
    void aWideMatrixCannotHaveOrthonormalColumns() {
        assertThrows(IllegalArgumentException.class, () -> Orthogonal.columns(2, 3, new Random(1)));
    }

    /** In the network, in float32: WᵀW = gain² I for every layer, the output layer included. */
    @Test
    void theRemedyGivesEveryWeightMatrixOrthogonalColumnsTimesFour() {
        MultiLayerNetwork net = new Setup(HiddenUnit.SIGMOID, Remedy.ORTHOGONAL, Head.SIGMOID_XENT, 5, 0.1, new Budget(1, 1), 7).build();
        for (int layer = 0; layer < net.getnLayers(); layer++) {
            INDArray w = net.getParam(layer + "_W").castTo(DataType.DOUBLE);
            double[][] gram = w.transpose().mmul(w).toDoubleMatrix();
            for (int a = 0; a < gram.length; a++) {
                for (int b = 0; b < gram.length; b++) {
                    assertEquals(a == b ? 16 : 0, gram[a][b], 1e-4, "layer " + layer);
                }
            }
        }
    }

    /**
     * Gram–Schmidt on Gaussian columns g_0, g_1, ... gives the Q of g = QR with R upper triangular
     * and its diagonal positive: q_j is orthogonal to every g_i before it (i < j) and points the way
     * g_j does. Drawn again here from the same seed, column by column; the small shapes are where
     * |g|² is near 1 and 2, where projecting a column on itself would flip its sign.
     */
    @Test
    void eachColumnIsTheGaussianColumnWithTheEarlierDirectionsRemoved() {
        for (int[] shape : new int[][]{{1, 1}, {2, 1}, {2, 2}, {3, 2}, {5, 3}}) {
            for (long seed = 0; seed < 200; seed++) {
                double[][] q = Orthogonal.columns(shape[0], shape[1], new Random(seed));
                Random again = new Random(seed);
                double[][] g = new double[shape[1]][shape[0]];
                for (double[] column : g) {
                    for (int i = 0; i < column.length; i++) {
                        column[i] = again.nextGaussian();
                    }
                }
                for (int j = 0; j < shape[1]; j++) {
                    for (int i = 0; i <= j; i++) {
                        double dot = 0;
                        for (int r = 0; r < shape[0]; r++) {
                            dot += q[r][j] * g[i][r];
                        }
                        String where = shape[0] + "x" + shape[1] + ", seed " + seed + ", q_" + j + " . g_" + i;
                        if (i < j) {
                            assertEquals(0, dot, 1e-12, where);
                        } else {
                            assertTrue(dot > 0, where + " = " + dot);
                        }
                    }
                }
            }
        }
    }
}
