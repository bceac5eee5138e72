package org.sigmoidbook.chapters.outputlayer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sigmoidbook.toolkit.nn.HiddenUnit;

/** The output heads: how each reads its output as P(9 | x), and that every head sits on the same hidden stack. */
class HeadTest {

    @Test
    void eachHeadReadsItsOutputAsTheProbabilityOfANine() {
        INDArray one = Nd4j.createFromArray(new double[][]{{-2}, {0}, {0.3}, {1.4}});
        assertArrayEquals(new double[]{-2, 0, 0.3, 1.4}, Head.SIGMOID_XENT.probability(one), 0);
        assertArrayEquals(new double[]{1 / (1 + Math.exp(2)), 0.5, 1 / (1 + Math.exp(-0.3)), 1 / (1 + Math.exp(-1.4))},
                Head.SIGMOID_FUSED.probability(one), 1e-15);
        assertArrayEquals(new double[]{0, 0, 0.3, 1}, Head.IDENTITY_MSE.probability(one), 0);
        INDArray two = Nd4j.createFromArray(new double[][]{{0.8, 0.2}, {0.1, 0.9}});
        assertArrayEquals(new double[]{0.2, 0.9}, Head.SOFTMAX_2.probability(two), 0);
    }

    @Test
    void theSoftmaxTrainsOnOneHotLabelsAndTheOthersOnTheLabelItself() {
        INDArray y = Nd4j.createFromArray(new double[][]{{1}, {0}});
        assertArrayEquals(new double[][]{{0, 1}, {1, 0}}, Head.SOFTMAX_2.labels(y).toDoubleMatrix());
        for (Head head : new Head[]{Head.SIGMOID_XENT, Head.SIGMOID_FUSED, Head.SIGMOID_MSE, Head.IDENTITY_MSE}) {
            assertEquals(y, head.labels(y));
        }
    }

    /** "Output heads on the same hidden stack": one seed gives every head the same initial hidden weights. */
    @ParameterizedTest
    @EnumSource(value = Remedy.class, names = {"NONE", "X4"})
    void everyHeadStartsFromTheSameHiddenWeights(Remedy remedy) {
        HiddenUnit hidden = remedy == Remedy.NONE ? HiddenUnit.RELU : HiddenUnit.SIGMOID;
        MultiLayerNetwork reference = new Setup(hidden, remedy, Head.SIGMOID_XENT, 5, 0.1, new Budget(1, 1), 44).build();
        for (Head head : Head.values()) {
            MultiLayerNetwork net = new Setup(hidden, remedy, head, 5, 0.1, new Budget(1, 1), 44).build();
            for (int layer = 0; layer < 5; layer++) {
                assertEquals(reference.getParam(layer + "_W"), net.getParam(layer + "_W"), head.id() + " layer " + layer);
            }
            assertEquals(head.outputs(), net.getParam("5_W").columns());
        }
    }
}
