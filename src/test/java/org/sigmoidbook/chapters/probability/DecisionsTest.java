package org.sigmoidbook.chapters.probability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.sigmoidbook.chapters.probability.DigitTraining.Run;
import org.sigmoidbook.chapters.probability.Scores.Confusion;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/** Thresholds, confusion counts and their scores, against counting by hand and brute force. */
class DecisionsTest {

    private static final double[] Z = {-3, -1, -0.5, 0, 0.2, 1, 2, 4};
    private static final int[] Y = {0, 0, 1, 0, 1, 0, 1, 1};

    @Test
    void confusionCountsAndScoresByHand() {
        // Called 9s at z ≥ 0: indices 3..7, of which 4, 6, 7 are 9s; the 9 at index 2 is missed.
        Confusion c = Confusion.at(Z, Y, 0);
        assertEquals(new Confusion(3, 2, 1, 2), c);
        assertEquals(3.0 / 5, c.precision(), 1e-15);
        assertEquals(3.0 / 4, c.recall(), 1e-15);
        assertEquals(2 * 0.6 * 0.75 / (0.6 + 0.75), c.f1(), 1e-15);
        assertEquals((5 * 1 + 2) / 8.0, c.costPerDigit(5), 1e-15);
        Confusion none = Confusion.at(Z, Y, 10);
        assertEquals(0, none.precision());
        assertEquals(0, none.f1());
    }

    /** The chosen thresholds are as good as any: brute force over a fine grid of thresholds finds nothing better. */
    @Test
    void theValidationThresholdsAreTheBest() {
        SplittableRandom random = new SplittableRandom(4);
        double[] z = new double[3000];
        int[] y = new int[z.length];
        for (int i = 0; i < z.length; i++) {
            y[i] = random.nextDouble() < 0.1 ? 1 : 0;
            z[i] = (y[i] == 1 ? 2 : -2) + 2 * random.nextGaussian();
        }
        double f1 = Confusion.at(z, y, Decisions.best(z, y, true)).f1();
        double cost = Confusion.at(z, y, Decisions.best(z, y, false)).costPerDigit(Decisions.COST_OF_MISS);
        for (double t = -10; t <= 10; t += 0.001) {
            Confusion c = Confusion.at(z, y, t);
            assertTrue(c.f1() <= f1 + 1e-15, "t = " + t);
            assertTrue(c.costPerDigit(Decisions.COST_OF_MISS) >= cost - 1e-15, "t = " + t);
        }
    }

    /** The only 9 has the lowest logit: calling it costs 7 false alarms, missing it 5; the best cut is one above every logit. */
    @Test
    void theLeastCostCanBeToCallNothing() {
        double[] z = {-1, 0, 1, 2, 3, 4, 5, 6};
        int[] y = {1, 0, 0, 0, 0, 0, 0, 0};
        assertEquals(7, Decisions.best(z, y, false));
    }

    /**
     * Calling z ≥ 1 (both 9s and 4 false alarms) costs 4/7 a digit; calling only z = 6 misses a 9, 5/7;
     * every other cut costs more. The best cut is the midpoint between 0 and 1.
     */
    @Test
    void theLeastCostCountsEveryDigit() {
        double[] z = {0, 1, 2, 3, 4, 5, 6};
        int[] y = {0, 1, 0, 0, 0, 0, 1};
        double threshold = Decisions.best(z, y, false);
        assertEquals(0.5, threshold);
        assertEquals(4.0 / 7, Confusion.at(z, y, threshold).costPerDigit(Decisions.COST_OF_MISS), 1e-15);
    }

    /** Calling all four (F1 = 2·2/(4 + 2)) and calling only z = 3 (F1 = 2/(2 + 1)) are equally good: the lower cut, one below every logit. */
    @Test
    void ofEquallyGoodCutsTheLowest() {
        double[] z = {0, 1, 2, 3};
        int[] y = {1, 0, 0, 1};
        assertEquals(-1, Decisions.best(z, y, true));
    }

    /**
     * A cut between the two logits of 1 would call only the 9s, F1 = 1, but no threshold can call one
     * of them and not the other. Of the real cuts z ≥ 0.5 is best: three called, F1 = 4/5.
     */
    @Test
    void tiedLogitsAreNeverSplit() {
        double[] z = {0, 1, 1, 2};
        int[] y = {0, 0, 1, 1};
        assertEquals(0.5, Decisions.best(z, y, true));
    }

    /** A row is the confusion at the threshold, counted by hand in {@link #confusionCountsAndScoresByHand}, and the threshold read as σ(z). */
    @Test
    void aRowScoresTheHeldOutDigits() {
        Run run = new Run(Training.PLAIN, 3, new double[0], Z, new double[0]);
        Decisions.Row row = Decisions.score(Decisions.Decision.BEST_F1, run, 0, Y);
        assertEquals(3, row.seed());
        assertEquals(Decisions.Decision.BEST_F1, row.decision());
        assertEquals(0.5, row.threshold());
        assertEquals(List.of(3, 2, 1, 2), List.of(row.truePositives(), row.falsePositives(), row.falseNegatives(), row.trueNegatives()));
        assertEquals(3.0 / 5, row.precision(), 1e-15);
        assertEquals(3.0 / 4, row.recall(), 1e-15);
        assertEquals(6.0 / 9, row.f1(), 1e-15);
        assertEquals(7.0 / 8, row.costPerDigit(), 1e-15);
    }

    /** Each decision is made on the network its id names, and every decision and training has a label of its own for the figures. */
    @Test
    void eachDecisionUsesTheTrainingItNames() {
        for (Decisions.Decision decision : Decisions.Decision.values()) {
            Training expected = decision.id().startsWith("plain") ? Training.PLAIN
                    : decision.id().startsWith("positive-weight") ? Training.POSITIVE_WEIGHT : Training.RESAMPLED;
            assertEquals(expected, decision.training(), decision.id());
        }
        assertEquals(Decisions.Decision.values().length,
                Arrays.stream(Decisions.Decision.values()).map(Decisions.Decision::label).filter(label -> !label.isBlank()).distinct().count());
        assertEquals(Training.values().length,
                Arrays.stream(Training.values()).map(Training::label).filter(label -> !label.isBlank()).distinct().count());
    }

    /**
     * For calibrated probabilities p, calling a 9 costs (1 − p) in expectation and not calling it 5 p:
     * the Bayes rule calls it when p ≥ 1/(1 + 5). The rule's threshold on z is T ln(1/5).
     */
    @Test
    void theBayesThresholdForTheStatedCost() {
        double temperature = 1.7;
        Run run = new Run(Training.PLAIN, 1, Z, Z, new double[0]);
        double threshold = Decisions.logitThreshold(Decisions.Decision.BAYES_COST, run, Y, temperature);
        assertEquals(1 / (1 + Decisions.COST_OF_MISS), Sigmoid.of(threshold / temperature), 1e-15);
        for (double p = 0.01; p < 1; p += 0.01) {
            boolean call = 1 - p <= Decisions.COST_OF_MISS * p;
            assertEquals(call, temperature * Math.log(p / (1 - p)) >= threshold - 1e-12, "p = " + p);
        }
    }

    /** The curve's points are the confusion counts at each 9's logit, from the highest down: recall rises step by step to 1. */
    @Test
    void thePrecisionRecallCurveByHand() {
        Run run = new Run(Training.PLAIN, 1, Z, Z, new double[0]);
        List<Decisions.CurvePoint> curve = Decisions.curve(run, Y);
        assertEquals(4, curve.size());
        double[] recall = {0.25, 0.5, 0.75, 1};
        double[] precision = {1, 1, 3.0 / 4, 4.0 / 6};
        for (int k = 0; k < 4; k++) {
            assertEquals(recall[k], curve.get(k).recall(), 1e-15);
            assertEquals(precision[k], curve.get(k).precision(), 1e-15);
        }
    }

    @Test
    void scoresOfProbabilities() {
        double[] p = {0.05, 0.15, 0.95};
        int[] y = {0, 1, 1};
        // Bins [0, 0.1): 0.05 against 0; [0.1, 0.2): 0.15 against 1; [0.9, 1]: 0.95 against 1.
        assertEquals((0.05 + 0.85 + 0.05) / 3, Scores.expectedCalibrationError(p, y), 1e-15);
        assertEquals((0.05 + 0.05) / 2, Scores.expectedCalibrationError(p, y, new int[]{0, 2}), 1e-15);
        double[] z = {-2, 0.5, 3};
        double expected = -(Math.log(1 - Sigmoid.of(-2)) + Math.log(Sigmoid.of(0.5)) + Math.log(Sigmoid.of(3))) / 3;
        assertEquals(expected, Scores.crossEntropy(z, y, Recalibration.NONE), 1e-15);
        assertEquals(1.0, Scores.accuracy(z, y));
    }
}
