package org.sigmoidbook.chapters.saturation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class RepresentableTest {

    @Test
    void findsTheSmallestFloatWhoseSquareReachesTwo() {
        double found = Representable.firstTrue(DataType.FLOAT, 1, 2, z -> (float) z * (float) z >= 2f);
        float f = (float) found;
        assertEquals(f, found, 0.0, "the answer is a float");
        assertEquals(true, f * f >= 2f);
        assertEquals(false, Math.nextDown(f) * Math.nextDown(f) >= 2f);
    }

    @Test
    void findsAnExactDoubleBoundaryAcrossZero() {
        double boundary = -0.1;
        assertEquals(boundary, Representable.firstTrue(DataType.DOUBLE, -5, 5, z -> z >= boundary), 0.0);
        assertEquals(Math.nextDown(boundary), Representable.lastTrue(DataType.DOUBLE, -5, 5, z -> z < boundary), 0.0);
        assertEquals(Double.MIN_VALUE, Representable.firstTrue(DataType.DOUBLE, -1, 1, z -> z > 0), 0.0);
        assertEquals(-(double) Float.MIN_VALUE, Representable.lastTrue(DataType.FLOAT, -1, 1, z -> z < 0), 0.0);
    }

    @Test
    void refusesEndsThatDoNotBracketTheSwitch() {
        assertThrows(IllegalArgumentException.class, () -> Representable.firstTrue(DataType.DOUBLE, 0, 1, z -> true));
        assertThrows(IllegalArgumentException.class, () -> Representable.firstTrue(DataType.FLOAT, 0, 0.1, z -> z > 0.05));
        assertThrows(IllegalArgumentException.class, () -> Representable.firstTrue(DataType.HALF, 0, 1, z -> z > 0.5));
        String equalEnds = assertThrows(IllegalArgumentException.class,
                () -> Representable.firstTrue(DataType.DOUBLE, 1, 1, z -> z > 0.5)).getMessage();
        assertTrue(equalEnds.contains("increasing order"), "equal ends are refused as such: " + equalEnds);
    }

    /**
     * -0 and +0 are two values with neighbouring keys: 1/z tells them apart (-inf and +inf), and the
     * smallest value above -0 at which 1/z is positive is +0 itself, not the smallest subnormal.
     */
    @Test
    void tellsPlusZeroFromMinusZero() {
        double inFloat = Representable.firstTrue(DataType.FLOAT, -0.0, Float.MIN_VALUE, z -> 1 / z > 0);
        assertEquals(0L, Double.doubleToRawLongBits(inFloat), "+0, every bit 0: " + inFloat);
        double inDouble = Representable.firstTrue(DataType.DOUBLE, -0.0, Double.MIN_VALUE, z -> 1 / z > 0);
        assertEquals(0L, Double.doubleToRawLongBits(inDouble), "+0, every bit 0: " + inDouble);
    }
}
