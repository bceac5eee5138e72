package org.sigmoidbook.chapters.probability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.sigmoidbook.chapters.probability.DigitTraining.Run;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/** Smoothed targets: where their cross-entropy is smallest, and how a smoothed output is read back. */
class TargetsTest {

    /** −[t ln σ(z) + (1 − t) ln(1 − σ(z))], minimised over z by a golden-section search on [0, 50]. */
    private static double minimiser(double t) {
        double low = 0;
        double high = 50;
        double ratio = (Math.sqrt(5) - 1) / 2;
        while (high - low > 1e-12) {
            double a = high - ratio * (high - low);
            double b = low + ratio * (high - low);
            if (loss(t, a) < loss(t, b)) {
                high = b;
            } else {
                low = a;
            }
        }
        return (low + high) / 2;
    }

    private static double loss(double t, double z) {
        return -(t * Math.log(Sigmoid.of(z)) + (1 - t) * Math.log(Sigmoid.of(-z)));
    }

    @Test
    void theSmoothedTargetsOptimalLogit() {
        for (Training training : Training.values()) {
            if (training.epsilon() > 0) {
                assertEquals(minimiser(1 - training.epsilon() / 2), training.optimalLogit(), 1e-7, training.id());
            }
        }
        assertEquals(Double.POSITIVE_INFINITY, Training.PLAIN.optimalLogit(), "targets of 1: no finite minimum");
        // And the loss against a target of 1 keeps falling as z grows.
        for (double z = 1; z < 30; z++) {
            assertTrue(loss(1, z + 1) < loss(1, z));
        }
    }

    @Test
    void undoingTheSmoothingInvertsIt() {
        for (double epsilon : new double[]{0.05, 0.1}) {
            for (double p = 0; p <= 1; p += 0.125) {
                double smoothed = (1 - epsilon) * p + epsilon / 2;
                assertEquals(p, Targets.unsmooth(smoothed, epsilon), 1e-15);
            }
            assertEquals(0, Targets.unsmooth(epsilon / 4, epsilon), "clipped at 0");
            assertEquals(1, Targets.unsmooth(1 - epsilon / 4, epsilon), "clipped at 1");
        }
    }

    /**
     * One run with ε = 0.1 on four held-out digits whose outputs σ(z) are 0.12, 0.37, 0.64 and 0.93,
     * each in its own tenth, and so are the unsmoothed (p − 0.05) / 0.9: with one digit per bin the
     * expected calibration error is the mean |y − p|.
     */
    @Test
    void aRowByHand() {
        double[] p = {0.12, 0.37, 0.64, 0.93};
        int[] labels = {0, 1, 0, 1};
        double[] z = new double[p.length];
        double meanAbsLogit = 0;
        double ece = 0;
        double eceUnsmoothed = 0;
        double crossEntropy = 0;
        for (int i = 0; i < p.length; i++) {
            z[i] = Math.log(p[i] / (1 - p[i]));
            meanAbsLogit += Math.abs(z[i]) / p.length;
            ece += Math.abs(labels[i] - p[i]) / p.length;
            eceUnsmoothed += Math.abs(labels[i] - (p[i] - 0.05) / 0.9) / p.length;
            crossEntropy -= Math.log(labels[i] == 1 ? p[i] : 1 - p[i]) / p.length;
        }
        Run run = new Run(Training.SMOOTHED_010, 7, new double[0], z, new double[]{0.4, 1.1, 2.3});
        RareDigit data = new RareDigit(null, null, null, null, labels);
        Targets.Row row = Targets.row(run, data);
        assertEquals(7, row.seed());
        assertEquals(Training.SMOOTHED_010, row.training());
        assertEquals(0.1, row.epsilon());
        assertEquals(meanAbsLogit, row.meanAbsLogit(), 1e-15);
        assertEquals(2.3, row.probeMeanAbsLogit(), "after the last epoch");
        assertEquals(ece, row.ece(), 1e-15);
        assertEquals(eceUnsmoothed, row.eceUnsmoothed(), 1e-15);
        assertEquals(crossEntropy, row.heldoutCrossEntropy(), 1e-15);
        assertEquals(0.5, row.heldoutAccuracy(), "the 9 at 0.37 and the other digit at 0.64 are wrong");
    }

    @Test
    void growthHasARowForEveryEpochOfEveryRun() {
        Run plain = new Run(Training.PLAIN, 1, new double[0], new double[0], new double[]{0.5, 1.5});
        Run smoothed = new Run(Training.SMOOTHED_005, 2, new double[0], new double[0], new double[]{0.7, 1.1, 1.9});
        List<Targets.Growth> rows = Targets.growth(List.of(plain, smoothed));
        assertEquals(List.of(new Targets.Growth(Training.PLAIN, 1, 0, 0.5), new Targets.Growth(Training.PLAIN, 1, 1, 1.5),
                new Targets.Growth(Training.SMOOTHED_005, 2, 0, 0.7), new Targets.Growth(Training.SMOOTHED_005, 2, 1, 1.1),
                new Targets.Growth(Training.SMOOTHED_005, 2, 2, 1.9)), rows);
    }

    @Test
    void onlyPlainAndSmoothedTargetsAreComparedAsTargets() {
        assertTrue(Training.PLAIN.comparesTargets() && Training.SMOOTHED_005.comparesTargets() && Training.SMOOTHED_010.comparesTargets());
        assertTrue(!Training.POSITIVE_WEIGHT.comparesTargets() && !Training.RESAMPLED.comparesTargets());
    }
}
