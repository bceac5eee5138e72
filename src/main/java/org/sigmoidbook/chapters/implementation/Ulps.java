package org.sigmoidbook.chapters.implementation;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * Distances in units in the last place: how many float32 (FLOAT) or float64 (DOUBLE) numbers lie
 * between two values of that type, counted along the number line (0 and −0 are one point, and the
 * step from the largest finite number to infinity is one more). Two values are bit-identical exactly
 * when their distance is 0, unless they are 0 and −0.
 */
final class Ulps {

    private Ulps() {
    }

    /** The number of steps of {@code type} between {@code a} and {@code b}, which must both be values of that type. */
    static long between(double a, double b, DataType type) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            throw new IllegalArgumentException("no distance in ulps to NaN: " + a + ", " + b);
        }
        return switch (type) {
            case FLOAT -> {
                if ((float) a != a || (float) b != b) {
                    throw new IllegalArgumentException("not float32 values: " + a + ", " + b);
                }
                yield Math.abs(ordinal((float) a) - ordinal((float) b));
            }
            case DOUBLE -> Math.abs(Math.subtractExact(ordinal(a), ordinal(b)));
            default -> throw new IllegalArgumentException("ulps of FLOAT or DOUBLE, not " + type);
        };
    }

    /**
     * A reference value {@code exact}, already rounded once to the nearest double, rounded to the
     * nearest value of {@code type}. Rounding twice gives the nearest float except where the double
     * lies exactly halfway between two floats: there the first rounding may have decided the tie, so
     * that case is refused rather than guessed.
     */
    static double round(double exact, DataType type) {
        if (type == DataType.DOUBLE) {
            return exact;
        }
        float nearest = (float) exact;
        float other = exact > nearest ? Math.nextUp(nearest) : Math.nextDown(nearest);
        if (nearest != exact && Double.isFinite(other) && exact - nearest == other - exact) {
            throw new IllegalArgumentException(exact + " lies halfway between two floats; its float32 rounding is undecided");
        }
        return nearest;
    }

    /** The position of {@code x} among the floats, in order: 0 for ±0, negative below. */
    private static long ordinal(float x) {
        int bits = Float.floatToRawIntBits(x);
        return bits < 0 ? -(long) (bits & Integer.MAX_VALUE) : bits;
    }

    private static long ordinal(double x) {
        long bits = Double.doubleToRawLongBits(x);
        return bits < 0 ? -(bits & Long.MAX_VALUE) : bits;
    }
}
