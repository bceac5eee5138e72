package org.sigmoidbook.chapters.zerocentering;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ConvergenceTest {

    /** Glorot's factor for the sigmoid is 1/σ'(0) = 4: σ(z) ≈ ½ + z/4 near 0, against tanh(z) ≈ z. */
    @Test
    void glorotsFactorForTheSigmoidIsFour() {
        assertEquals(4.0, Convergence.GLOROT_SIGMOID_FACTOR, 0.0);
        double h = 1e-6;
        assertEquals(1 / Convergence.GLOROT_SIGMOID_FACTOR, (1 / (1 + Math.exp(-h)) - 1 / (1 + Math.exp(h))) / (2 * h), 1e-9);
    }
}
