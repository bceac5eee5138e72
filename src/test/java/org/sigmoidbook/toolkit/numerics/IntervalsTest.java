package org.sigmoidbook.toolkit.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.sigmoidbook.toolkit.numerics.Intervals.Interval;

class IntervalsTest {

    /** Newcombe (1998), "Two-sided confidence intervals for the single proportion", Table I, method 3 (Wilson). */
    @Test
    void wilsonMatchesNewcombesPublishedIntervals() {
        Interval a = Intervals.wilson(81, 263);
        assertEquals(0.2553, a.low(), 5e-5);
        assertEquals(0.3662, a.high(), 5e-5);
        Interval b = Intervals.wilson(15, 148);
        assertEquals(0.0624, b.low(), 5e-5);
        assertEquals(0.1605, b.high(), 5e-5);
        Interval none = Intervals.wilson(0, 10);
        assertEquals(0.0, none.low());
        assertEquals(0.2775, none.high(), 5e-5);
        assertEquals(0.0, none.estimate());
        assertThrows(IllegalArgumentException.class, () -> Intervals.wilson(11, 10));
    }

    /**
     * With no failures Wilson's bounds have a closed form: [n / (n + z^2), 1], the mirror image of
     * [0, z^2 / (n + z^2)] for no successes; one trial is enough.
     */
    @Test
    void wilsonForAllSuccessesHasItsClosedForm() {
        double z2 = 1.959963984540054 * 1.959963984540054;
        Interval all = Intervals.wilson(10, 10);
        assertEquals(1.0, all.estimate());
        assertEquals(10 / (10 + z2), all.low(), 1e-12);
        assertEquals(1.0, all.high(), 1e-12);
        assertEquals(1 - all.low(), Intervals.wilson(0, 10).high(), 1e-12);
        Interval one = Intervals.wilson(1, 1);
        assertEquals(1 / (1 + z2), one.low(), 1e-12);
        assertEquals(1.0, one.high(), 1e-12);
        assertEquals(1.0 - 1 / (1 + z2), one.width(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Intervals.wilson(0, 0));
        assertThrows(IllegalArgumentException.class, () -> Intervals.wilson(-1, 10));
    }

    /** Five values with mean 0.95 and sample variance 6.25e-5; Student's t(4) 97.5% quantile is 2.7764 (any t table). */
    @Test
    void meanIntervalUsesStudentsT() {
        Interval mean = Intervals.mean(new double[]{0.95, 0.96, 0.94, 0.955, 0.945});
        double halfWidth = 2.776445 * Math.sqrt(6.25e-5 / 5);
        assertEquals(0.95, mean.estimate(), 1e-15);
        assertEquals(0.95 - halfWidth, mean.low(), 1e-6);
        assertEquals(0.95 + halfWidth, mean.high(), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> Intervals.mean(new double[]{1}));
    }

    /**
     * Four seeds at accuracy 1 and one at 0.5: mean 0.9, sample variance 0.05, so Student's interval is
     * 0.9 ± 2.776445 × 0.1, reaching 1.178; cut at 1, its lower end unchanged.
     */
    @Test
    void aBoundedMeansIntervalStopsAtTheBounds() {
        Interval accuracy = Intervals.mean(new double[]{1, 1, 1, 1, 0.5}, 0, 1);
        assertEquals(0.9, accuracy.estimate(), 1e-15);
        assertEquals(0.9 - 0.2776445, accuracy.low(), 1e-6);
        assertEquals(1.0, accuracy.high());
        Interval loss = Intervals.mean(new double[]{0.01, 0.02, 0.9, 0.03, 0.04}, 0, Double.POSITIVE_INFINITY);
        assertEquals(0.0, loss.low());
        assertEquals(Intervals.mean(new double[]{0.01, 0.02, 0.9, 0.03, 0.04}).high(), loss.high());
        assertThrows(IllegalArgumentException.class, () -> Intervals.mean(new double[]{0.5, 1.2}, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Intervals.mean(new double[]{0.5, 0.6}, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> Intervals.mean(new double[]{0.5, 0.5}, 0.5, 0.5));
        Interval fromZero = Intervals.mean(new double[]{0, 0.5}, 0, 1);
        assertEquals(0.0, fromZero.low(), "a value on a bound is allowed, and the interval stops there");
        assertEquals(1.0, fromZero.high());
    }

    /**
     * The same five values moved up by 10^8, where a double still holds them to 1.5e-8: the interval
     * moves with them and keeps its width, which sums of squares about 0 instead of the mean would lose.
     */
    @Test
    void meanIntervalOfValuesFarFromZeroKeepsItsWidth() {
        Interval mean = Intervals.mean(new double[]{1e8 + 0.95, 1e8 + 0.96, 1e8 + 0.94, 1e8 + 0.955, 1e8 + 0.945});
        double halfWidth = 2.776445 * Math.sqrt(6.25e-5 / 5);
        assertEquals(1e8 + 0.95, mean.estimate(), 1e-7);
        assertEquals(2 * halfWidth, mean.width(), 1e-6);
    }

    /** Two values 1 and 3: mean 2, sample variance 2, and Student's t(1) 97.5% quantile 12.7062 (any t table). */
    @Test
    void meanOfTwoValuesUsesOneDegreeOfFreedom() {
        Interval mean = Intervals.mean(new double[]{1, 3});
        double halfWidth = 12.706205 * Math.sqrt(2.0 / 2);
        assertEquals(2.0, mean.estimate(), 1e-15);
        assertEquals(2 - halfWidth, mean.low(), 1e-5);
        assertEquals(2 + halfWidth, mean.high(), 1e-5);
        assertEquals(2 * halfWidth, mean.width(), 1e-5);
    }

    @Test
    void medianAndRangeAreTheOrderStatistics() {
        Interval spread = Intervals.medianAndRange(new double[]{1100, 900, 1032.7, 1200, 1000});
        assertEquals(1032.7, spread.estimate());
        assertEquals(900, spread.low());
        assertEquals(1200, spread.high());
    }

    /**
     * The bootstrap interval of a mean of n values spreads like the normal one, mean +- 1.96 s / sqrt(n),
     * and the same seed gives the same interval.
     */
    @Test
    void bootstrapOfAMeanAgreesWithTheNormalIntervalAndRepeats() {
        double[] values = new double[400];
        Arrays.setAll(values, i -> i / 400.0);
        double mean = Arrays.stream(values).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / (values.length - 1));
        Interval boot = Intervals.bootstrap(values.length, idx -> Arrays.stream(idx).mapToDouble(i -> values[i]).average().orElseThrow(),
                4000, 7);
        assertEquals(mean, boot.estimate(), 1e-15);
        double halfWidth = 1.96 * sd / Math.sqrt(values.length);
        assertEquals(mean - halfWidth, boot.low(), 0.1 * halfWidth);
        assertEquals(mean + halfWidth, boot.high(), 0.1 * halfWidth);
        assertEquals(boot, Intervals.bootstrap(values.length, idx -> Arrays.stream(idx).mapToDouble(i -> values[i]).average().orElseThrow(),
                4000, 7));
    }
}
