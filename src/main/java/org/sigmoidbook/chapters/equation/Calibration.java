package org.sigmoidbook.chapters.equation;

import java.util.ArrayList;
import java.util.List;

import org.sigmoidbook.toolkit.numerics.Intervals;
import org.sigmoidbook.toolkit.numerics.Intervals.Interval;

/**
 * How far predicted probabilities P(y = 1 | x) can be read as frequencies: the predictions are put in
 * equal-width bins over [0, 1], and in each bin the mean prediction is compared with the fraction of
 * examples that really have y = 1 (a reliability diagram). Each bin's fraction carries Wilson's 95%
 * interval, which says how little a bin of a few examples can tell.
 */
public final class Calibration {

    /**
     * One bin [binLower, binUpper); the last bin includes 1. {@code positives} of its {@code count}
     * examples have y = 1; empty bins have no means and no interval (null).
     */
    public record Bin(double binLower, double binUpper, int count, int positives, Double meanPredicted, Double observedFrequency,
                      Double wilsonLow, Double wilsonHigh) {
    }

    private final List<Bin> bins;
    private final int total;

    private Calibration(List<Bin> bins, int total) {
        this.bins = bins;
        this.total = total;
    }

    /** {@code outcomes[i]} is 1 when example i is positive, 0 otherwise. */
    public static Calibration of(double[] predicted, int[] outcomes, int binCount) {
        if (predicted.length != outcomes.length || predicted.length == 0) {
            throw new IllegalArgumentException(predicted.length + " predictions for " + outcomes.length + " outcomes");
        }
        int[] counts = new int[binCount];
        double[] predictedSums = new double[binCount];
        int[] positives = new int[binCount];
        for (int i = 0; i < predicted.length; i++) {
            double p = predicted[i];
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("prediction " + i + " is " + p + ", not a probability");
            }
            if (outcomes[i] != 0 && outcomes[i] != 1) {
                throw new IllegalArgumentException("outcome " + i + " is " + outcomes[i] + ", not 0 or 1");
            }
            int bin = Math.min(binCount - 1, (int) (p * binCount));
            counts[bin]++;
            predictedSums[bin] += p;
            positives[bin] += outcomes[i];
        }
        List<Bin> bins = new ArrayList<>();
        for (int b = 0; b < binCount; b++) {
            double lower = (double) b / binCount;
            double upper = (double) (b + 1) / binCount;
            if (counts[b] == 0) {
                bins.add(new Bin(lower, upper, 0, 0, null, null, null, null));
                continue;
            }
            Interval observed = Intervals.wilson(positives[b], counts[b]);
            bins.add(new Bin(lower, upper, counts[b], positives[b], predictedSums[b] / counts[b], observed.estimate(), observed.low(),
                    observed.high()));
        }
        return new Calibration(List.copyOf(bins), predicted.length);
    }

    public List<Bin> bins() {
        return bins;
    }

    /** Expected calibration error: the sum over bins of (n_b / N) |observed_b - meanPredicted_b|. */
    public double expectedCalibrationError() {
        double ece = 0;
        for (Bin bin : bins) {
            if (bin.count() > 0) {
                ece += (double) bin.count() / total * Math.abs(bin.observedFrequency() - bin.meanPredicted());
            }
        }
        return ece;
    }
}
