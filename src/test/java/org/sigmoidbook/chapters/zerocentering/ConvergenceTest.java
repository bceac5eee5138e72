package org.sigmoidbook.chapters.zerocentering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sigmoidbook.chapters.zerocentering.Convergence.Biases;
import org.sigmoidbook.chapters.zerocentering.Convergence.Training;
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.nn.HiddenUnit;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/** The convergence networks at initialisation: the weight factor, what the offset does, and what removing it does. */
class ConvergenceTest {

    private static final int WIDTH = 16;
    private static final Training SIGMOID = new Training(HiddenUnit.SIGMOID, Convergence.SIGMOID_WEIGHT_FACTOR, Biases.ZERO);
    private static final Training OFFSET_REMOVED = new Training(HiddenUnit.SIGMOID, Convergence.SIGMOID_WEIGHT_FACTOR, Biases.OFFSET_REMOVED);
    private static final Training CENTRED = new Training(HiddenUnit.CENTRED_SIGMOID, Convergence.SIGMOID_WEIGHT_FACTOR, Biases.ZERO);

    private static INDArray digits() throws Exception {
        return Mnist.load().test().first(40).features(DataType.FLOAT);
    }

    /** The Deep Learning Tutorials' factor for the sigmoid is 1/σ'(0) = 4: σ(z) ≈ ½ + z/4 near 0, against tanh(z) ≈ z. */
    @Test
    void theTutorialsFactorForTheSigmoidIsFour() {
        assertEquals(4.0, Convergence.SIGMOID_WEIGHT_FACTOR, 0.0);
        double h = 1e-6;
        assertEquals(1 / Convergence.SIGMOID_WEIGHT_FACTOR, (1 / (1 + Math.exp(-h)) - 1 / (1 + Math.exp(h))) / (2 * h), 1e-9);
    }

    /** b = −½ W·1 makes W σ(z) + b = W (σ(z) − ½): the sigmoid network computes the centred one's function, layer by layer. */
    @Test
    void removingTheOffsetGivesTheCentredNetworksFunction() throws Exception {
        INDArray digits = digits();
        MultiLayerNetwork removed = Convergence.network(OFFSET_REMOVED, WIDTH, 7);
        MultiLayerNetwork centred = Convergence.network(CENTRED, WIDTH, 7);
        List<INDArray> z = Convergence.preActivations(removed, digits);
        List<INDArray> zCentred = Convergence.preActivations(centred, digits);
        for (int layer = 0; layer < Convergence.LAYERS; layer++) {
            assertArrayEquals(zCentred.get(layer).ravel().toDoubleVector(), z.get(layer).ravel().toDoubleVector(), 1e-4, "layer " + (layer + 1));
        }
        assertArrayEquals(centred.output(digits).ravel().toDoubleVector(), removed.output(digits).ravel().toDoubleVector(), 1e-6);
    }

    /**
     * With zero biases, the second layer's pre-activation of neuron j is the centred network's plus
     * ½ Σ_i W_ij, the shift the page describes; the first layer, fed by pixels, is the same in both.
     */
    @Test
    void withZeroBiasesTheOffsetShiftsEachNeuronByHalfItsWeightSum() throws Exception {
        INDArray digits = digits();
        MultiLayerNetwork sigmoid = Convergence.network(SIGMOID, WIDTH, 3);
        MultiLayerNetwork centred = Convergence.network(CENTRED, WIDTH, 3);
        List<INDArray> z = Convergence.preActivations(sigmoid, digits);
        List<INDArray> zCentred = Convergence.preActivations(centred, digits);
        assertArrayEquals(zCentred.get(0).ravel().toDoubleVector(), z.get(0).ravel().toDoubleVector(), 0.0);
        double[] halfSums = sigmoid.getParam("1_W").sum(0).muli(0.5).toDoubleVector();
        double[][] difference = z.get(1).sub(zCentred.get(1)).toDoubleMatrix();
        for (double[] digit : difference) {
            assertArrayEquals(halfSums, digit, 1e-4);
        }
    }

    /**
     * The shift ½ Σ_i W_ij of a neuron fed by hidden units, weights ×4 of variance 1/n_in: variance
     * ¼ · n_in · 16/n_in = 4, standard deviation 2, here over the 3 × 64 neurons of 20 networks of
     * width 64 (the sample standard deviation of 3840 normal values is within 5% of the true one with
     * overwhelming probability: its relative standard error is about 1/sqrt(2 · 3840) = 1.1%).
     */
    @Test
    void theOffsetsShiftHasStandardDeviationTwo() {
        List<Double> shifts = new ArrayList<>();
        for (long seed = 1; seed <= 20; seed++) {
            MultiLayerNetwork net = Convergence.network(SIGMOID, 64, seed);
            for (int layer = 1; layer < Convergence.LAYERS; layer++) {
                for (double sum : net.getParam(layer + "_W").sum(0).toDoubleVector()) {
                    shifts.add(sum / 2);
                }
            }
        }
        double mean = shifts.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double variance = shifts.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / (shifts.size() - 1);
        assertEquals(2, Math.sqrt(variance), 0.1);
    }

    /** The mean slope is the mean of σ(z)(1 − σ(z)) over the layer's pre-activations, computed here from the formula. */
    @Test
    void theMeanSlopeIsTheSigmoidsDerivativeAveraged() throws Exception {
        INDArray digits = digits();
        MultiLayerNetwork net = Convergence.network(SIGMOID, WIDTH, 5);
        double[] slopes = Convergence.meanSlopes(net, SIGMOID, digits);
        List<INDArray> z = Convergence.preActivations(net, digits);
        for (int layer = 0; layer < Convergence.LAYERS; layer++) {
            double sum = 0;
            double[] values = z.get(layer).ravel().toDoubleVector();
            for (double value : values) {
                double s = Sigmoid.of(value);
                sum += s * (1 - s);
            }
            assertEquals(sum / values.length, slopes[layer], 1e-6, "layer " + (layer + 1));
        }
    }
}
