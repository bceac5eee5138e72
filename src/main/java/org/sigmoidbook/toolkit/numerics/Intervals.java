package org.sigmoidbook.toolkit.numerics;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

import org.apache.commons.math3.distribution.TDistribution;

/** 95% intervals for the book's estimates: a mean over seeds, a proportion, a bootstrap. */
public final class Intervals {

    /** The standard normal's 97.5% quantile. */
    public static final double Z_95 = 1.959963984540054;

    /** An interval [low, high] around an estimate. */
    public record Interval(double estimate, double low, double high) {
        public double width() {
            return high - low;
        }
    }

    private Intervals() {
    }

    /** The mean of {@code values} with Student's t 95% interval (n - 1 degrees of freedom); n >= 2. */
    public static Interval mean(double[] values) {
        if (values.length < 2) {
            throw new IllegalArgumentException("an interval of a mean needs at least two values, not " + values.length);
        }
        double mean = Arrays.stream(values).average().orElseThrow();
        double squares = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
        double halfWidth = new TDistribution(values.length - 1).inverseCumulativeProbability(0.975)
                * Math.sqrt(squares / (values.length - 1) / values.length);
        return new Interval(mean, mean - halfWidth, mean + halfWidth);
    }

    /**
     * {@link #mean} for a quantity that cannot leave [{@code lowest}, {@code highest}] (an accuracy, a
     * loss): with few seeds Student's interval can reach past a bound (an accuracy's up to 1.05), and
     * the part beyond it holds no possible value, so it is cut there; the coverage stays the same.
     */
    public static Interval mean(double[] values, double lowest, double highest) {
        if (!(lowest < highest)) {
            throw new IllegalArgumentException("bounds [" + lowest + ", " + highest + "] hold no interval");
        }
        for (double value : values) {
            if (value < lowest || value > highest) {
                throw new IllegalArgumentException(value + " lies outside the bounds [" + lowest + ", " + highest + "]");
            }
        }
        Interval mean = mean(values);
        return new Interval(mean.estimate(), Math.max(lowest, mean.low()), Math.min(highest, mean.high()));
    }

    /** The median of {@code values} with their smallest and largest: the spread itself, no model. */
    public static Interval medianAndRange(double[] values) {
        return new Interval(Stats.median(values), Stats.quantile(values, 0), Stats.quantile(values, 1));
    }

    /** The share successes / trials with Wilson's 95% score interval (Wilson 1927), which stays inside [0, 1]. */
    public static Interval wilson(long successes, long trials) {
        if (trials < 1 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException(successes + " successes in " + trials + " trials");
        }
        double p = (double) successes / trials;
        double z2 = Z_95 * Z_95;
        double centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
        double halfWidth = Z_95 / (1 + z2 / trials) * Math.sqrt(p * (1 - p) / trials + z2 / (4.0 * trials * trials));
        return new Interval(p, Math.max(0, centre - halfWidth), Math.min(1, centre + halfWidth));
    }

    /**
     * The percentile bootstrap (Efron): {@code statistic} of the {@code n} examples, with the 2.5% and
     * 97.5% quantiles of the statistic over {@code resamples} resamples drawn with replacement, from
     * {@code seed}. The statistic reads the examples through the index array it is given.
     */
    public static Interval bootstrap(int n, ToDoubleFunction<int[]> statistic, int resamples, long seed) {
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[resamples];
        int[] drawn = new int[n];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < n; i++) {
                drawn[i] = random.nextInt(n);
            }
            values[r] = statistic.applyAsDouble(drawn);
        }
        return new Interval(statistic.applyAsDouble(all), Stats.quantile(values, 0.025), Stats.quantile(values, 0.975));
    }
}
