package org.sigmoidbook.chapters.probability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sigmoidbook.chapters.probability.Recalibration.Method;
import org.sigmoidbook.chapters.probability.Scores.Confusion;

/** Scores of a decision and of recalibrated probabilities, worked out by hand. */
class ScoresTest {

    /** The cross-entropy of σ(a z + b) with a = 0.5 and b = 1.2: −ln p for a 9, −ln(1 − p) for another digit. */
    @Test
    void crossEntropyOfRecalibratedProbabilities() {
        double[] z = {-3, 0.4, 2};
        int[] y = {0, 1, 0};
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            double p = 1 / (1 + Math.exp(-(0.5 * z[i] + 1.2)));
            sum -= y[i] == 1 ? Math.log(p) : Math.log(1 - p);
        }
        assertEquals(sum / 3, Scores.crossEntropy(z, y, new Recalibration(Method.PLATT, 0.5, 1.2)), 1e-15);
    }

    /** 2 nines found, 2 false alarms, 1 nine missed, 5 others left alone. */
    @Test
    void scoresOfOneConfusion() {
        Confusion c = new Confusion(2, 2, 1, 5);
        assertEquals(0.5, c.precision());
        assertEquals(2.0 / 3, c.recall(), 1e-15);
        assertEquals(4.0 / 7, c.f1(), 1e-15);
        assertEquals((3 * 1 + 2) / 10.0, c.costPerDigit(3), 1e-15);
        assertEquals((5 * 2 + 3) / 10.0, new Confusion(1, 3, 2, 4).costPerDigit(5), 1e-15);
    }

    /** With no 9 among the digits, recall and F1 are 0 rather than 0/0. */
    @Test
    void recallWithoutNines() {
        assertEquals(0, new Confusion(0, 3, 0, 5).recall());
        assertEquals(0, new Confusion(0, 0, 0, 5).f1());
    }
}
