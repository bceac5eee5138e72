package org.sigmoidbook.chapters.implementation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** The bisection for where a condition starts to hold, against thresholds known in closed form. */
class ThresholdTest {

    @Test
    void findsTheFirstValueOfTheTypeWhereTheConditionHolds() {
        float aboveOrAtPi = (float) Math.PI >= Math.PI ? (float) Math.PI : Math.nextUp((float) Math.PI);
        assertEquals(aboveOrAtPi, Threshold.first(DataType.FLOAT, 0, 10, z -> holds(z, Math.PI)));
        double next = Math.nextUp(20.0);
        assertEquals(next, Threshold.first(DataType.DOUBLE, 19, 21, z -> {
            boolean[] above = new boolean[z.length];
            for (int i = 0; i < z.length; i++) {
                above[i] = z[i] > 20;
            }
            return above;
        }));
    }

    @Test
    void refusesAConditionThatDoesNotChange() {
        assertThrows(IllegalStateException.class, () -> Threshold.first(DataType.FLOAT, 0, 1, z -> holds(z, -1)));
        assertThrows(IllegalStateException.class, () -> Threshold.first(DataType.FLOAT, 0, 1, z -> holds(z, 2)));
    }

    private static boolean[] holds(double[] z, double from) {
        boolean[] result = new boolean[z.length];
        for (int i = 0; i < z.length; i++) {
            result[i] = z[i] >= from;
        }
        return result;
    }
}
