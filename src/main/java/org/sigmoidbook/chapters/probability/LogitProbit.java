package org.sigmoidbook.chapters.probability;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

import org.apache.commons.math3.special.Erf;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/**
 * The probit Φ(z), the standard normal's distribution function, against the logistic σ(c z): with
 * c = 1.702 the two curves differ by less than 0.01 everywhere (the constant goes back to Haley,
 * 1952). The same constant gives GELU's approximation z Φ(z) ≈ z σ(1.702 z). Everything here is a
 * closed form evaluated in double precision: Φ through the complementary error function.
 */
final class LogitProbit {

    /** The scale of the logistic approximation of the probit. */
    static final double SCALE = 1.702;
    /** The table covers z in [−TABLE_LIMIT, TABLE_LIMIT] ... */
    static final double TABLE_LIMIT = 6;
    /** ... in steps of 1/TABLE_STEPS_PER_UNIT. */
    static final int TABLE_STEPS_PER_UNIT = 20;
    /** The largest differences are searched for on a grid of this step over [0, SEARCH_LIMIT], then refined. */
    static final double SEARCH_STEP = 1e-2;
    static final double SEARCH_LIMIT = 10;

    /** A row of {@code logit-probit}. */
    record Curves(double z, double probit, double logistic, double difference, double geluDifference) {
    }

    /** Where |f| is largest on z ≥ 0, and its value there (signed). */
    record Extremum(double z, double value) {
    }

    private LogitProbit() {
    }

    /** Φ(z) = ½ erfc(−z/√2), accurate in both tails. */
    static double probit(double z) {
        return 0.5 * Erf.erfc(-z / Math.sqrt(2));
    }

    /** The standard normal density φ(z). */
    static double density(double z) {
        return Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
    }

    static double difference(double z, double scale) {
        return probit(z) - Sigmoid.of(scale * z);
    }

    /** GELU's Φ against its approximation: z Φ(z) − z σ(1.702 z). */
    static double geluDifference(double z) {
        return z * difference(z, SCALE);
    }

    static List<Curves> table() {
        List<Curves> rows = new ArrayList<>();
        int half = (int) (TABLE_LIMIT * TABLE_STEPS_PER_UNIT);
        for (int k = -half; k <= half; k++) {
            double z = (double) k / TABLE_STEPS_PER_UNIT;
            rows.add(new Curves(z, probit(z), Sigmoid.of(SCALE * z), difference(z, SCALE), geluDifference(z)));
        }
        return rows;
    }

    /** The derivative of Φ(z) − σ(c z): φ(z) − c σ(c z) σ(−c z). */
    static double differenceSlope(double z, double scale) {
        return density(z) - scale * Sigmoid.of(scale * z) * Sigmoid.of(-scale * z);
    }

    /** The largest |Φ(z) − σ(c z)|. Both sides are odd about (0, ½), so z ≥ 0 is enough. */
    static Extremum largestDifference(double scale) {
        return largest(z -> difference(z, scale), z -> differenceSlope(z, scale));
    }

    /** The largest |z Φ(z) − z σ(1.702 z)|, whose derivative is the difference plus z times its slope. */
    static Extremum largestGeluDifference() {
        return largest(LogitProbit::geluDifference, z -> difference(z, SCALE) + z * differenceSlope(z, SCALE));
    }

    /**
     * The scale c that makes the largest difference smallest: the largest |Φ(z) − σ(c z)| is unimodal
     * in c, and a golden-section search over [1.6, 1.8] finds its minimum.
     */
    static double minimaxScale() {
        double low = 1.6;
        double high = 1.8;
        double ratio = (Math.sqrt(5) - 1) / 2;
        while (high - low > 1e-10) {
            double a = high - ratio * (high - low);
            double b = low + ratio * (high - low);
            if (Math.abs(largestDifference(a).value()) < Math.abs(largestDifference(b).value())) {
                high = b;
            } else {
                low = a;
            }
        }
        return (low + high) / 2;
    }

    /** The scale at which σ(c z) has the probit's slope at 0: c/4 = φ(0), so c = 4/√(2π). */
    static double slopeMatchingScale() {
        return 4 * density(0);
    }

    /** The scale at which σ(c z) has the probit's variance: the logistic distribution's is π²/3, so c = π/√3. */
    static double varianceMatchingScale() {
        return Math.PI / Math.sqrt(3);
    }

    /**
     * The cross-entropy's gradient ∂C/∂z for label 0 when the output is a = Φ(z):
     * (a − y) φ(z) / (a (1 − a)) = φ(z) / (1 − Φ(z)), with 1 − Φ(z) = Φ(−z).
     */
    static double probitGradientForLabelZero(double z) {
        return density(z) / probit(-z);
    }

    /**
     * The largest |f| on z ≥ 0: every local maximum of |f| on a grid of step {@value #SEARCH_STEP}
     * over [0, {@link #SEARCH_LIMIT}] is refined to the zero of f's derivative {@code slope} in the
     * grid cells around it, by bisection (a maximum located by comparing values of f alone is only
     * good to about √ε, the zero of its derivative to ε), and the largest of them returned.
     */
    private static Extremum largest(DoubleUnaryOperator f, DoubleUnaryOperator slope) {
        int steps = (int) Math.round(SEARCH_LIMIT / SEARCH_STEP);
        double[] size = new double[steps + 1];
        for (int k = 0; k <= steps; k++) {
            size[k] = Math.abs(f.applyAsDouble(k * SEARCH_STEP));
        }
        Extremum best = new Extremum(0, f.applyAsDouble(0));
        for (int k = 1; k < steps; k++) {
            if (size[k] >= size[k - 1] && size[k] >= size[k + 1]) {
                double z = zeroOf(slope, (k - 1) * SEARCH_STEP, (k + 1) * SEARCH_STEP);
                double value = f.applyAsDouble(z);
                best = Math.abs(value) > Math.abs(best.value()) ? new Extremum(z, value) : best;
            }
        }
        return best;
    }

    /** Bisection down to neighbouring doubles, for a function whose sign differs at the ends. */
    private static double zeroOf(DoubleUnaryOperator g, double low, double high) {
        boolean positiveAtLow = g.applyAsDouble(low) > 0;
        while (true) {
            double middle = (low + high) / 2;
            if (middle <= low || middle >= high) {
                return middle;
            }
            if (g.applyAsDouble(middle) > 0 == positiveAtLow) {
                low = middle;
            } else {
                high = middle;
            }
        }
    }
}
