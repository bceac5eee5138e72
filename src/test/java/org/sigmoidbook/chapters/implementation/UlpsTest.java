package org.sigmoidbook.chapters.implementation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** Distances in ulps against counts made by stepping with Math.nextUp, and the refusal to round a float midpoint. */
class UlpsTest {

    @Test
    void countsTheNumbersOfTheTypeBetweenTwoValues() {
        float f = 0.047425874f;
        float g = f;
        for (int i = 0; i < 5; i++) {
            g = Math.nextUp(g);
        }
        assertEquals(5, Ulps.between(f, g, DataType.FLOAT));
        assertEquals(5, Ulps.between(g, f, DataType.FLOAT));
        double d = 0.047425873177566774;
        assertEquals(3, Ulps.between(d, Math.nextUp(Math.nextUp(Math.nextUp(d))), DataType.DOUBLE));
    }

    @Test
    void zeroAndMinusZeroAreOnePointAndTheStepsAcrossZeroCount() {
        assertEquals(0, Ulps.between(0.0, -0.0, DataType.FLOAT));
        assertEquals(2, Ulps.between(-Float.MIN_VALUE, Float.MIN_VALUE, DataType.FLOAT));
        assertEquals(2, Ulps.between(-Double.MIN_VALUE, Double.MIN_VALUE, DataType.DOUBLE));
        assertEquals(1, Ulps.between(Float.MAX_VALUE, Double.POSITIVE_INFINITY, DataType.FLOAT));
        assertEquals(1L << 23, Ulps.between(1.0, 2.0, DataType.FLOAT), "one binade holds 2^23 floats");
    }

    @Test
    void refusesValuesThatAreNotOfTheType() {
        assertThrows(IllegalArgumentException.class, () -> Ulps.between(0.1, 0.1f, DataType.FLOAT));
        assertThrows(IllegalArgumentException.class, () -> Ulps.between(Double.NaN, 1, DataType.DOUBLE));
    }

    /** Rounding a double to float: the nearest float, except exactly halfway, where the first rounding may have decided. */
    @Test
    void roundsToTheNearestFloatAndRefusesAMidpoint() {
        assertEquals(0.1f, Ulps.round(0.1, DataType.FLOAT));
        assertEquals(0.1, Ulps.round(0.1, DataType.DOUBLE));
        double midpoint = (1.0 + (double) Math.nextUp(1.0f)) / 2;
        assertThrows(IllegalArgumentException.class, () -> Ulps.round(midpoint, DataType.FLOAT));
        assertEquals(1.0f, Ulps.round(Math.nextDown(midpoint), DataType.FLOAT));
        assertEquals(Math.nextUp(1.0f), Ulps.round(Math.nextUp(midpoint), DataType.FLOAT));
    }
}
