package org.sigmoidbook.toolkit.nn;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The sigmoid moved down by one half, f(z) = sigma(z) - 1/2 = tanh(z/2) / 2: zero-centred, with
 * exactly the sigmoid's derivative (at most 1/4). It separates the two ways tanh differs from
 * sigma: tanh(z) = 2 sigma(2z) - 1 is both centred and four times as steep at 0.
 */
public final class CentredSigmoid extends BaseActivationFunction {

    /** Overwrites {@code in} with f(in), like DL4J's own activations. */
    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        return Transforms.sigmoid(in, false).subi(0.5);
    }

    /** f' = sigma', so DL4J's sigmoid backprop applies unchanged. */
    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        return Activation.SIGMOID.getActivationFunction().backprop(in, epsilon);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CentredSigmoid;
    }

    @Override
    public int hashCode() {
        return CentredSigmoid.class.hashCode();
    }

    @Override
    public String toString() {
        return "centredsigmoid";
    }
}
