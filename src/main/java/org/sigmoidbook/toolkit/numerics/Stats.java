package org.sigmoidbook.toolkit.numerics;

import java.util.Arrays;
import java.util.Collection;

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
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double position = (sorted.length - 1) * q;
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
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
