package org.sigmoidbook.chapters.derivative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sigmoidbook.toolkit.numerics.ExactSigmoid;

/** sigma as a shifted, scaled tanh, its series about 0 and the derivative of log sigma, against closed forms. */
class TanhFormTest {

    /** (1 + tanh(z/2)) / 2 is sigma(z) to a few units in the last place of float64, with Java's tanh too. */
    @Test
    void sigmaIsAShiftedScaledTanh() {
        double[] z = DerivativeChapter.grid();
        assertTrue(TanhForm.identityError(z) <= 2 * Math.ulp(1.0), "ND4J's tanh: " + TanhForm.identityError(z));
        for (double v : z) {
            assertEquals(ExactSigmoid.of(v), (1 + Math.tanh(v / 2)) / 2, 2 * Math.ulp(1.0), "z = " + v);
        }
    }

    /**
     * Far left the identity cancels: tanh(−20) is 1 − 2e^-40 from −1, below half an ulp, so it rounds
     * to −1 and (1 + tanh(z/2)) / 2 is 0, off by all of σ(−40) = e^-40 / (1 + e^-40), and at −60 by the
     * smaller σ(−60). At 0 both are ½ exactly.
     */
    @Test
    void theTanhFormLosesSigmaWhereTanhRoundsToMinusOne() {
        double sigma = Math.exp(-40) / (1 + Math.exp(-40));
        assertEquals(sigma, TanhForm.identityError(new double[]{-40}), Math.ulp(sigma));
        assertEquals(sigma, TanhForm.identityError(new double[]{0, -40, -60}), Math.ulp(sigma), "the largest error over the points");
        assertEquals(0, TanhForm.identityError(new double[]{0}));
    }

    /**
     * The rewrite with halved weights and shifted biases computes the same outputs, to float64 rounding;
     * not bit for bit, since tanh and σ round differently.
     */
    @Test
    void aSigmoidNetworkIsATanhNetworkWithOtherParameters() {
        double error = TanhForm.rewriteError();
        assertTrue(error < 1e-13 && error > 0, "largest difference " + error);
    }

    /**
     * The series truncated after z/4 and after -z^3/48 is off by |sigma(1) - 3/4| and |sigma(1) - 3/4 +
     * 1/48| at the edge |z| = 1, where the error is largest, and by less than the next term.
     */
    @Test
    void seriesErrorsAreLargestAtTheEdgeAndBelowTheNextTerm() {
        double sigmaOfOne = 1 / (1 + Math.exp(-1));
        double linear = TanhForm.seriesError(false);
        double cubic = TanhForm.seriesError(true);
        assertEquals(Math.abs(sigmaOfOne - 0.75), linear, 1e-15);
        assertEquals(Math.abs(sigmaOfOne - 0.75 + 1.0 / 48), cubic, 1e-15);
        assertTrue(linear < 1.0 / 48 && cubic < 1.0 / 480, linear + ", " + cubic);
        assertEquals(0.0189, linear, 5e-5);
        assertEquals(0.00189, cubic, 5e-6);
    }

    /** d/dz log sigma(z) = sigma(-z): central differences of the 40-digit log sigma against sigma(-z). */
    @Test
    void derivativeOfLogSigmaIsSigmaOfMinusZ() {
        double h = 1e-5;
        for (double z : new double[]{-30, -5, -1, 0, 0.5, 3, 12, 30}) {
            double slope = (ExactSigmoid.logSigmoid(z + h) - ExactSigmoid.logSigmoid(z - h)) / (2 * h);
            double expected = ExactSigmoid.of(-z);
            assertEquals(expected, slope, 1e-9 * Math.max(expected, 1e-6) + 1e-10, "z = " + z);
        }
    }
}
