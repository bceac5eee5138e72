package org.sigmoidbook.toolkit.numerics;

import java.util.Arrays;
import java.util.Collection;

import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/** Summaries of repeated measurements (over seeds, for example). */
public final class Stats {

    private Stats() {
    }

    /**
     * The {@code q}-quantile (0 <= q <= 1) by linear interpolation between the order statistics at
     * positions (n - 1) q, the definition NumPy and R use by default.
     */
    public static double quantile(double[] values, double q) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        if (q < 0 || q > 1) {
            throw new IllegalArgumentException("quantile " + q + " outside [0, 1]");
        }
        // Commons Math's estimation type R_7 is this definition; its percentile must be above 0.
        return q == 0 ? Arrays.stream(values).min().getAsDouble()
                : new Percentile().withEstimationType(Percentile.EstimationType.R_7).evaluate(values, 100 * q);
    }

    public static double quantile(Collection<Double> values, double q) {
        return quantile(values.stream().mapToDouble(Double::doubleValue).toArray(), q);
    }

    public static double median(double[] values) {
        return quantile(values, 0.5);
    }

    public static double median(Collection<Double> values) {
        return quantile(values, 0.5);
    }
}
