package org.sigmoidbook.toolkit.nn;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * LeCun's scaled hyperbolic tangent, f(z) = 1.7159 tanh(2z/3) (LeCun, Bottou, Orr and Mueller 1998,
 * "Efficient BackProp", section 4.4), computed exactly. The constants make f(+-1) = +-1 and keep the
 * output variance near 1 when the inputs have unit variance. DL4J's RATIONALTANH only approximates it.
 * f'(z) = 1.7159 (2/3) (1 - tanh^2(2z/3)).
 */
public final class LeCunTanh extends BaseActivationFunction {

    public static final double AMPLITUDE = 1.7159;
    public static final double SLOPE = 2.0 / 3.0;

    /** The function on a scalar, in double, for checks. */
    public static double of(double z) {
        return AMPLITUDE * Math.tanh(SLOPE * z);
    }

    /** Its derivative on a scalar, in double. */
    public static double derivative(double z) {
        double t = Math.tanh(SLOPE * z);
        return AMPLITUDE * SLOPE * (1 - t * t);
    }

    /** Overwrites {@code in} with f(in), like DL4J's own activations. */
    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        Transforms.tanh(in.muli(SLOPE), false);
        return in.muli(AMPLITUDE);
    }

    /** dL/dz = dL/df * f'(z); overwrites {@code in}. No parameters, so no parameter gradient. */
    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        INDArray tanh = Transforms.tanh(in.muli(SLOPE), false);
        INDArray slope = tanh.muli(tanh).rsubi(1.0).muli(AMPLITUDE * SLOPE);
        return new Pair<>(slope.muli(epsilon), null);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LeCunTanh;
    }

    @Override
    public int hashCode() {
        return LeCunTanh.class.hashCode();
    }

    @Override
    public String toString() {
        return "lecuntanh";
    }
}
