package org.sigmoidbook.chapters.equation;

import java.util.function.DoublePredicate;

import org.nd4j.linalg.api.buffer.DataType;
import org.sigmoidbook.toolkit.numerics.ExactSigmoid;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/**
 * Where sigma(z), which is below 1 for every real z, becomes exactly 1 in floating point, two ways:
 * <ul>
 *   <li>ND4J's sigmoid computes 1 / (1 + e^-z); 1 + e^-z rounds to 1 once e^-z is at most the unit
 *       roundoff u (2^-24 in FLOAT, 2^-53 in DOUBLE), that is from about 24 ln 2 and 53 ln 2;</li>
 *   <li>a correctly rounded sigma, the true value rounded once to the nearest number of the type,
 *       is 1 only once 1 - sigma(z) = sigma(-z) is at most half the gap below 1, u / 2:
 *       from about 25 ln 2 and 54 ln 2.</li>
 * </ul>
 */
final class RoundingToOne {

    private RoundingToOne() {
    }

    /** The smallest z of the type at which ND4J's sigmoid returns exactly 1. */
    static double nd4j(DataType type) {
        return smallestZ(type, z -> Sigmoid.at(z, type) == 1.0);
    }

    /** The smallest z of the type at which the correctly rounded sigma is 1. */
    static double correctlyRounded(DataType type) {
        return smallestZ(type, z -> correctlyRoundedIsOne(z, type));
    }

    /**
     * Whether sigma(z), rounded to nearest (ties to even) in the type, is 1: the number just below 1 is
     * 1 - u, so sigma(z) rounds up to 1 when 1 - sigma(z) = sigma(-z) is at most u / 2 (at exactly u / 2
     * it is a tie, and 1 is the even neighbour). sigma(-z) is the 40-digit value, rounded once to double:
     * comparing it with a power of two is exact.
     */
    static boolean correctlyRoundedIsOne(double z, DataType type) {
        return ExactSigmoid.of(-z) <= unitRoundoff(type) / 2;
    }

    /** u: half the gap between 1 and the next larger number of the type, the largest relative error of rounding to nearest. */
    static double unitRoundoff(DataType type) {
        return (type == DataType.FLOAT ? Math.ulp(1.0f) : Math.ulp(1.0)) / 2;
    }

    /**
     * Bisection over the values the type can hold, for a property that is false at 0 and, once true,
     * stays true: the smallest value where it holds.
     */
    private static double smallestZ(DataType type, DoublePredicate holds) {
        double below = 0;
        double above = 64;
        while (true) {
            double middle = representable((below + above) / 2, type);
            if (middle <= below || middle >= above) {
                return above;
            }
            if (holds.test(middle)) {
                above = middle;
            } else {
                below = middle;
            }
        }
    }

    private static double representable(double value, DataType type) {
        return type == DataType.FLOAT ? (float) value : value;
    }
}
