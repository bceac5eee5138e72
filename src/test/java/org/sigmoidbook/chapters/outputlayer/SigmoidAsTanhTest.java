package org.sigmoidbook.chapters.outputlayer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.sigmoidbook.toolkit.nn.HiddenUnit;
import org.sigmoidbook.toolkit.nn.Networks;

/** The sigmoid network that computes the tanh network's function, through tanh(z) = 2σ(2z) − 1. */
class SigmoidAsTanhTest {

    /** Float64, biases away from zero so that every term of the mapping counts: the same output to rounding. */
    @Test
    void theSigmoidNetworkComputesTheTanhNetworksFunction() {
        Networks.Mlp spec = Networks.mlp(10).hiddenLayers(4, 6).output(1, Activation.SIGMOID, LossFunction.XENT).dataType(DataType.DOUBLE).seed(5);
        MultiLayerNetwork tanh = spec.activation(HiddenUnit.TANH.activation()).build();
        Networks.normalBiases(tanh, 0.2, 0.5, 9);
        MultiLayerNetwork sigmoid = spec.activation(HiddenUnit.SIGMOID.activation()).build();
        SigmoidAsTanh.copy(tanh, sigmoid);
        Nd4j.getRandom().setSeed(13);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 20, 10);
        assertArrayEquals(tanh.output(x).toDoubleVector(), sigmoid.output(x).toDoubleVector(), 1e-12);
        // Each sigmoid layer's output is (h + 1)/2 of the tanh layer's.
        for (int layer = 1; layer <= 4; layer++) {
            double[] h = tanh.feedForward(x).get(layer).ravel().toDoubleVector();
            double[] s = sigmoid.feedForward(x).get(layer).ravel().toDoubleVector();
            for (int i = 0; i < h.length; i++) {
                assertEquals((h[i] + 1) / 2, s[i], 1e-12, "layer " + layer);
            }
        }
    }

    /** The remedy's network, in float32, starts from the tanh network of the same seed, as a function on digits-sized inputs. */
    @Test
    void theRemedysInitialNetworkIsTheTanhNetworkOfTheSameSeed() {
        Budget budget = new Budget(1, 1);
        MultiLayerNetwork tanh = new Setup(HiddenUnit.TANH, Remedy.NONE, Head.SIGMOID_XENT, 5, 0.1, budget, 42).build();
        MultiLayerNetwork sigmoid = new Setup(HiddenUnit.SIGMOID, Remedy.SIGMOID_AS_TANH, Head.SIGMOID_XENT, 5, 0.1, budget, 42).build();
        Nd4j.getRandom().setSeed(2);
        INDArray pixels = Nd4j.rand(DataType.FLOAT, 50, 784);
        assertArrayEquals(tanh.output(pixels).toDoubleVector(), sigmoid.output(pixels).toDoubleVector(), 1e-5);
    }
}
