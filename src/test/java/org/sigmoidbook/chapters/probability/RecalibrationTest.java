package org.sigmoidbook.chapters.probability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.sigmoidbook.chapters.probability.Recalibration.Method;
import org.sigmoidbook.toolkit.numerics.ExactSigmoid;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/** Temperature and Platt scaling: the fitted maps minimise what they claim to, and recover a known miscalibration. */
class RecalibrationTest {

    /** Logits of an overconfident model: the labels follow σ(z / trueTemperature + shift). */
    private record Data(double[] z, int[] y) {

        static Data overconfident(int n, double trueTemperature, double shift, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            double[] z = new double[n];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                z[i] = 6 * random.nextGaussian();
                y[i] = random.nextDouble() < Sigmoid.of(z[i] / trueTemperature + shift) ? 1 : 0;
            }
            return new Data(z, y);
        }
    }

    /** Mean cross-entropy of σ(a z + b) against 0/1 labels, straight from −ln p. */
    private static double crossEntropy(Data data, double a, double b) {
        double sum = 0;
        for (int i = 0; i < data.z().length; i++) {
            double p = Sigmoid.of(a * data.z()[i] + b);
            sum -= data.y()[i] == 1 ? Math.log(p) : Math.log(1 - p);
        }
        return sum / data.z().length;
    }

    @Test
    void temperatureScalingFindsTheTemperatureThatMinimisesTheCrossEntropy() {
        Data data = Data.overconfident(20_000, 2.5, 0, 1);
        Recalibration map = Recalibration.fit(Method.TEMPERATURE, data.z(), data.y());
        assertEquals(0, map.intercept());
        double a = map.slope();
        for (double step : new double[]{1e-3, -1e-3}) {
            assertTrue(crossEntropy(data, a + step, 0) > crossEntropy(data, a, 0), "a minimum in a");
        }
        // About 4,000 labels carry the information on T: a standard error near 2%.
        assertEquals(2.5, map.temperature(), 0.15);
    }

    /** Platt's targets (N₊ + 1)/(N₊ + 2) and 1/(N₋ + 2): the gradient of the cross-entropy against them vanishes at the fit. */
    @Test
    void plattScalingSolvesItsFirstOrderConditions() {
        Data data = Data.overconfident(20_000, 2.5, 0.8, 2);
        Recalibration map = Recalibration.fit(Method.PLATT, data.z(), data.y());
        int positives = 0;
        for (int label : data.y()) {
            positives += label;
        }
        double high = (positives + 1.0) / (positives + 2.0);
        double low = 1.0 / (data.y().length - positives + 2.0);
        double ga = 0;
        double gb = 0;
        for (int i = 0; i < data.z().length; i++) {
            double t = data.y()[i] == 1 ? high : low;
            double error = map.probability(data.z()[i]) - t;
            ga += error * data.z()[i];
            gb += error;
        }
        assertEquals(0, ga / data.z().length, 1e-9);
        assertEquals(0, gb / data.z().length, 1e-9);
        assertEquals(1 / 2.5, map.slope(), 0.03);
        assertEquals(0.8, map.intercept(), 0.1);
    }

    /** Separable data would send an unregularised fit to infinity; Platt's targets keep it finite. */
    @Test
    void plattScalingStaysFiniteOnSeparableData() {
        double[] z = {-3, -2, -1, 1, 2, 3};
        int[] y = {0, 0, 0, 1, 1, 1};
        Recalibration map = Recalibration.fit(Method.PLATT, z, y);
        assertTrue(Double.isFinite(map.slope()) && map.slope() > 0 && map.slope() < 10, "a = " + map.slope());
        // Platt's targets are 4/5 and 1/5 here: the fit cannot pass them.
        assertTrue(map.probability(3) < 0.95 && map.probability(-3) > 0.05);
    }

    @Test
    void noRecalibrationIsTheSigmoid() {
        Recalibration none = Recalibration.fit(Method.NONE, new double[]{1}, new int[]{1});
        for (double z = -30; z <= 30; z += 0.5) {
            double sigma = ExactSigmoid.of(z);
            assertEquals(sigma, none.probability(z), 4 * Math.ulp(sigma));
        }
    }

    /** A positive slope keeps every logit on its side of any threshold: the accuracy at ½ needs b = 0 too. */
    @Test
    void aTemperatureChangesNoDecisionAtOneHalf() {
        Data data = Data.overconfident(5_000, 3, 0, 3);
        Recalibration map = Recalibration.fit(Method.TEMPERATURE, data.z(), data.y());
        for (double z : data.z()) {
            assertEquals(z >= 0, map.probability(z) >= 0.5);
        }
    }
}
