package org.sigmoidbook.chapters.implementation;

import java.util.function.Function;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * Where a computed function changes behaviour for good (a loss becomes infinite, a gradient 0): the
 * first value of the data type, not the first point of a grid.
 */
final class Threshold {

    private static final int POINTS = 1025;

    private Threshold() {
    }

    /**
     * The smallest value u of {@code type} in (from, to] at which {@code holds} is true, for a
     * condition that is false at {@code from}, true at {@code to} and true from some point on. The
     * interval is cut into 1024 steps, narrowed to the step where the condition first holds, and cut
     * again until its ends are neighbouring values of the type; {@code holds} is asked about a whole
     * vector of points at a time, so that each round is one call into the library measured.
     */
    static double first(DataType type, double from, double to, Function<double[], boolean[]> holds) {
        double below = representable(from, type);
        double above = representable(to, type);
        while (true) {
            double[] points = new double[POINTS];
            for (int i = 0; i < POINTS; i++) {
                points[i] = representable(below + (above - below) * i / (POINTS - 1), type);
            }
            boolean[] result = holds.apply(points);
            if (result[0] || !result[POINTS - 1]) {
                throw new IllegalStateException("the condition does not change from false to true in (" + below + ", " + above
                        + "] for " + type);
            }
            int first = 1;
            while (!result[first]) {
                first++;
            }
            if (points[first - 1] == below && points[first] == above) {
                return above;
            }
            below = points[first - 1];
            above = points[first];
        }
    }

    /** A value of {@code type} near {@code value}: a point to try, not a reference, so ties may go either way. */
    private static double representable(double value, DataType type) {
        return type == DataType.FLOAT ? (float) value : value;
    }
}
