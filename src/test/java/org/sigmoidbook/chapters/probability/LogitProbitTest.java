package org.sigmoidbook.chapters.probability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.DoubleUnaryOperator;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.apache.commons.math3.optim.univariate.UnivariatePointValuePair;
import org.junit.jupiter.api.Test;
import org.sigmoidbook.chapters.probability.LogitProbit.Curves;
import org.sigmoidbook.chapters.probability.LogitProbit.Extremum;
import org.sigmoidbook.toolkit.numerics.ExactSigmoid;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/** The logit–probit closed forms against brute force on a fine grid, first-order conditions and published values. */
class LogitProbitTest {

    private static final double FINE = 1e-5;

    /** The largest |f| on a grid of step {@link #FINE} over [0, 10]. */
    private static double bruteForceMax(DoubleUnaryOperator f) {
        double best = 0;
        for (int k = 0; k <= 1_000_000; k++) {
            best = Math.max(best, Math.abs(f.applyAsDouble(k * FINE)));
        }
        return best;
    }

    @Test
    void theProbitIsTheNormalDistributionFunction() {
        NormalDistribution normal = new NormalDistribution(0, 1);
        for (double z = -8; z <= 8; z += 0.125) {
            assertEquals(normal.cumulativeProbability(z), LogitProbit.probit(z), 1e-15 + 1e-12 * LogitProbit.probit(z), "z = " + z);
            assertEquals(normal.density(z), LogitProbit.density(z), 1e-16);
        }
    }

    /**
     * The largest difference: brute force agrees; at its z the derivative φ(z) − 1.702 σ′(1.702 z)
     * vanishes; Camilli (1994, "Origin of the scaling constant d = 1.7 in item response theory") shows
     * the curves stay within 0.01 of each other.
     */
    @Test
    void theLargestDifferenceBetweenProbitAndScaledLogistic() {
        Extremum largest = LogitProbit.largestDifference(LogitProbit.SCALE);
        double brute = bruteForceMax(z -> LogitProbit.difference(z, LogitProbit.SCALE));
        assertEquals(brute, Math.abs(largest.value()), 1e-10);
        assertTrue(brute >= Math.abs(largest.value()) - 1e-12);
        double c = LogitProbit.SCALE;
        double h = 1e-6;
        double slope = (LogitProbit.difference(largest.z() + h, c) - LogitProbit.difference(largest.z() - h, c)) / (2 * h);
        assertEquals(0, slope, 1e-9, "the derivative at the extremum, by central differences");
        assertEquals(LogitProbit.density(largest.z()), c * Sigmoid.of(c * largest.z()) * Sigmoid.of(-c * largest.z()), 1e-14,
                "φ(z) = c σ′(c z) there");
        assertTrue(Math.abs(largest.value()) < 0.01);
    }

    /** At the minimax scale the two local extrema of |Φ(z) − σ(c z)| on z > 0 (near 0.57 and near 2) are equally large. */
    @Test
    void theMinimaxScaleBalancesTheTwoExtrema() {
        double c = LogitProbit.minimaxScale();
        double inner = 0;
        double outer = 0;
        for (int k = 1; k <= 1_000_000; k++) {
            double z = k * FINE;
            double size = Math.abs(LogitProbit.difference(z, c));
            if (z < 1.2) {
                inner = Math.max(inner, size);
            } else {
                outer = Math.max(outer, size);
            }
        }
        assertEquals(inner, outer, 1e-8);
        assertEquals(inner, Math.abs(LogitProbit.largestDifference(c).value()), 1e-10);
        for (double other : new double[]{c - 1e-4, c + 1e-4}) {
            assertTrue(Math.abs(LogitProbit.largestDifference(other).value()) > inner, "c = " + other);
        }
    }

    /** σ(cz) has slope c/4 at 0, the probit φ(0); the logistic distribution's variance ∫ z² σ′(z) dz is π²/3. */
    @Test
    void theSlopeAndVarianceMatchingScales() {
        double h = 1e-5;
        double c = LogitProbit.slopeMatchingScale();
        assertEquals(LogitProbit.density(0), (Sigmoid.of(c * h) - Sigmoid.of(-c * h)) / (2 * h), 1e-9);
        // The trapezoid rule is exact to rounding for a smooth integrand that vanishes this fast at the ends.
        double step = 1e-3;
        double variance = 0;
        for (int k = -60_000; k <= 60_000; k++) {
            double z = k * step;
            variance += z * z * Sigmoid.of(z) * Sigmoid.of(-z) * step;
        }
        // σ(c z) is the distribution function of X = Z / c with Z logistic: X has variance 1 when c is Z's standard deviation.
        assertEquals(LogitProbit.varianceMatchingScale(), Math.sqrt(variance), 1e-8);
    }

    @Test
    void theLargestGeluDifference() {
        Extremum gelu = LogitProbit.largestGeluDifference();
        assertEquals(bruteForceMax(LogitProbit::geluDifference), Math.abs(gelu.value()), 1e-10);
        double h = 1e-6;
        double slope = (LogitProbit.geluDifference(gelu.z() + h) - LogitProbit.geluDifference(gelu.z() - h)) / (2 * h);
        assertEquals(0, slope, 1e-9, "the derivative at the extremum, by central differences");
    }

    /** φ(z) / (1 − Φ(z)), the inverse Mills ratio, has the asymptotic series z + 1/z − 2/z³ + 10/z⁵ − 74/z⁷ + ... */
    @Test
    void theProbitGradientAtEightIsTheInverseMillsRatio() {
        double z = 8;
        double series = z + 1 / z - 2 / Math.pow(z, 3) + 10 / Math.pow(z, 5) - 74 / Math.pow(z, 7);
        assertEquals(series, LogitProbit.probitGradientForLabelZero(z), 1e-5);
    }

    /**
     * The largest |f| on [0, 10], found apart from the class: a scan at a step unrelated to its grid,
     * then Brent's method on the two scan cells around each local maximum.
     */
    private static double independentMax(DoubleUnaryOperator f) {
        DoubleUnaryOperator size = z -> Math.abs(f.applyAsDouble(z));
        double step = 0.0137;
        BrentOptimizer brent = new BrentOptimizer(1e-15, 1e-15);
        double best = 0;
        for (int k = 1; (k + 1) * step <= 10; k++) {
            double middle = size.applyAsDouble(k * step);
            if (middle >= size.applyAsDouble((k - 1) * step) && middle >= size.applyAsDouble((k + 1) * step)) {
                UnivariatePointValuePair peak = brent.optimize(new MaxEval(1000), new UnivariateObjectiveFunction(size::applyAsDouble),
                        GoalType.MAXIMIZE, new SearchInterval((k - 1) * step, (k + 1) * step));
                best = Math.max(best, peak.getValue());
            }
        }
        return best;
    }

    /** For scales on both sides of 1.702 the extrema fall anywhere between the class's grid points; it finds each exactly. */
    @Test
    void theLargestDifferenceAtOtherScales() {
        for (double c : new double[]{1.5, 1.55, 1.6, 1.65, 1.68, 1.72, 1.75, 1.8, 1.9, 2.0}) {
            assertEquals(independentMax(z -> LogitProbit.difference(z, c)), Math.abs(LogitProbit.largestDifference(c).value()), 1e-14, "c = " + c);
        }
    }

    @Test
    void theTableIsTheClosedForms() {
        List<Curves> rows = LogitProbit.table();
        assertEquals(2 * LogitProbit.TABLE_LIMIT * LogitProbit.TABLE_STEPS_PER_UNIT + 1, rows.size());
        for (int k = 0; k < rows.size(); k++) {
            assertEquals(-6 + k / 20.0, rows.get(k).z(), 1e-14, "z from -6 to 6 in steps of 1/20");
        }
        for (Curves row : rows) {
            assertEquals(row.probit() - row.logistic(), row.difference(), 1e-16);
            assertEquals(row.z() * row.difference(), row.geluDifference(), 1e-15);
            double logistic = ExactSigmoid.of(1.702 * row.z());
            assertEquals(logistic, row.logistic(), 4 * Math.ulp(logistic));
        }
    }
}
