package org.sigmoidbook.chapters.implementation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.nd4j.linalg.api.buffer.DataType;
import org.sigmoidbook.BookTest;

/**
 * PyTorch's softplus against its documentation: "For numerical stability the implementation reverts
 * to the linear function when input × β > threshold", with β = 1 and threshold = 20 by default.
 */
class SoftplusThresholdTest {

    @BookTest
    void returnsItsInputFromTheFirstFloat64AboveTwenty() {
        assertEquals(Math.nextUp(20.0), SoftplusThreshold.returnsItsInputFrom(DataType.DOUBLE));
    }

    @BookTest
    void belowTheThresholdItIsTheExactValueAboveItZAndSlopeOne() {
        for (SoftplusThreshold.Point point : SoftplusThreshold.table(true)) {
            String where = point.dataType() + " z = " + point.z();
            if (point.z() > SoftplusThreshold.THRESHOLD) {
                assertEquals(point.z(), point.pytorch(), 0.0, where);
                assertEquals(1.0, point.pytorchGradient(), 0.0, where);
            } else {
                assertTrue(Ulps.between(point.pytorch(), point.exact(), point.dataType()) <= 2, where + ": " + point);
                assertTrue(Ulps.between(point.pytorchGradient(), point.exactGradient(), point.dataType()) <= 2, where + ": " + point);
            }
        }
    }
}
