package org.sigmoidbook.chapters.outputlayer;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A sigmoid network that computes exactly what a tanh network computes, through
 * tanh(z) = 2σ(2z) − 1. If tanh layer l outputs h = tanh(W h′ + b), the sigmoid layer that outputs
 * s = σ(2(W h′ + b)) = (h + 1)/2 carries the same information; the next layer reads h = 2s − 1, so
 * its weighted sum W h + b becomes 2W s + (b − W·1). With DL4J's z = x W + b (W of shape
 * [n_in, n_out], W·1 the column sums):
 * <pre>
 *   first hidden layer (reads the pixels):   W′ = 2W,  b′ = 2b
 *   later hidden layers (read s):            W′ = 4W,  b′ = 2b − 2 colsum(W)
 *   output layer (reads s, same z):          W′ = 2W,  b′ = b − colsum(W)
 * </pre>
 * The two networks are the same function with different parameters, so gradient descent moves
 * them differently: their training compares parameterisations, not what the units can express.
 */
final class SigmoidAsTanh {

    private SigmoidAsTanh() {
    }

    /** Sets the parameters of {@code sigmoid} (same layer sizes, sigmoid hidden units) so that it computes {@code tanh}'s function. */
    static void copy(MultiLayerNetwork tanh, MultiLayerNetwork sigmoid) {
        int layers = tanh.getnLayers();
        for (int layer = 0; layer < layers; layer++) {
            INDArray w = tanh.getParam(layer + "_W");
            INDArray b = tanh.getParam(layer + "_b");
            INDArray columnSums = w.sum(0).reshape(b.shape());
            boolean first = layer == 0;
            boolean output = layer == layers - 1;
            double weightFactor = first || output ? 2 : 4;
            INDArray bias = first ? b.mul(2) : output ? b.sub(columnSums) : b.mul(2).subi(columnSums.mul(2));
            sigmoid.getParam(layer + "_W").assign(w.mul(weightFactor));
            sigmoid.getParam(layer + "_b").assign(bias);
        }
    }
}
