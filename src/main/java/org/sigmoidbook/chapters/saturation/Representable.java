package org.sigmoidbook.chapters.saturation;

import java.util.function.DoublePredicate;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * Bisection over the numbers a floating-point type can actually hold, so that a boundary such as
 * "the smallest z at which sigma(z) rounds to exactly 1" is found to the last bit, not typed in.
 * Values are ordered by a key that sorts like the numbers themselves (negative ones included),
 * and the search halves the range of keys, not of real numbers.
 */
public final class Representable {

    private Representable() {
    }

    /**
     * The smallest value of {@code type} in {@code (below, atOrAbove]} at which {@code test} holds, given
     * that it fails at {@code below} and holds at {@code atOrAbove}. When {@code test} switches once
     * (false, then true), this is the exact switching point; otherwise it is one of the switches.
     */
    public static double firstTrue(DataType type, double below, double atOrAbove, DoublePredicate test) {
        checkEnds(type, below, atOrAbove);
        if (test.test(below) || !test.test(atOrAbove)) {
            throw new IllegalArgumentException("the test must fail at " + below + " and hold at " + atOrAbove);
        }
        long lo = key(type, below);
        long hi = key(type, atOrAbove);
        // keys of doubles far apart may differ by more than Long.MAX_VALUE: no subtraction here
        for (long mid = floorMean(lo, hi); mid != lo; mid = floorMean(lo, hi)) {
            if (test.test(value(type, mid))) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return value(type, hi);
    }

    /**
     * The largest value of {@code type} in {@code [atOrBelow, above)} at which {@code test} holds, given
     * that it holds at {@code atOrBelow} and fails at {@code above}.
     */
    public static double lastTrue(DataType type, double atOrBelow, double above, DoublePredicate test) {
        return previous(type, firstTrue(type, atOrBelow, above, test.negate()));
    }

    private static long floorMean(long a, long b) {
        return (a & b) + ((a ^ b) >> 1);
    }

    /** The next smaller value that {@code type} can hold. */
    public static double previous(DataType type, double x) {
        return type == DataType.FLOAT ? Math.nextDown((float) x) : Math.nextDown(x);
    }

    private static void checkEnds(DataType type, double below, double above) {
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException("only FLOAT and DOUBLE are supported, not " + type);
        }
        if (!(below < above) || (type == DataType.FLOAT && ((float) below != below || (float) above != above))) {
            throw new IllegalArgumentException("need two " + type + " values in increasing order: " + below + ", " + above);
        }
    }

    /** A key that orders values like the numbers: flips the magnitude bits of negative ones. */
    private static long key(DataType type, double x) {
        if (type == DataType.FLOAT) {
            int bits = Float.floatToIntBits((float) x);
            return bits < 0 ? bits ^ Integer.MAX_VALUE : bits;
        }
        long bits = Double.doubleToLongBits(x);
        return bits < 0 ? bits ^ Long.MAX_VALUE : bits;
    }

    private static double value(DataType type, long key) {
        if (type == DataType.FLOAT) {
            int bits = (int) key;
            return Float.intBitsToFloat(bits < 0 ? bits ^ Integer.MAX_VALUE : bits);
        }
        return Double.longBitsToDouble(key < 0 ? key ^ Long.MAX_VALUE : key);
    }
}
