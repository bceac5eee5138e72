package org.sigmoidbook.toolkit.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class StatsTest {

    /** Values from numpy.quantile([7, 1, 3, 10, 4], q), the default linear method. */
    @Test
    void quantilesInterpolateLikeNumpy() {
        double[] values = {7, 1, 3, 10, 4};
        assertEquals(1.0, Stats.quantile(values, 0.0), 1e-12);
        assertEquals(1.8, Stats.quantile(values, 0.1), 1e-12);
        assertEquals(4.0, Stats.median(values), 1e-12);
        assertEquals(8.8, Stats.quantile(values, 0.9), 1e-12);
        assertEquals(10.0, Stats.quantile(values, 1.0), 1e-12);
        assertEquals(2.5, Stats.median(List.of(4.0, 1.0, 2.0, 3.0)), 1e-12);
    }

    @Test
    void leavesTheInputUnsortedAndRefusesNonsense() {
        double[] values = {3, 1, 2};
        Stats.median(values);
        assertEquals(3.0, values[0]);
        assertThrows(IllegalArgumentException.class, () -> Stats.median(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> Stats.quantile(values, 1.5));
    }
}
