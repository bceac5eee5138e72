package org.sigmoidbook.chapters.probability;

import java.util.Arrays;

import org.sigmoidbook.chapters.equation.Calibration;
import org.sigmoidbook.toolkit.nn.Accuracy;

/**
 * Scores of predicted probabilities against labels of 0 and 1, in double precision: the
 * cross-entropy, the expected calibration error of chapter 1 ({@link Calibration}, over P(y = 1 | x)
 * in {@value #BINS} equal bins), the book's accuracy, and the counts of a decision at a threshold.
 */
final class Scores {

    /** Equal-width bins of P(y = 1 | x), as in chapter 1. */
    static final int BINS = 10;

    private Scores() {
    }

    /** The mean cross-entropy −ln P(yᵢ | xᵢ) of σ(a zᵢ + b), from the logit: softplus(u) − y u. */
    static double crossEntropy(double[] logits, int[] labels, Recalibration map) {
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            double u = map.slope() * logits[i] + map.intercept();
            sum += Math.max(u, 0) + Math.log1p(Math.exp(-Math.abs(u))) - labels[i] * u;
        }
        return sum / logits.length;
    }

    /** ECE over the examples {@code indices} (repeats allowed, as a bootstrap resample has them). */
    static double expectedCalibrationError(double[] p, int[] labels, int[] indices) {
        double[] predicted = new double[indices.length];
        int[] outcomes = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            predicted[k] = p[indices[k]];
            outcomes[k] = labels[indices[k]];
        }
        return Calibration.of(predicted, outcomes, BINS).expectedCalibrationError();
    }

    static double expectedCalibrationError(double[] p, int[] labels) {
        return Calibration.of(p, labels, BINS).expectedCalibrationError();
    }

    /** The book's one accuracy ({@link Accuracy}), σ(z) ≥ ½ read as a 9, of logits against labels of 0 and 1. */
    static double accuracy(double[] logits, int[] labels) {
        return Accuracy.ofLogits(logits, Arrays.stream(labels).asDoubleStream().toArray());
    }

    /** The four counts of calling a digit a 9 when its logit is at least {@code threshold}, over {@code indices}. */
    record Confusion(int truePositives, int falsePositives, int falseNegatives, int trueNegatives) {

        static Confusion at(double[] logits, int[] labels, double threshold, int[] indices) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            int tn = 0;
            for (int i : indices) {
                boolean called = logits[i] >= threshold;
                if (labels[i] == 1) {
                    tp += called ? 1 : 0;
                    fn += called ? 0 : 1;
                } else {
                    fp += called ? 1 : 0;
                    tn += called ? 0 : 1;
                }
            }
            return new Confusion(tp, fp, fn, tn);
        }

        static Confusion at(double[] logits, int[] labels, double threshold) {
            return at(logits, labels, threshold, all(logits.length));
        }

        /** TP / (TP + FP); 0 when nothing is called a 9, as scikit-learn reports it. */
        double precision() {
            return truePositives + falsePositives == 0 ? 0 : truePositives / (double) (truePositives + falsePositives);
        }

        /** TP / (TP + FN): the share of 9s found. */
        double recall() {
            return truePositives + falseNegatives == 0 ? 0 : truePositives / (double) (truePositives + falseNegatives);
        }

        /** The harmonic mean of precision and recall, 2 TP / (2 TP + FP + FN), 0 when there is no true positive. */
        double f1() {
            int denominator = 2 * truePositives + falsePositives + falseNegatives;
            return denominator == 0 ? 0 : 2.0 * truePositives / denominator;
        }

        /** The cost per digit when a missed 9 costs {@code costOfMiss} and a false alarm 1. */
        double costPerDigit(double costOfMiss) {
            return (costOfMiss * falseNegatives + falsePositives) / (double) (truePositives + falsePositives + falseNegatives + trueNegatives);
        }
    }

    static int[] all(int n) {
        int[] indices = new int[n];
        for (int i = 0; i < n; i++) {
            indices[i] = i;
        }
        return indices;
    }
}
