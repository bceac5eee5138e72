package org.sigmoidbook.chapters.outputlayer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.sigmoidbook.toolkit.nn.HiddenUnit;

/** The remedies' initial networks. */
class RemedyTest {

    /**
     * "DL4J's Xavier init changes only the first and the output layer": its variance 2/(n_in + n_out)
     * equals the book's 1/n_in when n_in = n_out = 32. Checked on the sampled weights (1,024 per
     * hidden-to-hidden layer: a sample standard deviation within about 2% of the true one).
     */
    @Test
    void xavierDrawsTheBooksWeightsBetweenHiddenLayersAndLargerOnesIntoTheFirst() {
        MultiLayerNetwork xavier = new Setup(HiddenUnit.SIGMOID, Remedy.XAVIER, Head.SIGMOID_XENT, 5, 0.1, new Budget(1, 1), 5).build();
        MultiLayerNetwork book = new Setup(HiddenUnit.SIGMOID, Remedy.NONE, Head.SIGMOID_XENT, 5, 0.1, new Budget(1, 1), 5).build();
        for (int layer = 1; layer < OutputLayerChapter.HIDDEN_LAYERS; layer++) {
            assertEquals(1 / Math.sqrt(32), xavier.getParam(layer + "_W").stdNumber().doubleValue(), 0.1 / Math.sqrt(32));
            assertEquals(1 / Math.sqrt(32), book.getParam(layer + "_W").stdNumber().doubleValue(), 0.1 / Math.sqrt(32));
        }
        assertEquals(Math.sqrt(2.0 / (784 + 32)), xavier.getParam("0_W").stdNumber().doubleValue(), 0.03 * Math.sqrt(2.0 / (784 + 32)));
        assertEquals(Math.sqrt(1.0 / 784), book.getParam("0_W").stdNumber().doubleValue(), 0.03 * Math.sqrt(1.0 / 784));
    }
}
