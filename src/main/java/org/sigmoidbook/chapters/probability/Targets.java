package org.sigmoidbook.chapters.probability;

import java.util.ArrayList;
import java.util.List;

import org.sigmoidbook.chapters.probability.DigitTraining.Run;

/**
 * Section 5: targets of exactly 0 and 1 against smoothed targets ε/2 and 1 − ε/2. The cross-entropy
 * against a target t is smallest at σ(z) = t: for t = 1 that is z = ∞, so training keeps pushing the
 * logits of digits it already gets right; for t = 1 − ε/2 it is z = ln((2 − ε)/ε), and the push stops.
 */
final class Targets {

    /** A row of {@code targets}: one seed trained with one kind of target, scored on the held-out digits. */
    record Row(long seed, Training training, double epsilon, double meanAbsLogit, double probeMeanAbsLogit, double ece,
               double eceUnsmoothed, double heldoutCrossEntropy, double heldoutAccuracy) {
    }

    /** A row of {@code logit-growth}: the mean |z| over the probe training digits after an epoch (0: before training). */
    record Growth(Training training, long seed, int epoch, double meanAbsLogit) {
    }

    private Targets() {
    }

    static Row row(Run run, RareDigit data) {
        int[] labels = data.heldoutLabels();
        double[] z = run.heldoutLogits();
        double[] p = Recalibration.NONE.probabilities(z);
        double[] unsmoothed = new double[p.length];
        double epsilon = run.training().epsilon();
        double meanAbs = 0;
        for (int i = 0; i < p.length; i++) {
            unsmoothed[i] = unsmooth(p[i], epsilon);
            meanAbs += Math.abs(z[i]) / z.length;
        }
        double[] probe = run.probeMeanAbsLogit();
        return new Row(run.seed(), run.training(), epsilon, meanAbs, probe[probe.length - 1], Scores.expectedCalibrationError(p, labels),
                Scores.expectedCalibrationError(unsmoothed, labels), Scores.crossEntropy(z, labels, Recalibration.NONE),
                Scores.accuracy(z, labels));
    }

    /**
     * A network fitted to smoothed targets estimates (1 − ε) P + ε/2 where P = P(y = 1 | x) (the
     * expected target); solving for P, clipped to [0, 1], reads its output as a probability again.
     */
    static double unsmooth(double p, double epsilon) {
        return Math.min(1, Math.max(0, (p - epsilon / 2) / (1 - epsilon)));
    }

    static List<Growth> growth(List<Run> runs) {
        List<Growth> rows = new ArrayList<>();
        for (Run run : runs) {
            double[] probe = run.probeMeanAbsLogit();
            for (int epoch = 0; epoch < probe.length; epoch++) {
                rows.add(new Growth(run.training(), run.seed(), epoch, probe[epoch]));
            }
        }
        return rows;
    }
}
