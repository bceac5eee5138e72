package org.sigmoidbook.chapters.implementation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

import ai.djl.ndarray.NDArray;
import org.apache.commons.math3.special.Erf;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sigmoidbook.book.CsvColumn;
import org.sigmoidbook.toolkit.numerics.ExactSigmoid;
import org.sigmoidbook.toolkit.numerics.Sigmoid;
import org.sigmoidbook.toolkit.torch.Autograd;
import org.sigmoidbook.toolkit.torch.Autograd.ValueAndGradient;

/**
 * Three activations built on or beside the sigmoid, as PyTorch computes them, with their gradients:
 * the hard sigmoid (F.hardsigmoid, MobileNetV3's relu6(z + 3)/6), SiLU (F.silu, z σ(z)) and GELU
 * (F.gelu, z Φ(z)), beside closed forms, DL4J's SWISH and the sigmoid approximation z σ(1.702 z) of
 * GELU that Hendrycks and Gimpel (2016) give.
 */
final class Activations {

    /** The logits of the table: the tails, the hard sigmoid's knees at ±3 and the middle. */
    static final double[] Z = {-100, -3, -1, 0, 1, 3, 100};
    static final String HARDSIGMOID = "hardsigmoid";
    static final String SILU = "SiLU";
    static final String GELU = "GELU";
    static final String VALUE = "value";
    static final String GRADIENT = "gradient";
    static final String PYTORCH = "PyTorch";
    static final String CLOSED_FORM = "closed form";
    static final String DL4J_SWISH = "DL4J Activation.SWISH";
    static final String SIGMOID_APPROXIMATION = "z σ(1.702 z)";
    /** Hendrycks and Gimpel's factor in GELU(z) ≈ z σ(1.702 z). */
    static final double GELU_FACTOR = 1.702;

    private Activations() {
    }

    /** One function, one quantity, one way of computing it, at each of {@link #Z}. */
    record Row(String function, String quantity, String computedBy, DataType dataType,
               @CsvColumn(value = "z = -100", finite = false) double atMinus100,
               @CsvColumn(value = "z = -3", finite = false) double atMinus3,
               @CsvColumn(value = "z = -1", finite = false) double atMinus1,
               @CsvColumn(value = "z = 0", finite = false) double atZero,
               @CsvColumn(value = "z = 1", finite = false) double at1,
               @CsvColumn(value = "z = 3", finite = false) double at3,
               @CsvColumn(value = "z = 100", finite = false) double at100) {

        static Row of(String function, String quantity, String computedBy, DataType type, double[] v) {
            return new Row(function, quantity, computedBy, type, v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
        }

        /** The value at {@code z}, one of {@link #Z}. */
        double at(double z) {
            int i = Arrays.binarySearch(Z, z);
            if (i < 0) {
                throw new IllegalArgumentException("pytorch-activations has no column for z = " + z);
            }
            return new double[]{atMinus100, atMinus3, atMinus1, atZero, at1, at3, at100}[i];
        }
    }

    /** The table, without the PyTorch rows where {@code torch} is null. */
    static List<Row> table(TorchFunctions torch) {
        List<Row> rows = new ArrayList<>();
        for (DataType type : FromLogits.TYPES) {
            if (torch != null) {
                both(rows, HARDSIGMOID, PYTORCH, type, Autograd.of(type, Z, torch::hardsigmoid));
            }
            both(rows, HARDSIGMOID, CLOSED_FORM, type, closedForm(type, Activations::hardsigmoid, Activations::hardsigmoidSlope));
        }
        DataType type = DataType.FLOAT;
        if (torch != null) {
            both(rows, SILU, PYTORCH, type, Autograd.of(type, Z, torch::silu));
        }
        both(rows, SILU, DL4J_SWISH, type, swish(type, Z));
        both(rows, SILU, CLOSED_FORM, type, closedForm(type, Activations::silu, Activations::siluSlope));
        if (torch != null) {
            both(rows, GELU, PYTORCH, type, Autograd.of(type, Z, ai.djl.nn.Activation::gelu));
        }
        both(rows, GELU, CLOSED_FORM, type, closedForm(type, Activations::gelu, Activations::geluSlope));
        rows.add(Row.of(GELU, VALUE, SIGMOID_APPROXIMATION, type, round(type, Z, Activations::geluBySigmoid)));
        return rows;
    }

    private static void both(List<Row> rows, String function, String computedBy, DataType type, ValueAndGradient values) {
        rows.add(Row.of(function, VALUE, computedBy, type, values.value()));
        rows.add(Row.of(function, GRADIENT, computedBy, type, values.gradient()));
    }

    private static ValueAndGradient closedForm(DataType type, DoubleUnaryOperator value, DoubleUnaryOperator slope) {
        return new ValueAndGradient(round(type, Z, value), round(type, Z, slope));
    }

    private static double[] round(DataType type, double[] z, DoubleUnaryOperator f) {
        return Arrays.stream(z).map(x -> Ulps.round(f.applyAsDouble(x), type)).toArray();
    }

    /** DL4J's SWISH activation and the gradient its backprop gives for dL/dy = 1. */
    static ValueAndGradient swish(DataType type, double[] z) {
        INDArray in = Sigmoid.vector(type, z);
        ActivationSwish swish = new ActivationSwish();
        double[] value = swish.getActivation(in.dup(), false).toDoubleVector();
        INDArray gradient = swish.backprop(in.dup(), in.ulike().assign(1)).getFirst();
        return new ValueAndGradient(value, gradient.toDoubleVector());
    }

    /** PyTorch's GELU at each of {@code z} in {@code type}. */
    static double[] pytorchGelu(DataType type, double[] z) {
        return Autograd.of(type, z, (UnaryOperator<NDArray>) ai.djl.nn.Activation::gelu).value();
    }

    static double hardsigmoid(double z) {
        return Math.min(Math.max(z + 3, 0), 6) / 6;
    }

    static double hardsigmoidSlope(double z) {
        return z > -3 && z < 3 ? 1.0 / 6 : 0;
    }

    static double silu(double z) {
        return z * ExactSigmoid.of(z);
    }

    /** σ(z)(1 + z σ(−z)): the slope with 1 − σ(z) written as σ(−z), so that nothing cancels for large z. */
    static double siluSlope(double z) {
        return ExactSigmoid.of(z) * (1 + z * ExactSigmoid.of(-z));
    }

    /** z Φ(z), with Φ(z) = erfc(−z/√2)/2 from commons-math3 (about 15 significant digits). */
    static double gelu(double z) {
        return z * normalCdf(z);
    }

    /** Φ(z) + z φ(z). */
    static double geluSlope(double z) {
        return normalCdf(z) + z * Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
    }

    static double geluBySigmoid(double z) {
        return z * ExactSigmoid.of(GELU_FACTOR * z);
    }

    private static double normalCdf(double z) {
        return Erf.erfc(-z / Math.sqrt(2)) / 2;
    }
}
