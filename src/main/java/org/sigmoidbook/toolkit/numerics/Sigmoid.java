package org.sigmoidbook.toolkit.numerics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The sigmoid and its derivative, in ND4J (FLOAT or DOUBLE arrays) and as exact scalar references. */
public final class Sigmoid {

    private Sigmoid() {
    }

    /** sigma(z) = 1 / (1 + e^-z), written so that exp never overflows. */
    public static double of(double z) {
        if (z >= 0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1.0 + e);
    }

    /** sigma'(z) = sigma(z) (1 - sigma(z)), from the forward output alone. */
    public static double derivativeFromOutput(double s) {
        return s * (1.0 - s);
    }

    /** ND4J's sigmoid, leaving {@code z} untouched; the result has the data type of {@code z}. */
    public static INDArray forward(INDArray z) {
        return Transforms.sigmoid(z, true);
    }

    /** sigma' from forward outputs: s (1 - s), multiplications only, no exp. */
    public static INDArray derivativeFromOutput(INDArray s) {
        return s.mul(s.rsub(1.0));
    }

    public static INDArray derivative(INDArray z) {
        return derivativeFromOutput(forward(z));
    }

    /** ND4J's sigmoid at one point, computed in {@code type} and returned exactly as that type holds it. */
    public static double at(double z, DataType type) {
        return forward(vector(type, z)).getDouble(0);
    }

    /** A row vector of {@code values} in the given data type. */
    public static INDArray vector(DataType type, double... values) {
        return Nd4j.createFromArray(values).castTo(type);
    }
}
