package org.sigmoidbook.chapters.outputlayer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.sigmoidbook.toolkit.nn.HiddenUnit;

/**
 * The forward signal at initialisation. To first order, a sigmoid layer with weights N(0, 1/n)
 * multiplies the spread of its input by sqrt(E[sigma'(m)^2]), m ~ N(0, 1/4) (see
 * {@link SignalExperiment#expectedSigmoidGain}), a little under sigma'(0) = 1/4; a tanh layer, whose
 * inputs are centred and whose slope at 0 is 1, keeps most of it. The quick run's signal table is
 * checked against this in {@link OutputLayerQuickRunTest}.
 */
class SignalExperimentTest {

    /** The quadrature against a seeded Monte Carlo estimate of the same expectation (10^6 draws: error about 3e-5). */
    @Test
    void theExpectedSigmoidGainIsSqrtOfTheMeanSquaredSlopeAtOffsetsWithVarianceOneQuarter() {
        Random random = new Random(1);
        int draws = 1_000_000;
        double sum = 0;
        for (int i = 0; i < draws; i++) {
            double m = 0.5 * random.nextGaussian();
            double slope = Math.exp(-m) / ((1 + Math.exp(-m)) * (1 + Math.exp(-m))); // e^{-m} / (1 + e^{-m})^2, not the helper under test
            sum += slope * slope;
        }
        assertEquals(Math.sqrt(sum / draws), SignalExperiment.expectedSigmoidGain(), 3e-4);
        assertTrue(SignalExperiment.expectedSigmoidGain() < 0.25, "below sigma'(0)");
        assertTrue(SignalExperiment.expectedSigmoidGain() > 0.23, "the offsets are small: not far below sigma'(0)");
    }

    /** Not one lucky initialisation: other seeds' networks lose the signal at the same rate. */
    @Test
    void otherSeedsLoseTheSignalAtTheSameRate() throws Exception {
        DigitTask task = DigitTask.load(1);
        double expected = 1 / SignalExperiment.expectedSigmoidGain();
        for (long seed : new long[]{7, 1234}) {
            double[] spreads = SignalExperiment.spreads(new Setup(HiddenUnit.SIGMOID, Remedy.NONE, Head.SIGMOID_XENT, 5, 0.1, new Budget(1, 1),
                    (int) seed).build(),
                    task.heldOut().getFeatures());
            assertEquals(expected, SignalExperiment.factorPerLayer(spreads), 0.08 * expected, "seed " + seed);
        }
    }
}
