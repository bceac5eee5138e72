package org.sigmoidbook.toolkit.numerics;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Reference values of sigma, sigma', softplus and log sigma computed with 40 significant digits in
 * {@link BigDecimal} and rounded once to double, so that they are correct to the last bit a double can
 * hold. They serve as the "exact" answer when FLOAT and DOUBLE computations are compared.
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

    /**
     * softplus(z) = log(1 + e^z), with z taken exactly as the double it is: the binary cross-entropy of
     * a logit z for label 0 (for label 1 it is softplus(-z)).
     */
    public static double softplus(double z) {
        if (z > NEGLIGIBLE_TAIL) {
            return z;
        }
        if (z < -NEGLIGIBLE_TAIL) {
            return 0.0;
        }
        // log(1 + e^z) = max(z, 0) + log(1 + e^-|z|): the logarithm's argument stays in (1, 2].
        BigDecimal tail = log1p(expMinusAbs(z));
        return (z > 0 ? new BigDecimal(z).add(tail, DIGITS) : tail).doubleValue();
    }

    /** log sigma(z) = -softplus(-z), with z taken exactly as the double it is. */
    public static double logSigmoid(double z) {
        return -softplus(-z);
    }

    /** e^-|z| as 1 / e^|z|. */
    private static BigDecimal expMinusAbs(double z) {
        if (!Double.isFinite(z)) {
            throw new IllegalArgumentException("z must be finite, not " + z);
        }
        return BigDecimal.ONE.divide(exp(new BigDecimal(Math.abs(z))), DIGITS);
    }

    /**
     * log(1 + t) for t in [0, 1], as 2 atanh(u) = 2 (u + u^3/3 + u^5/5 + ...) with u = t / (2 + t) <= 1/3,
     * summed until a term no longer changes the working digits of the sum. Accurate relative to the
     * result however small t is.
     */
    static BigDecimal log1p(BigDecimal t) {
        if (t.signum() < 0 || t.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("t must be in [0, 1], not " + t);
        }
        if (t.signum() == 0) {
            return BigDecimal.ZERO;
        }
        MathContext working = new MathContext(DIGITS.getPrecision() + 10);
        BigDecimal u = t.divide(t.add(BigDecimal.valueOf(2)), working);
        BigDecimal uSquared = u.multiply(u, working);
        BigDecimal power = u;
        BigDecimal sum = u;
        BigDecimal negligible = u.movePointLeft(working.getPrecision() + 2);
        for (int k = 1; power.compareTo(negligible) > 0; k++) {
            power = power.multiply(uSquared, working);
            sum = sum.add(power.divide(BigDecimal.valueOf(2L * k + 1), working), working);
        }
        return sum.multiply(BigDecimal.valueOf(2), DIGITS);
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
