package org.sigmoidbook.chapters.saturation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * sigma' in the right tail, computed two ways from ND4J's sigmoid: s (1 - s), whose 1 - s cancels,
 * and sigma(z) sigma(-z), which never subtracts; and where a correctly rounded sigma reaches 1.
 */
class TailsTest {

    private static final double LN2 = Math.log(2);
    private static final double U = 0x1p-24;

    /** The exact sigma'(z) = e^-z / (1 + e^-z)^2 to 30 digits, for z of either sign, by BigDecimal around Math.exp. */
    private static double exactSlope(double z) {
        MathContext digits = new MathContext(30);
        BigDecimal e = new BigDecimal(Math.exp(-Math.abs(z)));
        BigDecimal onePlus = BigDecimal.ONE.add(e);
        return e.divide(onePlus.multiply(onePlus), digits).doubleValue();
    }

    /**
     * Where s = ND4J's float sigma(z) is close to 1 it carries an absolute error of at most about
     * 1.5 u (rounding 1 + e^-z, then the division), and 1 - s is exact, so the relative error of
     * s (1 - s) is at most about 1.5 u / sigma(-z) = 1.5 u (1 + e^z): it grows like e^z. At z = 10 the
     * bound is 2.0e-3, and the error must also be far above u.
     */
    @Test
    void sOneMinusSLosesDigitsLikeUTimesEToTheZ() {
        for (double z : new double[]{5, 10, 15}) {
            double error = Tails.relativeError(Tails.dl4jSlope(DataType.FLOAT, z), exactSlope(z));
            double bound = 1.5 * U * (1 + Math.exp(z));
            assertTrue(error <= bound, "z = " + z + ": " + error + " above " + bound);
        }
        assertTrue(Tails.relativeError(Tails.dl4jSlope(DataType.FLOAT, 15), exactSlope(15)) > 1000 * U);
        assertEquals(0.0, Tails.dl4jSlope(DataType.FLOAT, 17), 0.0, "s is exactly 1 beyond 24 ln 2");
    }

    /**
     * sigma(z) sigma(-z) in float: each factor comes from an exp, an addition and a division, each
     * rounded, and the product is rounded once more, so while sigma(-z) is a normal float
     * (z < 126 ln 2) its relative error stays within a few u; the bound here is 8 u. Checked at the
     * float z of a fine grid, against the exact value at that same z.
     */
    @Test
    void sigmaTimesSigmaOfMinusZStaysWithinAFewUnitRoundoffs() {
        double worst = 0;
        for (double grid = 0; grid < 126 * LN2; grid += 0.05) {
            double z = (float) grid;
            double computed = Tails.productSlopes(DataType.FLOAT, new double[]{z})[0];
            worst = Math.max(worst, Tails.relativeError(computed, exactSlope(z)));
        }
        assertTrue(worst < 8 * U, "largest relative error " + worst + " = " + worst / U + " u");
    }

    /** The product is 0 only where ND4J's sigma(-z) = 1 / (1 + e^z) is 0: once e^z overflows, at ln(FLT_MAX) = 88.72. */
    @Test
    void sigmaTimesSigmaOfMinusZIsZeroOnlyFromWhereEToTheZOverflows() {
        double overflow = Math.log(Float.MAX_VALUE);
        double from = Representable.firstTrue(DataType.FLOAT, 0, 200,
                z -> Tails.productSlopes(DataType.FLOAT, new double[]{z})[0] == 0);
        assertEquals(overflow, from, 2 * Math.ulp((float) overflow));
        assertTrue(Tails.productSlopes(DataType.FLOAT, new double[]{Math.nextDown((float) from)})[0] > 0);
    }

    /**
     * A correctly rounded float sigma(z) is 1 once 1 - sigma(z) is at most 2^-25, half the spacing of
     * the floats just below 1: from about 25 ln 2 = 17.33, one ln 2 after the formula's 24 ln 2. The
     * threshold agrees with rounding the double sigma to float, float by float around it.
     */
    @Test
    void aCorrectlyRoundedSigmaReachesOneAtTwentyFiveLnTwo() {
        double threshold = Tails.correctlyRoundedOneFrom(DataType.FLOAT);
        assertEquals(25 * LN2, threshold, 2 * Math.ulp((float) threshold));
        assertEquals(1f, (float) exactSigma(threshold), 0f);
        assertTrue((float) exactSigma(Math.nextDown((float) threshold)) < 1f);
        assertEquals(54 * LN2, Tails.correctlyRoundedOneFrom(DataType.DOUBLE), 1e-12);
        assertEquals(24 * LN2, Tails.FLOAT_ROUNDS_TO_ONE, 0.0);
    }

    private static double exactSigma(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
