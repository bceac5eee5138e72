package org.sigmoidbook.chapters.equation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.sigmoidbook.toolkit.numerics.ExactSigmoid;

/** The tie rule of the correctly rounded σ, against the 40-digit σ at the doubles where it would apply. */
class RoundingToOneTest {

    /**
     * σ(−z) = u/2 at z = ln(2/u − 1). σ(−z), rounded once to double, falls as z grows, and between two
     * neighbouring doubles there it steps from above u/2 to below it: no double z is a tie, so whether
     * a tie counts as 1 never changes an answer.
     */
    @Test
    void noDoubleLogitMakesSigmaOfMinusZExactlyHalfTheUnitRoundoff() {
        for (DataType type : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
            double half = RoundingToOne.unitRoundoff(type) / 2;
            double crossing = Math.log(2 / RoundingToOne.unitRoundoff(type) - 1);
            double z = crossing;
            for (int k = 0; k < 8; k++) {
                z = Math.nextDown(z);
            }
            int stepsOver = 0;
            for (int k = 0; k < 16; k++, z = Math.nextUp(z)) {
                assertNotEquals(half, ExactSigmoid.of(-z), type + ", z = " + z);
                stepsOver += ExactSigmoid.of(-z) > half && ExactSigmoid.of(-Math.nextUp(z)) < half ? 1 : 0;
            }
            assertEquals(1, stepsOver, type + ": the one step over u/2 is among the doubles checked");
        }
    }
}
