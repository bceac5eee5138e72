package org.sigmoidbook.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The book's own sigmoid kernel on float arrays, written with Java's Vector API (incubating in
 * Java 17: compile and run with {@code --add-modules jdk.incubator.vector}).
 * <p>
 * sigma(x) = 1 / (1 + e^z) for x >= 0 and e^z / (1 + e^z) for x < 0, with z = -|x| <= 0, so exp
 * never overflows and the quotient is rounded once. e^z = 2^k e^r with k = round(z / ln 2) and
 * r = z - k ln 2 (ln 2 split in two so that r keeps float precision); e^r on |r| <= ln(2)/2 by a
 * degree-6 polynomial interpolating it at Chebyshev nodes (relative error 2e-8 with float
 * coefficients); 2^k written into the exponent bits as 2^(k+64) times 2^-64, so that results down
 * to the smallest subnormal float come out right with one rounding. About 20 vector instructions
 * per lane group; accuracy is checked in VectorSigmoidTest against a double-precision reference.
 */
public final class VectorSigmoid {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693145751953125f;
    private static final float LN2_LO = 1.42860682030941723212e-6f;
    /** Below this, e^z is under half the smallest subnormal float: the clamp keeps k within range. */
    private static final float Z_MIN = -104f;
    /** Adding 1.5 * 2^23 rounds z / ln 2 to an integer k held in the low mantissa bits. */
    private static final float ROUNDING = 12582912f;
    /** Subtracted from the bits of ROUNDING + k, this gives the biased exponent of 2^(k+64). */
    private static final int EXPONENT_OFFSET = Float.floatToRawIntBits(ROUNDING) - 127 - 64;
    private static final float TWO_TO_MINUS_64 = 0x1p-64f;
    private static final float[] POLY = {1.0f, 1.0f, 0.5f, 0.16666415333747864f, 0.04166635125875473f,
            0.00837512593716383f, 0.0013941108481958508f};
    /** Below this many elements one thread is faster than handing work to others. */
    private static final int PARALLEL_THRESHOLD = 1 << 16;
    /**
     * Elements per call of the inner loop. Short calls get the loop compiled by C2 as a whole method,
     * with the vector operations intrinsified; a single call over 16M floats got it compiled on stack
     * instead, and in one JMH run that version stayed 30 to 40 times slower (210 ms a call, not 5 ms).
     */
    private static final int BLOCK = 1 << 14;

    private VectorSigmoid() {
    }

    /** out[i] = sigma(in[i]) for every i, on the calling thread. */
    public static void apply(float[] in, float[] out) {
        apply(in, out, 0, in.length);
    }

    /** out[i] = sigma(in[i]) for every i, spread over all cores (see {@link Slices}). */
    public static void applyParallel(float[] in, float[] out) {
        if (Slices.THREADS == 1 || in.length < PARALLEL_THRESHOLD) {
            apply(in, out, 0, in.length);
        } else {
            Slices.run(in.length, SPECIES.length(), (from, to) -> apply(in, out, from, to));
        }
    }

    /** out[i] = sigma(in[i]) for from <= i < to. */
    public static void apply(float[] in, float[] out, int from, int to) {
        for (int start = from; start < to; start += BLOCK) {
            applyBlock(in, out, start, Math.min(to, start + BLOCK));
        }
    }

    private static void applyBlock(float[] in, float[] out, int from, int to) {
        int i = from;
        int bound = from + SPECIES.loopBound(to - from);
        for (; i < bound; i += SPECIES.length()) {
            sigmoid(FloatVector.fromArray(SPECIES, in, i)).intoArray(out, i);
        }
        for (; i < to; i++) {
            out[i] = of(in[i]);
        }
    }

    /** The same computation on one float, for the tail of an array. */
    public static float of(float x) {
        float z = Math.max(Float.intBitsToFloat(Float.floatToRawIntBits(x) | 0x80000000), Z_MIN);
        float shifted = Math.fma(z, LOG2E, ROUNDING);
        float k = shifted - ROUNDING;
        float r = Math.fma(k, -LN2_LO, Math.fma(k, -LN2_HI, z));
        float p = POLY[6];
        for (int n = 5; n >= 0; n--) {
            p = Math.fma(p, r, POLY[n]);
        }
        float scale = Float.intBitsToFloat((Float.floatToRawIntBits(shifted) - EXPONENT_OFFSET) << 23);
        float e = p * scale * TWO_TO_MINUS_64;
        return (x < 0 ? e : 1f) / (1f + e);
    }

    /** sigma of every lane; shared with the benchmarks. */
    static FloatVector sigmoid(FloatVector x) {
        FloatVector z = x.reinterpretAsInts().or(0x80000000).reinterpretAsFloats().max(Z_MIN);
        FloatVector shifted = z.fma(FloatVector.broadcast(SPECIES, LOG2E), FloatVector.broadcast(SPECIES, ROUNDING));
        FloatVector k = shifted.sub(ROUNDING);
        FloatVector r = k.fma(FloatVector.broadcast(SPECIES, -LN2_HI), z);
        r = k.fma(FloatVector.broadcast(SPECIES, -LN2_LO), r);
        FloatVector p = FloatVector.broadcast(SPECIES, POLY[6]);
        for (int n = 5; n >= 0; n--) {
            p = p.fma(r, FloatVector.broadcast(SPECIES, POLY[n]));
        }
        FloatVector scale = shifted.reinterpretAsInts().sub(EXPONENT_OFFSET)
                .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector e = p.mul(scale).mul(TWO_TO_MINUS_64);
        FloatVector numerator = FloatVector.broadcast(SPECIES, 1f).blend(e, x.compare(VectorOperators.LT, 0f));
        return numerator.div(e.add(1f));
    }
}
