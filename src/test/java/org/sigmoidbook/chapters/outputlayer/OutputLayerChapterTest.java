package org.sigmoidbook.chapters.outputlayer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.sigmoidbook.GradientChecks;
import org.sigmoidbook.toolkit.nn.Accuracy;
import org.sigmoidbook.toolkit.nn.GradientRecorder;
import org.sigmoidbook.toolkit.nn.HiddenUnit;
import org.sigmoidbook.toolkit.nn.Networks;

/** The chapter's network and the accuracy it is scored with, on their own. */
class OutputLayerChapterTest {

    /** The chapter scores held-out digits with the book's accuracy: an output of at least 1/2 reads as a 9. */
    @Test
    void accuracyCountsAnOutputOfAtLeastOneHalfAsThePositiveClass() {
        double[] output = {0.2, 0.5, 0.7, 0.49, 0.51};
        double[] labels = {0, 1, 0, 1, 1};
        assertEquals(3 / 5.0, Accuracy.ofProbabilities(output, labels), 1e-15);
    }

    /**
     * Every network the chapter trains, at a size that checks in about a second. The biases are moved
     * off zero: with zero biases a ReLU unit whose inputs are all zero sits exactly on its kink, where
     * the central difference measures half the one-sided slope and the check fails spuriously.
     */
    @ParameterizedTest
    @EnumSource(value = HiddenUnit.class, names = {"SIGMOID", "TANH", "RELU"})
    void theChaptersNetworkPassesTheFiniteDifferenceCheck(HiddenUnit hidden) {
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 8, 10);
        INDArray y = Nd4j.createFromArray(new double[][]{{1}, {0}, {1}, {1}, {0}, {0}, {1}, {0}});
        DataSet data = new DataSet(x, y);
        MultiLayerNetwork net = OutputLayerChapter.network(10, 5, hidden).dataType(DataType.DOUBLE).frozen().seed(3).build();
        Networks.normalBiases(net, 0.1, 0.1, 5);
        assertTrue(GradientRecorder.meanGradients(net, data).get(0).weightNorm() > 0,
                "the first layer must receive a gradient, or the check proves nothing");
        GradientChecks.assertPasses(net, data);
    }
}
