package org.sigmoidbook.chapters.probability;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

import org.sigmoidbook.chapters.equation.Calibration;
import org.sigmoidbook.chapters.probability.DigitTraining.Run;
import org.sigmoidbook.chapters.probability.Recalibration.Method;
import org.sigmoidbook.toolkit.numerics.Intervals;
import org.sigmoidbook.toolkit.numerics.Intervals.Interval;

/**
 * Section 3: how far the plain network's outputs can be read as probabilities, before and after
 * temperature and Platt scaling fitted on the validation digits, scored on the held-out digits.
 */
final class Calibrating {


    /** A row of {@code calibration}: one seed's network read one way, on the held-out digits. */
    record Row(long seed, Method method, double slope, double intercept, double ece, double eceLow, double eceHigh,
               double heldoutCrossEntropy, double heldoutAccuracy) {

        double temperature() {
            return 1 / slope;
        }
    }

    /**
     * A row of {@code reliability}: one bin of the reliability diagram of one reading, over the
     * held-out digits of every seed together, with Wilson's 95% interval of the observed share of 9s.
     */
    record Bin(Method method, double binLower, double binUpper, int count, Double meanPredicted, Double observedFrequency,
               Double observedLow, Double observedHigh) {
    }

    private Calibrating() {
    }

    /** Every reading of every plain run, in seed order, with ECE intervals from {@code resamples} bootstrap resamples. */
    static List<Row> rows(List<Run> plain, RareDigit data, int resamples) {
        List<Row> rows = new ArrayList<>();
        for (Run run : plain) {
            for (Method method : Method.values()) {
                Recalibration map = Recalibration.fit(method, run.validationLogits(), data.validationLabels());
                double[] p = map.probabilities(run.heldoutLogits());
                int[] labels = data.heldoutLabels();
                Interval ece = Intervals.bootstrap(p.length, indices -> Scores.expectedCalibrationError(p, labels, indices), resamples,
                        run.seed());
                rows.add(new Row(run.seed(), method, map.slope(), map.intercept(), ece.estimate(), ece.low(), ece.high(),
                        Scores.crossEntropy(run.heldoutLogits(), labels, map), Scores.accuracy(run.heldoutLogits(), labels)));
            }
        }
        return rows;
    }

    /** The reliability diagram of each reading, over the held-out digits of all seeds together. */
    static List<Bin> reliability(List<Run> plain, List<Row> rows, RareDigit data) {
        List<Bin> bins = new ArrayList<>();
        int n = data.heldoutLabels().length;
        for (Method method : Method.values()) {
            double[] p = new double[plain.size() * n];
            int[] y = new int[plain.size() * n];
            for (int s = 0; s < plain.size(); s++) {
                Run run = plain.get(s);
                Row row = find(rows, run.seed(), method);
                double[] probabilities = new Recalibration(method, row.slope(), row.intercept()).probabilities(run.heldoutLogits());
                System.arraycopy(probabilities, 0, p, s * n, n);
                System.arraycopy(data.heldoutLabels(), 0, y, s * n, n);
            }
            for (Calibration.Bin bin : Calibration.of(p, y, Scores.BINS).bins()) {
                Interval observed = bin.count() == 0 ? null
                        : Intervals.wilson(Math.round(bin.observedFrequency() * bin.count()), bin.count());
                bins.add(new Bin(method, bin.binLower(), bin.binUpper(), bin.count(), bin.meanPredicted(), bin.observedFrequency(),
                        observed == null ? null : observed.low(), observed == null ? null : observed.high()));
            }
        }
        return bins;
    }

    /** One seed's first bin, P(9) below 0.1, under one reading: its share of the held-out digits, mean P(9) and share of 9s. */
    record FirstBin(double share, double meanPredicted, double observedFrequency) {

        static FirstBin of(Run run, Row row, RareDigit data) {
            double[] p = new Recalibration(row.method(), row.slope(), row.intercept()).probabilities(run.heldoutLogits());
            Calibration.Bin first = Calibration.of(p, data.heldoutLabels(), Scores.BINS).bins().get(0);
            return new FirstBin(first.count() / (double) p.length, first.meanPredicted(), first.observedFrequency());
        }
    }

    /** The mean logit of the held-out digits of one class (1: the 9s), as trained. */
    static double meanLogit(Run run, RareDigit data, int label) {
        int[] labels = data.heldoutLabels();
        return IntStream.range(0, labels.length).filter(i -> labels[i] == label)
                .mapToDouble(i -> run.heldoutLogits()[i]).average().orElseThrow();
    }

    static Row find(List<Row> rows, long seed, Method method) {
        return rows.stream().filter(r -> r.seed() == seed && r.method() == method).findFirst().orElseThrow();
    }

    static double[] perSeed(List<Row> rows, Method method, ToDoubleFunction<Row> value) {
        return rows.stream().filter(r -> r.method() == method).mapToDouble(value).toArray();
    }
}
