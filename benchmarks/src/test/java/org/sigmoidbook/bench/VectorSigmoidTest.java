package org.sigmoidbook.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/** The kernel against the toolkit's double-precision sigmoid, counted in float ulps of the exact value. */
class VectorSigmoidTest {

    /** Measured: 2.3 ulps at worst over the ranges below; a correctly rounded result would be within 0.5. */
    private static final double MAX_ULPS = 3.0;

    private static double ulpsOff(float actual, double exact) {
        float rounded = (float) exact;
        double ulp = Math.ulp(rounded == 0f ? Float.MIN_VALUE : rounded);
        return Math.abs(actual - exact) / ulp;
    }

    private static double worstUlps(float[] in, float[] out) {
        double worst = 0;
        for (int i = 0; i < in.length; i++) {
            double off = ulpsOff(out[i], Sigmoid.of(in[i]));
            if (off > MAX_ULPS) {
                throw new AssertionError("sigma(" + in[i] + ") = " + out[i] + " is " + off + " ulps from " + Sigmoid.of(in[i]));
            }
            worst = Math.max(worst, off);
        }
        return worst;
    }

    @Test
    void withinAFewUlpsOfTheDoubleReferenceEverywhereFloatsGo() {
        Random random = new Random(3);
        int n = 1 << 20;
        float[] in = new float[n];
        for (int i = 0; i < n; i++) {
            // half around 0, where networks live; half over the whole range where sigma is not yet exactly 0 or 1
            in[i] = (float) (i % 2 == 0 ? 4 * random.nextGaussian() : -110 + 130 * random.nextDouble());
        }
        float[] out = new float[n];
        VectorSigmoid.applyParallel(in, out);
        double worst = worstUlps(in, out);
        assertTrue(worst > 0.5, "a few inputs must be off by more than half an ulp, or this test compares nothing");
    }

    @Test
    void everyFloatBetweenMinusOneAndOneEvery97thStep() {
        int count = (Float.floatToIntBits(1f) - Float.floatToIntBits(0f)) / 97;
        float[] in = new float[2 * count];
        for (int i = 0; i < count; i++) {
            in[2 * i] = Float.intBitsToFloat(97 * i);
            in[2 * i + 1] = -in[2 * i];
        }
        float[] out = new float[in.length];
        VectorSigmoid.apply(in, out);
        worstUlps(in, out);
    }

    /** Subnormal results, exact 0 and 1, infinities and NaN: what the exponent arithmetic must get right. */
    @Test
    void extremes() {
        float[] in = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, -87.3f, -88f, -100f, -103f, -103.9f,
                -104f, -200f, 17f, 88f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, -Float.MIN_VALUE};
        float[] out = new float[in.length];
        VectorSigmoid.apply(in, out);
        assertEquals(0.5f, out[0]);
        assertEquals(0.5f, out[1]);
        assertEquals(1f, out[2]);
        assertEquals(0f, out[3]);
        assertTrue(Float.isNaN(out[4]));
        for (int i = 5; i < in.length; i++) {
            assertTrue(ulpsOff(out[i], Sigmoid.of(in[i])) <= MAX_ULPS, "sigma(" + in[i] + ") = " + out[i]);
        }
        assertTrue(out[7] > 0 && out[7] < Float.MIN_NORMAL, "sigma(-100) is a subnormal float, not 0: " + out[7]);
    }

    /**
     * Lengths that are not a multiple of the vector width go through the scalar tail: same function.
     * The length spans several of the kernel's blocks and is above the parallel threshold, so the
     * block and slice boundaries are crossed too.
     */
    @Test
    void theScalarTailAgreesWithTheVectorLanes() {
        float[] in = new float[5 * (1 << 14) + 7];
        Random random = new Random(8);
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) (10 * random.nextGaussian());
        }
        float[] vector = new float[in.length];
        VectorSigmoid.apply(in, vector);
        for (int i = 0; i < in.length; i++) {
            assertEquals(vector[i], VectorSigmoid.of(in[i]), "element " + i);
        }
        float[] parallel = new float[in.length];
        VectorSigmoid.applyParallel(in, parallel);
        assertTrue(java.util.Arrays.equals(vector, parallel), "parallel and single-thread results differ");
    }
}
