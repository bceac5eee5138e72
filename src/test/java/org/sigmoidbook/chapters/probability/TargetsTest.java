package org.sigmoidbook.chapters.probability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
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

    @Test
    void onlyPlainAndSmoothedTargetsAreComparedAsTargets() {
        assertTrue(Training.PLAIN.comparesTargets() && Training.SMOOTHED_005.comparesTargets() && Training.SMOOTHED_010.comparesTargets());
        assertTrue(!Training.POSITIVE_WEIGHT.comparesTargets() && !Training.RESAMPLED.comparesTargets());
    }
}
