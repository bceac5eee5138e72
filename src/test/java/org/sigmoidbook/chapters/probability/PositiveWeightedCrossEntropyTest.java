package org.sigmoidbook.chapters.probability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sigmoidbook.runtime.Backend;
import org.sigmoidbook.toolkit.nn.BinaryCrossEntropyWithLogits;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/**
 * The positive-class weight against its closed form −[w y ln σ(z) + (1 − y) ln(1 − σ(z))] and
 * central differences; and DL4J's own loss weight on one sigmoid output, measured.
 */
class PositiveWeightedCrossEntropyTest {

    private static final double WEIGHT = 9;
    private static final double[] Z = {-30, -4, -0.7, 0, 0.3, 2.5, 12, 30};

    @BeforeAll
    static void backend() {
        Backend.skipResidentMemoryCheck();
        assertNull(Backend.start());
    }

    private static INDArray column(double... values) {
        return Nd4j.createFromArray(values).reshape(values.length, 1);
    }

    private static double closedForm(double z, int y) {
        // −ln σ(z) = softplus(−z) and −ln(1 − σ(z)) = softplus(z), computed without overflow.
        double softplusMinus = Math.max(-z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
        double softplus = Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
        return y == 1 ? WEIGHT * softplusMinus : softplus;
    }

    @Test
    void lossAndGradientAreTheClosedForms() {
        PositiveWeightedCrossEntropy loss = new PositiveWeightedCrossEntropy(WEIGHT);
        for (int y = 0; y <= 1; y++) {
            double[] labels = new double[Z.length];
            Arrays.fill(labels, y);
            INDArray scores = loss.computeScoreArray(column(labels), column(Z), new ActivationIdentity(), null);
            INDArray gradient = loss.computeGradient(column(labels), column(Z), new ActivationIdentity(), null);
            for (int i = 0; i < Z.length; i++) {
                double expected = closedForm(Z[i], y);
                assertEquals(expected, scores.getDouble(i), 1e-12 * Math.max(1, expected), "loss, y = " + y + ", z = " + Z[i]);
                double slope = y == 1 ? -WEIGHT * Sigmoid.of(-Z[i]) : Sigmoid.of(Z[i]);
                assertEquals(slope, gradient.getDouble(i), 1e-12, "gradient, y = " + y + ", z = " + Z[i]);
                double h = 1e-5;
                double difference = (closedForm(Z[i] + h, y) - closedForm(Z[i] - h, y)) / (2 * h);
                assertEquals(difference, gradient.getDouble(i), 1e-6 * Math.max(1, Math.abs(slope)), "central difference");
            }
        }
    }

    /** The score averages over examples, masked ones included, as DL4J's losses do; a mask multiplies. */
    @Test
    void scoreAndMask() {
        PositiveWeightedCrossEntropy loss = new PositiveWeightedCrossEntropy(WEIGHT);
        INDArray labels = column(0, 1, 1);
        INDArray z = column(0.5, -0.5, 2);
        INDArray mask = column(1, 0, 1);
        double expected = (closedForm(0.5, 0) + closedForm(2, 1)) / 3;
        assertEquals(expected, loss.computeScore(labels, z, new ActivationIdentity(), mask, true), 1e-12);
        assertEquals(0, loss.computeGradient(labels, z, new ActivationIdentity(), mask).getDouble(1), 0.0);
    }

    /**
     * Two outputs, three examples: a mask of one column masks whole examples, a mask of the labels'
     * shape single outputs; the gradient is w (σ(z) − 1) for a 1 and σ(z) for a 0 wherever the mask is 1.
     */
    @Test
    void masksOfExamplesAndOfSingleOutputs() {
        PositiveWeightedCrossEntropy loss = new PositiveWeightedCrossEntropy(WEIGHT);
        double[][] labels = {{1, 0}, {0, 1}, {1, 1}};
        double[][] z = {{0.3, -1}, {2, 0.5}, {-0.7, 1.5}};
        double[][] perExample = {{1, 1}, {0, 0}, {1, 1}};
        double[][] perOutput = {{1, 0}, {1, 1}, {0, 1}};
        INDArray byExample = loss.computeGradient(Nd4j.createFromArray(labels), Nd4j.createFromArray(z), new ActivationIdentity(), column(1, 0, 1));
        INDArray byOutput = loss.computeGradient(Nd4j.createFromArray(labels), Nd4j.createFromArray(z), new ActivationIdentity(),
                Nd4j.createFromArray(perOutput));
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 2; k++) {
                double slope = labels[i][k] == 1 ? -WEIGHT * Sigmoid.of(-z[i][k]) : Sigmoid.of(z[i][k]);
                assertEquals(perExample[i][k] * slope, byExample.getDouble(i, k), 1e-12, "mask of examples, " + i + ", " + k);
                assertEquals(perOutput[i][k] * slope, byOutput.getDouble(i, k), 1e-12, "mask of outputs, " + i + ", " + k);
            }
        }
    }

    /** DL4J's fit asks for both at once: the averaged score and the gradient, as each alone gives them. */
    @Test
    void gradientAndScoreTogether() {
        PositiveWeightedCrossEntropy loss = new PositiveWeightedCrossEntropy(WEIGHT);
        INDArray labels = column(0, 1, 1);
        INDArray z = column(0.5, -0.5, 2);
        Pair<Double, INDArray> both = loss.computeGradientAndScore(labels, z, new ActivationIdentity(), null, true);
        assertEquals((closedForm(0.5, 0) + closedForm(-0.5, 1) + closedForm(2, 1)) / 3, both.getFirst(), 1e-12);
        double[] slopes = {Sigmoid.of(0.5), -WEIGHT * Sigmoid.of(0.5), -WEIGHT * Sigmoid.of(-2)};
        for (int i = 0; i < 3; i++) {
            assertEquals(slopes[i], both.getSecond().getDouble(i), 1e-12);
        }
    }

    @Test
    void theWeightMustBePositive() {
        for (double weight : new double[]{0, -1, Double.NaN}) {
            assertThrows(IllegalArgumentException.class, () -> new PositiveWeightedCrossEntropy(weight), "weight " + weight);
        }
        assertEquals(Double.MIN_VALUE, new PositiveWeightedCrossEntropy(Double.MIN_VALUE).getPositiveWeight());
    }

    /** Equal when the weights are; the name, shown in DL4J's summaries, carries the weight. */
    @Test
    void equalityAndName() {
        PositiveWeightedCrossEntropy loss = new PositiveWeightedCrossEntropy(WEIGHT);
        assertEquals(new PositiveWeightedCrossEntropy(WEIGHT), loss);
        assertEquals(new PositiveWeightedCrossEntropy(WEIGHT).hashCode(), loss.hashCode());
        assertNotEquals(new PositiveWeightedCrossEntropy(2), loss);
        assertNotEquals(new BinaryCrossEntropyWithLogits(), loss);
        assertEquals(loss.toString(), loss.name());
        assertTrue(loss.name().startsWith("PositiveWeightedCrossEntropy") && loss.name().contains("9.0"), loss.name());
    }

    /**
     * Where the true probability is p, the expected weighted loss p w softplus(−z) + (1 − p) softplus(z)
     * is smallest at σ(z) = w p / (w p + 1 − p): a golden-section search over z finds it, so the
     * weighted network's ½ is the plain one's 1/(1 + w).
     */
    @Test
    void theWeightedLossEstimatesOddsWTimesTooHigh() {
        for (double p = 0.05; p < 1; p += 0.1) {
            double q = p;
            double low = -30;
            double high = 30;
            double ratio = (Math.sqrt(5) - 1) / 2;
            while (high - low > 1e-12) {
                double a = high - ratio * (high - low);
                double b = low + ratio * (high - low);
                double la = q * closedForm(a, 1) + (1 - q) * closedForm(a, 0);
                double lb = q * closedForm(b, 1) + (1 - q) * closedForm(b, 0);
                if (la < lb) {
                    high = b;
                } else {
                    low = a;
                }
            }
            assertEquals(WEIGHT * p / (WEIGHT * p + 1 - p), Sigmoid.of((low + high) / 2), 1e-8, "p = " + p);
        }
        // Its output is ½ exactly where p = 1/(1 + w).
        double p = 1 / (1 + WEIGHT);
        assertEquals(0.5, WEIGHT * p / (WEIGHT * p + 1 - p), 1e-15);
    }

    /**
     * DL4J's {@code LossBinaryXENT(weights)} weights output columns: on one sigmoid output a weight of 9
     * multiplies the gradient of a 9 and of any other digit alike, so it cannot weight a class.
     */
    @Test
    void dl4jsLossWeightScalesBothClassesOfOneOutput() {
        assertEquals(9, PositiveWeightedCrossEntropy.dl4jWeightEffect(9, 0), 1e-12);
        assertEquals(9, PositiveWeightedCrossEntropy.dl4jWeightEffect(9, 1), 1e-12);
    }

    /** DL4J copies configurations through JSON: the loss and its weight survive the round trip. */
    @Test
    void survivesDl4jsJsonRoundTrip() {
        MultiLayerConfiguration configuration = DigitTraining.network(Training.POSITIVE_WEIGHT, 1, WEIGHT).getLayerWiseConfigurations();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(configuration.toJson());
        assertEquals(configuration, back);
        assertEquals(new PositiveWeightedCrossEntropy(WEIGHT),
                ((OutputLayer) back.getConf(1).getLayer()).getLossFn());
    }
}
