package org.sigmoidbook.chapters.equation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class CalibrationTest {

    /** Five predictions worked out by hand. */
    @Test
    void binsAndExpectedCalibrationErrorByHand() {
        Calibration calibration = Calibration.of(new double[]{0.05, 0.15, 0.95, 0.92, 0.55}, new int[]{0, 1, 1, 1, 0}, 10);
        List<Calibration.Bin> bins = calibration.bins();
        assertEquals(10, bins.size());
        for (int b = 0; b < 10; b++) {
            assertEquals(b / 10.0, bins.get(b).binLower(), 1e-15, "bin " + b);
            assertEquals((b + 1) / 10.0, bins.get(b).binUpper(), 1e-15, "bin " + b);
        }
        assertEquals(1, bins.get(0).count());
        assertEquals(0.0, bins.get(0).observedFrequency());
        assertEquals(1.0, bins.get(1).observedFrequency());
        assertEquals(2, bins.get(9).count());
        assertEquals(0.935, bins.get(9).meanPredicted(), 1e-15);
        assertNull(bins.get(3).meanPredicted(), "empty bins have no mean");
        // (0.05 + 0.85 + 0.55) / 5 + 2/5 * 0.065
        assertEquals(0.316, calibration.expectedCalibrationError(), 1e-12);
    }

    @Test
    void probabilityOneFallsInTheLastBinAndPerfectPredictionsHaveNoError() {
        Calibration calibration = Calibration.of(new double[]{0.0, 1.0, 1.0}, new int[]{0, 1, 1}, 4);
        assertEquals(2, calibration.bins().get(3).count());
        assertEquals(0.0, calibration.expectedCalibrationError());
        assertEquals(4, calibration.bins().size());
        assertEquals(3, calibration.bins().stream().mapToInt(Calibration.Bin::count).sum());
    }

    /**
     * Each bin's Wilson 95% interval against the values Newcombe published for 15 of 148 and 0 of 20
     * ("Two-sided confidence intervals for the single proportion", Statistics in Medicine 17, 1998,
     * Table I): 0.0624–0.1605 and 0–0.1611.
     */
    @Test
    void binsCarryWilsonIntervalsAsPublished() {
        int n = 148 + 20;
        double[] predicted = new double[n];
        int[] outcomes = new int[n];
        for (int i = 0; i < n; i++) {
            predicted[i] = i < 148 ? 0.55 : 0.05;
            outcomes[i] = i < 15 ? 1 : 0;
        }
        List<Calibration.Bin> bins = Calibration.of(predicted, outcomes, 10).bins();
        Calibration.Bin middle = bins.get(5);
        assertEquals(15, middle.positives());
        assertEquals(0.0624, middle.wilsonLow(), 5e-5);
        assertEquals(0.1605, middle.wilsonHigh(), 5e-5);
        Calibration.Bin first = bins.get(0);
        assertEquals(0, first.positives());
        assertEquals(0.0, first.wilsonLow());
        assertEquals(0.1611, first.wilsonHigh(), 5e-5);
        assertNull(bins.get(3).wilsonLow(), "empty bins have no interval");
    }

    @Test
    void rejectsWhatIsNotAProbabilityOrAnOutcome() {
        assertThrows(IllegalArgumentException.class, () -> Calibration.of(new double[]{1.2}, new int[]{1}, 10));
        assertThrows(IllegalArgumentException.class, () -> Calibration.of(new double[]{Double.NaN}, new int[]{1}, 10));
        assertThrows(IllegalArgumentException.class, () -> Calibration.of(new double[]{0.5}, new int[]{2}, 10));
        assertThrows(IllegalArgumentException.class, () -> Calibration.of(new double[]{0.5, 0.5}, new int[]{1}, 10));
    }
}
