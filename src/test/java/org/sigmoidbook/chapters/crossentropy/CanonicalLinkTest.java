package org.sigmoidbook.chapters.crossentropy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sigmoidbook.runtime.Silence;

/**
 * The page's claim that dC/dz = a - y for each canonical pair: the output and the loss written as
 * separate ops, differentiated by SameDiff through both, in float64, against a - y computed here.
 */
class CanonicalLinkTest {

    private static final double[][] Z = {{-3.5, 0.25, 2.0}, {1.5, -0.75, 0.0}};
    private static final double[][] ONE_HOT = {{0, 0, 1}, {1, 0, 0}};
    private static final double[][] TARGET = {{0.3, -1.2, 2.5}, {0.0, 0.8, -0.4}};

    /** Sigmoid and binary cross-entropy: dC/dz = sigma(z) - y, element by element. */
    @Test
    void sigmoidWithBinaryCrossEntropy() {
        double[][] labels = {{0, 1, 1}, {1, 0, 0}};
        INDArray gradient = gradient((sd, z, y) -> {
            SDVariable a = sd.nn().sigmoid(z);
            SDVariable one = sd.constant(1.0);
            return y.mul(sd.math().log(a)).add(one.sub(y).mul(sd.math().log(one.sub(a)))).neg().sum();
        }, labels);
        assertMinusLabels(labels, gradient, (row, k) -> 1 / (1 + Math.exp(-Z[row][k])));
    }

    /** Softmax and categorical cross-entropy: dC/dz_k = softmax(z)_k - y_k. */
    @Test
    void softmaxWithCrossEntropy() {
        INDArray gradient = gradient((sd, z, y) -> y.mul(sd.math().log(sd.nn().softmax(z, 1))).neg().sum(), ONE_HOT);
        assertMinusLabels(ONE_HOT, gradient, (row, k) -> {
            double sum = 0;
            for (double v : Z[row]) {
                sum += Math.exp(v);
            }
            return Math.exp(Z[row][k]) / sum;
        });
    }

    /** Identity and half the squared error: dC/dz = z - y. */
    @Test
    void identityWithSquaredError() {
        INDArray gradient = gradient((sd, z, y) -> z.sub(y).mul(z.sub(y)).mul(0.5).sum(), TARGET);
        assertMinusLabels(TARGET, gradient, (row, k) -> Z[row][k]);
    }

    private interface Loss {
        SDVariable of(SameDiff sd, SDVariable z, SDVariable y);
    }

    private interface Output {
        double at(int row, int k);
    }

    private static INDArray gradient(Loss loss, double[][] labels) {
        SameDiff sd = SameDiff.create();
        SDVariable z = sd.var("z", Nd4j.createFromArray(Z).castTo(DataType.DOUBLE));
        SDVariable y = sd.constant("y", Nd4j.createFromArray(labels).castTo(DataType.DOUBLE));
        loss.of(sd, z, y).markAsLoss();
        return Silence.stdout(() -> sd.calculateGradients(null, "z")).get("z");
    }

    private static void assertMinusLabels(double[][] labels, INDArray gradient, Output a) {
        for (int row = 0; row < Z.length; row++) {
            for (int k = 0; k < Z[row].length; k++) {
                assertEquals(a.at(row, k) - labels[row][k], gradient.getDouble(row, k), 1e-12, "row " + row + ", unit " + k);
            }
        }
    }
}
