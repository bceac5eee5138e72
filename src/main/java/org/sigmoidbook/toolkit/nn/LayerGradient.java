package org.sigmoidbook.toolkit.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The mean over a batch of dC/dW and dC/db for one layer (layer 1 = first hidden layer). */
public record LayerGradient(int layer, INDArray weights, INDArray biases) {

    public double weightNorm() {
        return weights.norm2Number().doubleValue();
    }

    /** Nielsen's "speed of learning" of the layer: the L2 norm of the mean dC/db. */
    public double biasNorm() {
        return biases.norm2Number().doubleValue();
    }
}
