package org.sigmoidbook.chapters.outputlayer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;

import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.sigmoidbook.toolkit.nn.HiddenUnit;

/** The networks the remedies build, checked layer by layer against what the page says they are. */
class SetupTest {

    private static Setup setup(HiddenUnit hidden, Remedy remedy, int layers, double learningRate) {
        return new Setup(hidden, remedy, Head.SIGMOID_XENT, layers, learningRate, new Budget(1, 1), 42);
    }

    @Test
    void weightsTimesFourAreTheBooksWeightsOfTheSameSeedTimesFour() {
        MultiLayerNetwork book = setup(HiddenUnit.SIGMOID, Remedy.NONE, 10, 0.1).build();
        MultiLayerNetwork x4 = setup(HiddenUnit.SIGMOID, Remedy.X4, 10, 0.1).build();
        for (int layer = 0; layer <= 10; layer++) {
            assertEquals(book.getParam(layer + "_W").mul(4), x4.getParam(layer + "_W"), "layer " + layer);
        }
    }

    /** Each hidden layer is a weighted sum without bias, DL4J's BatchNormalization and the sigmoid; then the head. */
    @Test
    void batchNormalisationSitsBetweenEachWeightedSumAndItsSigmoid() {
        MultiLayerNetwork net = setup(HiddenUnit.SIGMOID, Remedy.BATCHNORM, 5, 0.1).build();
        assertEquals(3 * 5 + 1, net.getnLayers());
        for (int l = 0; l < 5; l++) {
            DenseLayer dense = assertInstanceOf(DenseLayer.class, net.getLayer(3 * l).conf().getLayer());
            assertEquals(false, dense.hasBias());
            assertEquals("identity", dense.getActivationFn().toString());
            assertInstanceOf(BatchNormalization.class, net.getLayer(3 * l + 1).conf().getLayer());
            ActivationLayer units = assertInstanceOf(ActivationLayer.class, net.getLayer(3 * l + 2).conf().getLayer());
            assertEquals("sigmoid", units.getActivationFn().toString());
        }
        assertInstanceOf(OutputLayer.class, net.getLayer(15).conf().getLayer());
    }

    @Test
    void adamReplacesSgdAndEveryOtherSetupUsesSgdAtItsLearningRate() {
        Object adam = setup(HiddenUnit.SIGMOID, Remedy.ADAM, 5, 0.1).build().getLayer(0).conf().getLayer();
        assertEquals(Remedy.ADAM_LEARNING_RATE, ((Adam) ((DenseLayer) adam).getIUpdater()).getLearningRate());
        for (double learningRate : List.of(0.1, 2.0)) {
            DenseLayer layer = (DenseLayer) setup(HiddenUnit.TANH, Remedy.NONE, 5, learningRate).build().getLayer(0).conf().getLayer();
            assertEquals(learningRate, ((Sgd) layer.getIUpdater()).getLearningRate());
        }
    }
}
