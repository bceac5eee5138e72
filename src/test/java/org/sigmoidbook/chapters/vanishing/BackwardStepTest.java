package org.sigmoidbook.chapters.vanishing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.sigmoidbook.toolkit.nn.GradientRecorder;
import org.sigmoidbook.toolkit.nn.LayerGradient;
import org.sigmoidbook.toolkit.nn.Networks;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/**
 * The page's step back, delta^l = diag(sigma'(z^l)) (W^(l+1))^T delta^(l+1), on a sigmoid network of
 * unequal widths (6 inputs, hidden layers of 5 and 3 units, 4 outputs), where the product is only
 * defined in that order: (W^(l+1))^T is n_l x n_(l+1) and diag(sigma'(z^l)) is n_l x n_l. Each delta
 * comes from central finite differences of the cost, computed here from the weights alone, and is
 * compared with the step from the delta above it and with DL4J's bias gradient.
 */
class BackwardStepTest {

    private static final int[] WIDTHS = {6, 5, 3, 4};
    private static final double H = 1e-6;
    private static final double[] X = {0.9, -0.4, 0.3, 1.2, -0.7, 0.05};
    private static final double[] Y = {0, 1, 0, 0};

    /** The network's weights and biases in the page's convention: W^l is n_l x n_(l-1), z^l = W^l a^(l-1) + b^l. */
    private record Layers(List<double[][]> weights, List<double[]> biases) {

        static Layers of(MultiLayerNetwork net) {
            List<double[][]> weights = new ArrayList<>();
            List<double[]> biases = new ArrayList<>();
            for (int l = 0; l < net.getnLayers(); l++) {
                // DL4J stores W as [n_in, n_out]: its transpose is the page's W^l.
                weights.add(net.getParam(l + "_W").transpose().toDoubleMatrix());
                biases.add(net.getParam(l + "_b").toDoubleVector());
            }
            return new Layers(weights, biases);
        }

        /** Pre-activations z^1 ... z^L for input x. */
        List<double[]> preActivations(double[] x) {
            List<double[]> z = new ArrayList<>();
            double[] a = x;
            for (int l = 0; l < weights.size(); l++) {
                double[][] w = weights.get(l);
                double[] next = new double[w.length];
                for (int i = 0; i < w.length; i++) {
                    next[i] = biases.get(l)[i];
                    for (int j = 0; j < a.length; j++) {
                        next[i] += w[i][j] * a[j];
                    }
                }
                z.add(next);
                a = Arrays.stream(next).map(Sigmoid::of).toArray();
            }
            return z;
        }

        /** Cross-entropy of the sigmoid outputs against y, summed over the outputs. */
        double cost(double[] x, double[] y) {
            List<double[]> z = preActivations(x);
            double[] out = z.get(z.size() - 1);
            double c = 0;
            for (int j = 0; j < y.length; j++) {
                double a = Sigmoid.of(out[j]);
                c -= y[j] * Math.log(a) + (1 - y[j]) * Math.log(1 - a);
            }
            return c;
        }

        /** delta^l = dC/dz^l = dC/db^l (z^l moves one for one with b^l), by central differences. */
        double[] deltaByFiniteDifferences(int layer, double[] x, double[] y) {
            double[] b = biases.get(layer);
            double[] delta = new double[b.length];
            for (int i = 0; i < b.length; i++) {
                double kept = b[i];
                b[i] = kept + H;
                double up = cost(x, y);
                b[i] = kept - H;
                double down = cost(x, y);
                b[i] = kept;
                delta[i] = (up - down) / (2 * H);
            }
            return delta;
        }
    }

    private static MultiLayerNetwork network() {
        MultiLayerNetwork net = Networks.mlp(WIDTHS[0]).hidden(WIDTHS[1], WIDTHS[2]).activation(Activation.SIGMOID)
                .output(WIDTHS[3], Activation.SIGMOID, LossFunction.XENT).dataType(DataType.DOUBLE).frozen().seed(5).build();
        Networks.normalBiases(net, 0, 1, 5);
        return net;
    }

    /** diag(sigma'(z^l)) (W^(l+1))^T delta^(l+1): the transposed weights first, then unit by unit sigma'. */
    private static double[] stepBack(double[][] wAbove, double[] z, double[] deltaAbove) {
        double[] delta = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            double sum = 0;
            for (int k = 0; k < deltaAbove.length; k++) {
                sum += wAbove[k][i] * deltaAbove[k];
            }
            double s = Sigmoid.of(z[i]);
            delta[i] = s * (1 - s) * sum;
        }
        return delta;
    }

    @Test
    void eachStepBackIsTheTransposedWeightsThenSigmaPrimeOnANetworkOfUnequalWidths() {
        Layers layers = Layers.of(network());
        List<double[]> z = layers.preActivations(X);
        for (int l = 0; l + 1 < layers.weights().size(); l++) {
            double[][] wAbove = layers.weights().get(l + 1);
            assertEquals(WIDTHS[l + 2], wAbove.length, "W^(l+1) has n_(l+1) rows");
            assertEquals(WIDTHS[l + 1], wAbove[0].length, "and n_l columns");
            assertNotEquals(wAbove.length, wAbove[0].length, "unequal widths: (W^(l+1))^T diag(sigma'(z^l)) is not defined");
            double[] below = layers.deltaByFiniteDifferences(l, X, Y);
            double[] above = layers.deltaByFiniteDifferences(l + 1, X, Y);
            double[] stepped = stepBack(wAbove, z.get(l), above);
            double scale = Arrays.stream(below).map(Math::abs).max().orElseThrow();
            for (int i = 0; i < below.length; i++) {
                // central differences with h = 1e-6 in double: errors near 1e-10, against deltas near 1e-2
                assertEquals(below[i], stepped[i], 1e-7 * Math.max(scale, 1e-3), "layer " + (l + 1) + ", unit " + i);
            }
        }
    }

    /** DL4J's bias gradients on one example are the same deltas: dC/db^l = delta^l. */
    @Test
    void dl4jsBiasGradientsAreTheDeltas() {
        MultiLayerNetwork net = network();
        Layers layers = Layers.of(net);
        DataSet one = new DataSet(Nd4j.createFromArray(new double[][]{X}), Nd4j.createFromArray(new double[][]{Y}));
        List<LayerGradient> gradients = GradientRecorder.meanGradients(net, one);
        for (int l = 0; l < gradients.size(); l++) {
            double[] dl4j = gradients.get(l).biases().toDoubleVector();
            double[] delta = layers.deltaByFiniteDifferences(l, X, Y);
            assertEquals(WIDTHS[l + 1], dl4j.length);
            for (int i = 0; i < dl4j.length; i++) {
                assertEquals(delta[i], dl4j[i], 1e-7 * Math.max(Math.abs(delta[i]), 1e-3), "layer " + (l + 1) + ", unit " + i);
            }
        }
    }
}
