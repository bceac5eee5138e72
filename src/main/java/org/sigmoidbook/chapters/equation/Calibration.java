package org.sigmoidbook.chapters.equation;

import java.util.ArrayList;
import java.util.List;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * How far predicted probabilities P(y = 1 | x) can be read as frequencies: the predictions are put in
 * equal-width bins over [0, 1], and in each bin the mean prediction is compared with the fraction of
 * examples that really have y = 1 (a reliability diagram).
 */
public final class Calibration {

    /** One bin [lower, upper); the last bin includes 1. Empty bins have NaN means. */
    public record Bin(double lower, double upper, int count, double meanPredicted, double observedFrequency) {
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
            double mean = counts[b] == 0 ? Double.NaN : predictedSums[b] / counts[b];
            double observed = counts[b] == 0 ? Double.NaN : (double) positives[b] / counts[b];
            bins.add(new Bin((double) b / binCount, (double) (b + 1) / binCount, counts[b], mean, observed));
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

    /** One row per bin: bin_lower, bin_upper, count, mean_predicted, observed_frequency. */
    public Table table(String name) {
        return Table.create(name,
                DoubleColumn.create("bin_lower", bins.stream().mapToDouble(Bin::lower)),
                DoubleColumn.create("bin_upper", bins.stream().mapToDouble(Bin::upper)),
                IntColumn.create("count", bins.stream().mapToInt(Bin::count).toArray()),
                DoubleColumn.create("mean_predicted", bins.stream().mapToDouble(Bin::meanPredicted)),
                DoubleColumn.create("observed_frequency", bins.stream().mapToDouble(Bin::observedFrequency)));
    }
}
