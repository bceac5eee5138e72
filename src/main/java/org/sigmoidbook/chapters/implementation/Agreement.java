package org.sigmoidbook.chapters.implementation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

import ai.djl.nn.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.sigmoidbook.toolkit.numerics.ExactSigmoid;
import org.sigmoidbook.toolkit.torch.Autograd;
import org.sigmoidbook.toolkit.torch.Autograd.ValueAndGradient;

/**
 * PyTorch's σ and autograd σ′ against each DL4J/ND4J counterpart, bit for bit, on a grid of z in
 * float32 and float64, and each against σ and σ′ correctly rounded to the type. The grids stop where
 * the exact σ′ is still a normal number of the type (|z| ≤ 87 in float32, 708 in float64), so that
 * every distance in ulps counts ordinary roundings, not the subnormal range.
 */
final class Agreement {

    static final String SIGMA = "σ(z)";
    static final String SLOPE = "σ′(z)";
    static final double FLOAT_LIMIT = 87;
    static final double DOUBLE_LIMIT = 708;

    private Agreement() {
    }

    /**
     * One comparison: {@code quantity} in {@code dataType}, PyTorch against {@code counterpart}, on
     * {@code gridPoints} values of z. The PyTorch columns are empty where PyTorch did not run.
     */
    record Row(String quantity, DataType dataType, String counterpart, int gridPoints, Integer bitIdentical, Long largestUlps,
               Double largestAtZ, Long pytorchUlpsFromExact, long counterpartUlpsFromExact, Integer pytorchCorrectlyRounded,
               int counterpartCorrectlyRounded) {
    }

    /** z from −limit to limit in steps of 1/stepsPerUnit: exact in both types. */
    static double[] grid(double limit, int stepsPerUnit) {
        int steps = (int) Math.round(2 * limit * stepsPerUnit);
        double[] z = new double[steps + 1];
        for (int i = 0; i <= steps; i++) {
            z[i] = -limit + (double) i / stepsPerUnit;
        }
        return z;
    }

    /** Every comparison on the grids of each type; {@code pytorch} false leaves the PyTorch columns empty. */
    static List<Row> table(double[] floatGrid, double[] doubleGrid, boolean pytorch) {
        List<Row> rows = new ArrayList<>();
        for (DataType type : FromLogits.TYPES) {
            double[] z = type == DataType.FLOAT ? floatGrid : doubleGrid;
            ValueAndGradient torch = pytorch ? Autograd.of(type, z, Activation::sigmoid) : null;
            double[] exactSigma = exact(z, ExactSigmoid::of, type);
            double[] exactSlope = exact(z, ExactSigmoid::derivative, type);
            for (Counterparts counterpart : Counterparts.values()) {
                ValueAndGradient theirs = counterpart.of(type, z);
                rows.add(row(SIGMA, type, counterpart, z, torch == null ? null : torch.value(), theirs.value(), exactSigma));
                rows.add(row(SLOPE, type, counterpart, z, torch == null ? null : torch.gradient(), theirs.gradient(), exactSlope));
            }
        }
        return rows;
    }

    private static double[] exact(double[] z, DoubleUnaryOperator exact, DataType type) {
        double[] values = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            values[i] = Ulps.round(exact.applyAsDouble(z[i]), type);
        }
        return values;
    }

    private static Row row(String quantity, DataType type, Counterparts counterpart, double[] z, double[] torch, double[] theirs,
                           double[] exact) {
        long theirsFromExact = 0;
        int theirsCorrect = 0;
        for (int i = 0; i < z.length; i++) {
            long ulps = Ulps.between(theirs[i], exact[i], type);
            theirsFromExact = Math.max(theirsFromExact, ulps);
            theirsCorrect += ulps == 0 ? 1 : 0;
        }
        if (torch == null) {
            return new Row(quantity, type, counterpart.label(), z.length, null, null, null, null, theirsFromExact, null, theirsCorrect);
        }
        int identical = 0;
        long largest = 0;
        double largestAt = z[0];
        long torchFromExact = 0;
        int torchCorrect = 0;
        for (int i = 0; i < z.length; i++) {
            long apart = Ulps.between(torch[i], theirs[i], type);
            identical += Double.doubleToRawLongBits(torch[i]) == Double.doubleToRawLongBits(theirs[i]) ? 1 : 0;
            if (apart > largest) {
                largest = apart;
                largestAt = z[i];
            }
            long ulps = Ulps.between(torch[i], exact[i], type);
            torchFromExact = Math.max(torchFromExact, ulps);
            torchCorrect += ulps == 0 ? 1 : 0;
        }
        return new Row(quantity, type, counterpart.label(), z.length, identical, largest, largestAt, torchFromExact, theirsFromExact,
                torchCorrect, theirsCorrect);
    }
}
