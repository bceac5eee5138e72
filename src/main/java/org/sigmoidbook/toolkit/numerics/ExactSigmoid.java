package org.sigmoidbook.toolkit.numerics;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Reference values of sigma and sigma' computed with 40 significant digits in {@link BigDecimal} and
 * rounded once to double, so that they are correct to the last bit a double can hold. They serve as
 * the "exact" answer when FLOAT and DOUBLE computations are compared.
 */
public final class ExactSigmoid {

    private static final MathContext DIGITS = new MathContext(40);
    /** Below this the Taylor series of e^x needs only about 15 terms for 50 digits. */
    private static final BigDecimal SMALL = BigDecimal.ONE.divide(BigDecimal.valueOf(64));

    private ExactSigmoid() {
    }

    /** Beyond this |z|, e^-|z| is below half the smallest double, so the rounded answers are 0 and 1. */
    private static final double NEGLIGIBLE_TAIL = 800;

    /** sigma(z), with z taken exactly as the double it is. */
    public static double of(double z) {
        if (Math.abs(z) > NEGLIGIBLE_TAIL) {
            return z > 0 ? 1.0 : 0.0;
        }
        BigDecimal t = expMinusAbs(z);
        BigDecimal onePlusT = BigDecimal.ONE.add(t, DIGITS);
        // sigma(|z|) = 1 / (1 + t) and sigma(-|z|) = t / (1 + t), with t = e^-|z|: no cancellation either way.
        BigDecimal sigma = (z >= 0 ? BigDecimal.ONE : t).divide(onePlusT, DIGITS);
        return sigma.doubleValue();
    }

    /** sigma'(z) = e^-|z| / (1 + e^-|z|)^2, with z taken exactly as the double it is. */
    public static double derivative(double z) {
        if (Math.abs(z) > NEGLIGIBLE_TAIL) {
            return 0.0;
        }
        BigDecimal t = expMinusAbs(z);
        BigDecimal onePlusT = BigDecimal.ONE.add(t, DIGITS);
        return t.divide(onePlusT.multiply(onePlusT, DIGITS), DIGITS).doubleValue();
    }

    /** e^-|z| as 1 / e^|z|. */
    private static BigDecimal expMinusAbs(double z) {
        if (!Double.isFinite(z)) {
            throw new IllegalArgumentException("z must be finite, not " + z);
        }
        return BigDecimal.ONE.divide(exp(new BigDecimal(Math.abs(z))), DIGITS);
    }

    /**
     * e^x for x >= 0: halve x until it is below 1/64, sum the Taylor series there, then square back.
     * Each squaring doubles the relative error: 10 extra working digits leave room for 30 squarings.
     */
    static BigDecimal exp(BigDecimal x) {
        if (x.signum() < 0) {
            throw new IllegalArgumentException("x must be >= 0");
        }
        MathContext working = new MathContext(DIGITS.getPrecision() + 10);
        int halvings = 0;
        BigDecimal reduced = x;
        while (reduced.compareTo(SMALL) > 0) {
            reduced = reduced.divide(BigDecimal.valueOf(2), working);
            halvings++;
        }
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        BigDecimal negligible = BigDecimal.ONE.movePointLeft(working.getPrecision() + 2);
        for (int n = 1; term.compareTo(negligible) > 0; n++) {
            term = term.multiply(reduced, working).divide(BigDecimal.valueOf(n), working);
            sum = sum.add(term, working);
        }
        for (int i = 0; i < halvings; i++) {
            sum = sum.multiply(sum, working);
        }
        return sum.round(DIGITS);
    }
}
