package org.sigmoidbook.chapters.zerocentering;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.nn.HiddenUnit;

/** The same-sign count and DL4J's second-layer gradient, at initialisation. */
class SameSignTest {

    @Test
    void countingAgreesWithAHandCount() {
        double[][] gradient = {
                {0.3, -0.1, 0.0, 2.0},
                {0.2, 0.4, 0.0, 1.0},
                {0.1, -0.5, 0.0, -3.0}};
        // neuron 0: all positive; 1: 1 of 3 positive; 2: no gradient at all; 3: 2 of 3 positive
        SameSign.Count count = SameSign.count(gradient);
        assertEquals(3, count.pairs());
        assertEquals(1, count.sameSign());
        assertEquals((1.0 + 2.0 / 3 + 2.0 / 3), count.majorityShare(), 1e-15);
    }

    /**
     * The textbook formula behind the chapter, dC/dW2_ij = a_i delta_j, checked on DL4J's numbers:
     * for one digit, column j of the gradient divided by the first layer's outputs a_i is one number.
     */
    @Test
    void oneDigitsGradientIsTheFirstLayersOutputsTimesOneDeltaPerNeuron() throws Exception {
        DataSet digit = Mnist.load().train().first(1).tenClass(DataType.FLOAT);
        MultiLayerNetwork net = SameSign.network(HiddenUnit.SIGMOID, 12, 7);
        double[] a = net.feedForward(digit.getFeatures(), false).get(1).toDoubleVector();
        double[][] gradient = SameSign.secondLayerGradient(net, digit);
        for (int j = 0; j < SameSign.NEURONS; j++) {
            double delta = gradient[0][j] / a[0];
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i] * delta, gradient[i][j], 1e-5 * Math.abs(delta) + 1e-9, "i = " + i + ", j = " + j);
            }
        }
    }

    /** A minibatch's gradient is the sum of its digits' gradients: that is why their signs can mix. */
    @Test
    void aMinibatchGradientIsTheSumOfItsDigitsGradients() throws Exception {
        DataSet batch = Mnist.load().train().first(10).tenClass(DataType.FLOAT);
        MultiLayerNetwork net = SameSign.network(HiddenUnit.SIGMOID, 30, 11);
        double[][] sum = new double[30][SameSign.NEURONS];
        for (DataSet one : SameSign.singles(batch)) {
            double[][] g = SameSign.secondLayerGradient(net, one);
            for (int i = 0; i < sum.length; i++) {
                for (int j = 0; j < sum[0].length; j++) {
                    sum[i][j] += g[i][j];
                }
            }
        }
        double[][] whole = SameSign.secondLayerGradient(net, batch);
        for (int i = 0; i < sum.length; i++) {
            for (int j = 0; j < sum[0].length; j++) {
                assertEquals(sum[i][j], whole[i][j], 1e-5 * (1 + Math.abs(sum[i][j])));
            }
        }
    }
}
