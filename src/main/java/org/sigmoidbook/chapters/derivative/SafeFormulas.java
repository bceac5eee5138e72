package org.sigmoidbook.chapters.derivative;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.sigmoidbook.toolkit.nn.BinaryCrossEntropyWithLogits;
import org.sigmoidbook.toolkit.numerics.ExactSigmoid;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/**
 * Four quantities every sigmoid code needs, each written the textbook way and the safe way, computed
 * with ND4J in FLOAT and DOUBLE on a grid of z over [-1000, 1000] and compared with 40-digit values:
 * over which z does each formula stay accurate? "Accurate" is a relative error of at most {@link #TOLERANCE}, and the
 * range is the interval of grid points around z = 0 on which every point is accurate.
 */
final class SafeFormulas {

    /** The grid runs over [-Z_LIMIT, Z_LIMIT]: past every overflow of FLOAT and DOUBLE. */
    static final int Z_LIMIT = 1000;
    /** Inside [-FINE_LIMIT, FINE_LIMIT], past FLOAT's overflow and its last subnormal, the grid is finer; outside it steps by 1. */
    static final int FINE_LIMIT = 128;
    /** The largest relative error that still counts as accurate: 1%, two significant digits. */
    static final double TOLERANCE = 0.01;

    private SafeFormulas() {
    }

    /**
     * What is computed, and its exact value at z (40 digits, {@link ExactSigmoid}). On a grid symmetric
     * about 0 some are mirror images of others: 1 - sigma(z) is sigma at -z, and the cross-entropy of
     * label 0, softplus(z), is -log sigma(-z); sigma' is even.
     */
    enum Quantity {
        ONE_MINUS_SIGMA("1 − σ(z)"),
        DERIVATIVE("σ′(z)"),
        LOG_SIGMA("log σ(z)"),
        CROSS_ENTROPY("cross-entropy of z for label 0, −log(1 − σ(z))");

        private final String label;

        Quantity(String label) {
            this.label = label;
        }

        /** The exact values on a grid symmetric about 0, with {@code sigma} and {@code logSigma} the exact sigma and log sigma there. */
        double[] exact(double[] z, double[] sigma, double[] logSigma) {
            int n = z.length;
            double[] exact = new double[n];
            for (int i = 0; i < n; i++) {
                exact[i] = switch (this) {
                    case ONE_MINUS_SIGMA -> sigma[n - 1 - i];
                    case DERIVATIVE -> z[i] < 0 ? Double.NaN : ExactSigmoid.derivative(z[i]);
                    case LOG_SIGMA -> logSigma[i];
                    case CROSS_ENTROPY -> -logSigma[n - 1 - i];
                };
            }
            if (this == DERIVATIVE) {
                for (int i = 0; i < n / 2; i++) {
                    exact[i] = exact[n - 1 - i];
                }
            }
            return exact;
        }
    }

    /** A way of computing a quantity with ND4J, in the data type of z. */
    enum Formula {
        ONE_MINUS_NAIVE(Quantity.ONE_MINUS_SIGMA, "1 − σ(z)", z -> Sigmoid.forward(z).rsub(1.0)),
        ONE_MINUS_SAFE(Quantity.ONE_MINUS_SIGMA, "σ(−z)", z -> Sigmoid.forward(z.neg())),
        DERIVATIVE_NAIVE(Quantity.DERIVATIVE, "σ(z)(1 − σ(z))", Sigmoid::derivative),
        DERIVATIVE_SAFE(Quantity.DERIVATIVE, "σ(z)σ(−z)", z -> Sigmoid.forward(z).mul(Sigmoid.forward(z.neg()))),
        LOG_SIGMA_NAIVE(Quantity.LOG_SIGMA, "log(σ(z))", z -> Transforms.log(Sigmoid.forward(z), false)),
        LOG_SIGMA_SAFE(Quantity.LOG_SIGMA, "−softplus(−z)", z -> fusedLoss(z, 1).neg()),
        CROSS_ENTROPY_NAIVE(Quantity.CROSS_ENTROPY, "−log(1 − σ(z))", z -> Transforms.log(Sigmoid.forward(z).rsub(1.0), false).neg()),
        CROSS_ENTROPY_SAFE(Quantity.CROSS_ENTROPY, "max(z, 0) + log1p(e^−|z|), from the logit", z -> fusedLoss(z, 0));

        private final Quantity quantity;
        private final String text;
        private final UnaryOperator<INDArray> compute;

        Formula(Quantity quantity, String text, UnaryOperator<INDArray> compute) {
            this.quantity = quantity;
            this.text = text;
            this.compute = compute;
        }

        /** The formula's values at {@code z}, computed in the data type of {@code z}. */
        double[] values(INDArray z) {
            return compute.apply(z).toDoubleVector();
        }
    }

    /**
     * A row of the {@code safe-formulas} table: the quantity, the formula, and the first and last grid
     * points of the interval around 0 on which it is accurate, in each type.
     */
    record FormulaRange(String quantity, String formula, double float32From, double float32To, double float64From,
                        double float64To) {
    }

    /** The table: every formula on the {@link #grid}. */
    static List<FormulaRange> measure(int stepsPerUnit) {
        double[] z = grid(stepsPerUnit);
        double[] sigma = new double[z.length];
        double[] logSigma = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            sigma[i] = ExactSigmoid.of(z[i]);
            logSigma[i] = ExactSigmoid.logSigmoid(z[i]);
        }
        List<FormulaRange> rows = new ArrayList<>();
        for (Quantity quantity : Quantity.values()) {
            double[] exact = quantity.exact(z, sigma, logSigma);
            for (Formula formula : Formula.values()) {
                if (formula.quantity == quantity) {
                    double[] inFloat = range(z, formula.values(Sigmoid.vector(DataType.FLOAT, z)), exact);
                    double[] inDouble = range(z, formula.values(Sigmoid.vector(DataType.DOUBLE, z)), exact);
                    rows.add(new FormulaRange(quantity.label, formula.text, inFloat[0], inFloat[1], inDouble[0], inDouble[1]));
                }
            }
        }
        return rows;
    }

    /**
     * z = k / stepsPerUnit for |z| <= 128, then every whole number out to 1000, symmetric about 0; a
     * power of two keeps every point exact in FLOAT.
     */
    static double[] grid(int stepsPerUnit) {
        if (stepsPerUnit < 1 || Integer.bitCount(stepsPerUnit) != 1) {
            throw new IllegalArgumentException("steps per unit must be a power of two, not " + stepsPerUnit);
        }
        int fine = FINE_LIMIT * stepsPerUnit;
        int coarse = Z_LIMIT - FINE_LIMIT;
        double[] z = new double[2 * (fine + coarse) + 1];
        int middle = fine + coarse;
        for (int k = 1; k <= fine; k++) {
            z[middle + k] = (double) k / stepsPerUnit;
            z[middle - k] = -z[middle + k];
        }
        for (int k = 1; k <= coarse; k++) {
            z[middle + fine + k] = FINE_LIMIT + k;
            z[middle - fine - k] = -(FINE_LIMIT + k);
        }
        return z;
    }

    /** {from, to}: the outermost grid points reached from z = 0 (the middle) without passing an inaccurate one. */
    static double[] range(double[] z, double[] computed, double[] exact) {
        int middle = z.length / 2;
        if (!accurate(computed[middle], exact[middle])) {
            throw new IllegalStateException("inaccurate at z = 0: " + computed[middle] + " for " + exact[middle]);
        }
        int to = middle;
        while (to + 1 < z.length && accurate(computed[to + 1], exact[to + 1])) {
            to++;
        }
        int from = middle;
        while (from > 0 && accurate(computed[from - 1], exact[from - 1])) {
            from--;
        }
        return new double[]{z[from], z[to]};
    }

    /** An interval of grid points as the page writes it, "−88.5 to 12.5": every digit of the grid point, a minus sign for minus. */
    static String range(double from, double to) {
        return plain(from) + " to " + plain(to);
    }

    private static String plain(double z) {
        String digits = BigDecimal.valueOf(Math.abs(z)).stripTrailingZeros().toPlainString();
        return z < 0 ? "−" + digits : digits;
    }

    /** Relative error at most {@link #TOLERANCE}; an exact 0 must be computed as 0, and NaN is never accurate. */
    static boolean accurate(double computed, double exact) {
        return exact == 0 ? computed == 0 : Math.abs(computed - exact) <= TOLERANCE * Math.abs(exact);
    }

    /** The fused binary cross-entropy of logit z for one label, element by element: softplus(z) for 0, softplus(-z) for 1. */
    private static INDArray fusedLoss(INDArray z, int label) {
        INDArray column = z.reshape(z.length(), 1);
        INDArray labels = Nd4j.valueArrayOf(column.shape(), label, z.dataType());
        return new BinaryCrossEntropyWithLogits().computeScoreArray(labels, column.dup(), new ActivationIdentity(), null);
    }
}
