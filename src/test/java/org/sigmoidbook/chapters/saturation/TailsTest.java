package org.sigmoidbook.chapters.saturation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

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
        // no tie: the sigma(-z) searched is strictly below half the spacing at the threshold, strictly above it one value before
        assertTrue(Sigmoid.of(-threshold) < 0x1p-25 && Sigmoid.of(-Math.nextDown((float) threshold)) > 0x1p-25);
        double inDouble = Tails.correctlyRoundedOneFrom(DataType.DOUBLE);
        assertTrue(Sigmoid.of(-inDouble) < 0x1p-54 && Sigmoid.of(-Math.nextDown(inDouble)) > 0x1p-54);
        assertEquals(24 * LN2, Tails.FLOAT_ROUNDS_TO_ONE, 0.0);
    }

    private static double exactSigma(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** The closed forms, in terms of the types' constants: where each form's sigma and sigma' switch. */
    private static final double FLOAT_ONE = 24 * LN2;
    private static final double DOUBLE_ONE = 53 * LN2;
    private static final double FLOAT_EXP_OVERFLOWS = Math.log(Float.MAX_VALUE);
    private static final double DOUBLE_EXP_OVERFLOWS = Math.log(Double.MAX_VALUE);

    /**
     * Each implementation's four switching points, found by bisection over the representable z,
     * against the closed forms: sigma is 1 from the z where e^-z drops to half an ulp of 1, and the
     * naive forms give 0 up to -ln(largest value), where e^-z overflows, the stable forms up to
     * ln(half the smallest subnormal). Within a few ulps of z: exp, and ND4J's, are rounded.
     */
    @Test
    void everyThresholdLiesAtItsClosedForm() {
        List<Tails.Threshold> rows = Tails.thresholds();
        assertEquals(8 * 4, rows.size());
        Map<String, double[]> expected = new LinkedHashMap<>();
        // sigma == 1 from, sigma' == 0 from, sigma == 0 up to, sigma' == 0 up to
        expected.put("ND4J FLOAT", new double[]{FLOAT_ONE, FLOAT_ONE, -FLOAT_EXP_OVERFLOWS, -FLOAT_EXP_OVERFLOWS});
        expected.put("ND4J DOUBLE", new double[]{DOUBLE_ONE, DOUBLE_ONE, -DOUBLE_EXP_OVERFLOWS, -DOUBLE_EXP_OVERFLOWS});
        expected.put("ND4J FLOAT, sigma(z) sigma(-z)", new double[]{FLOAT_ONE, FLOAT_EXP_OVERFLOWS, -FLOAT_EXP_OVERFLOWS, -FLOAT_EXP_OVERFLOWS});
        expected.put("ND4J DOUBLE, sigma(z) sigma(-z)", new double[]{DOUBLE_ONE, DOUBLE_EXP_OVERFLOWS, -DOUBLE_EXP_OVERFLOWS, -DOUBLE_EXP_OVERFLOWS});
        expected.put("Java float", new double[]{FLOAT_ONE, FLOAT_ONE, -FLOAT_EXP_OVERFLOWS, -FLOAT_EXP_OVERFLOWS});
        expected.put("Java double", new double[]{DOUBLE_ONE, DOUBLE_ONE, -DOUBLE_EXP_OVERFLOWS, -DOUBLE_EXP_OVERFLOWS});
        expected.put("Java double, stable form", new double[]{DOUBLE_ONE, DOUBLE_ONE, -1075 * LN2, -1075 * LN2});
        expected.put("Java float, stable form", new double[]{FLOAT_ONE, FLOAT_ONE, -150 * LN2, -150 * LN2});
        String[] quantities = {"sigma == 1 from z", "sigma' == 0 from z", "sigma == 0 up to z", "sigma' == 0 up to z"};
        for (Map.Entry<String, double[]> implementation : expected.entrySet()) {
            for (int q = 0; q < quantities.length; q++) {
                double closedForm = implementation.getValue()[q];
                double z = Tails.thresholdZ(rows, implementation.getKey(), quantities[q]);
                boolean isFloat = implementation.getKey().contains("FLOAT") || implementation.getKey().contains("float");
                double ulps = 4 * (isFloat ? Math.ulp((float) closedForm) : Math.ulp(closedForm));
                String quantity = quantities[q];
                String where = implementation.getKey() + ", " + quantity;
                assertEquals(closedForm, z, ulps, where);
                Tails.Threshold row = rows.stream().filter(r -> r.implementation().equals(implementation.getKey())
                        && r.quantity().equals(quantity)).findFirst().orElseThrow();
                assertEquals(closedForm, row.closedFormZ(), ulps, where + ": the closed form on the row");
                assertEquals(isFloat ? DataType.FLOAT : DataType.DOUBLE, row.dataType(), where);
                assertEquals(exactSlope(z), row.exactSigmaPrimeThere(), 1e-12 * exactSlope(z), where);
            }
        }
        assertTrue(Tails.nd4jIsTheNaiveForm(rows), "ND4J switches where the naive Java form does, in both types");
    }

    @Test
    void aThresholdIsLookedUpByImplementationAndQuantity() {
        Tails.Threshold a = new Tails.Threshold("ND4J FLOAT", DataType.FLOAT, "", "sigma == 1 from z", 16.6, 16.6, 0);
        Tails.Threshold b = new Tails.Threshold("Java float", DataType.FLOAT, "", "sigma == 1 from z", 16.7, 16.6, 0);
        assertEquals(16.7, Tails.thresholdZ(List.of(a, b), "Java float", "sigma == 1 from z"));
        assertThrows(IllegalStateException.class, () -> Tails.thresholdZ(List.of(a, b), "Java float", "sigma == 0 up to z"));
        assertThrows(IllegalStateException.class, () -> Tails.thresholdZ(List.of(b, b), "Java float", "sigma == 1 from z"));
        assertFalse(Tails.nd4jIsTheNaiveForm(List.of(a, b)), "16.6 against 16.7");
        Tails.Threshold same = new Tails.Threshold("Java float", DataType.FLOAT, "", "sigma == 1 from z", 16.6, 16.6, 0);
        assertTrue(Tails.nd4jIsTheNaiveForm(List.of(a, same)));
        Tails.Threshold otherQuantity = new Tails.Threshold("Java float", DataType.FLOAT, "", "sigma == 0 up to z", 16.6, 16.6, 0);
        assertFalse(Tails.nd4jIsTheNaiveForm(List.of(a, otherQuantity)));
        Tails.Threshold otherType = new Tails.Threshold("Java double", DataType.DOUBLE, "", "sigma == 1 from z", 16.6, 16.6, 0);
        assertFalse(Tails.nd4jIsTheNaiveForm(List.of(a, otherType)));
        Tails.Threshold doubleRow = new Tails.Threshold("ND4J DOUBLE", DataType.DOUBLE, "", "sigma == 1 from z", 36.7, 36.7, 0);
        assertFalse(Tails.nd4jIsTheNaiveForm(List.of(doubleRow, same)));
        assertTrue(Tails.nd4jIsTheNaiveForm(List.of(doubleRow,
                new Tails.Threshold("Java double", DataType.DOUBLE, "", "sigma == 1 from z", 36.7, 36.7, 0))));
    }

    /** Every implementation gives sigma(0) = 1/2 and sigma'(0) = 1/4, and sigma(±2) and sigma'(2) to its type's precision. */
    @Test
    void everyImplementationComputesTheSigmoidInTheMiddle() {
        List<Tails.Implementation> implementations = Tails.implementations();
        assertEquals(8, implementations.size());
        for (Tails.Implementation implementation : implementations) {
            double tolerance = implementation.type() == DataType.FLOAT ? 4 * U : 1e-15;
            String name = implementation.name();
            assertEquals(0.5, implementation.sigma().applyAsDouble(0), 0.0, name);
            assertEquals(0.25, implementation.slope().applyAsDouble(0), 0.0, name);
            for (double z : new double[]{-2, 2}) {
                assertEquals(exactSigma(z), implementation.sigma().applyAsDouble(z), tolerance, name + " at " + z);
            }
            assertEquals(exactSlope(2), implementation.slope().applyAsDouble(2), 4 * tolerance, name);
            assertEquals(exactSlope(-2), implementation.slope().applyAsDouble(-2), 4 * tolerance, name);
        }
    }

    /**
     * The table derivative-tail.csv: 1,001 float z from -100 to 100; the exact column is
     * e^-|z| / (1 + e^-|z|)^2; s (1 - s) in float is 0 past 24 ln 2 (and below -ln of the largest
     * float), while the product form is not;
     * the largest relative error up to z = 10 is that of the worst point, at most 1.5 u (1 + e^10).
     */
    @Test
    void theDerivativeTableComparesThreeFormsWithTheExactSlope() {
        List<Tails.DerivativePoint> points = Tails.derivativeCurves();
        assertEquals(1001, points.size());
        assertEquals(-100, points.get(0).z(), 0.0);
        assertEquals(100, points.get(1000).z(), 0.0);
        double worstUpToTen = 0;
        for (int i = 0; i < points.size(); i++) {
            Tails.DerivativePoint point = points.get(i);
            double z = point.z();
            assertEquals((float) (-100 + 0.2 * i), z, 1e-5, "the grid, as float holds it");
            double exact = Math.exp(-Math.abs(z)) / Math.pow(1 + Math.exp(-Math.abs(z)), 2);
            assertEquals(exact, point.exactSigmaPrime(), 1e-14 * exact);
            if (z > 17 || z < -FLOAT_EXP_OVERFLOWS) {
                assertEquals(0.0, point.dl4jFloatSigmaPrime(), 0.0, "1 - s or s is 0 at " + z);
            }
            if (Math.abs(z) < 80) {
                assertEquals(exact, point.productFloatSigmaPrime(), 8 * U * exact, "at " + z);
                assertEquals(exact, point.dl4jDoubleSigmaPrime(), 4 * 0x1p-53 * (1 + Math.exp(Math.abs(z))) * exact, "at " + z);
            }
            if (z >= 0 && z <= 10) {
                worstUpToTen = Math.max(worstUpToTen, Math.abs(point.dl4jFloatSigmaPrime() - exact) / exact);
            }
        }
        assertEquals(worstUpToTen, Tails.largestRelativeError(points, Tails.DerivativePoint::dl4jFloatSigmaPrime, 10), 0.0);
        assertTrue(worstUpToTen > 100 * U && worstUpToTen < 1.5 * U * (1 + Math.exp(10)), "worst " + worstUpToTen);
    }

    /**
     * The table left-tail.csv: 301 float z over [-110, -80] and 301 double z over [-760, -700]. ND4J
     * gives 0 up to -ln(largest value), the stable form only up to ln(half the smallest
     * subnormal); where either is positive it is sigma(z) = e^z / (1 + e^z) to the precision the
     * subnormals leave, and log10 sigma(z) = (z - ln(1 + e^z)) / ln 10, here z / ln 10 to 1e-30.
     */
    @Test
    void theLeftTailTableHasTheNaiveFormGiveUpFirst() {
        List<Tails.LeftTailPoint> points = Tails.leftTail();
        assertEquals(602, points.size());
        for (int i = 0; i < points.size(); i++) {
            Tails.LeftTailPoint point = points.get(i);
            boolean isFloat = i < 301;
            assertEquals(isFloat ? DataType.FLOAT : DataType.DOUBLE, point.dataType());
            double z = point.z();
            double grid = isFloat ? -110 + 0.1 * i : -760 + 0.2 * (i - 301);
            assertEquals(isFloat ? (float) grid : grid, z, 1e-9, "the grid");
            assertEquals(z / Math.log(10), point.exactLog10Sigma(), 1e-12);
            double naiveZeroUpTo = isFloat ? -FLOAT_EXP_OVERFLOWS : -DOUBLE_EXP_OVERFLOWS;
            double stableZeroUpTo = (isFloat ? -150 : -1075) * LN2;
            assertEquals(z <= naiveZeroUpTo, point.nd4jSigma() == 0, "ND4J at " + z);
            assertEquals(z <= stableZeroUpTo, point.stableFormSigma() == 0, "stable form at " + z);
            double smallest = isFloat ? Float.MIN_VALUE : Double.MIN_VALUE;
            for (double computed : new double[]{point.nd4jSigma(), point.stableFormSigma()}) {
                if (computed > 0) {
                    double exact = Math.exp(z);
                    assertEquals(exact, computed, Math.max(smallest, 8 * (isFloat ? U : 0x1p-53) * exact), "at " + z);
                }
            }
        }
    }

    /** The float forms by hand: the naive one overflows to 0 at -95, the stable one does not; both agree for z >= 0. */
    @Test
    void theFloatFormsPartBetweenTheLeftThresholds() {
        assertEquals(0f, Tails.naiveFloat(Tails.BETWEEN_FLOAT_THRESHOLDS), 0f);
        assertEquals(Math.exp(-95), Tails.stableFloat(-95), 2 * Float.MIN_VALUE);
        assertEquals(1 / (1 + Math.exp(-3)), Tails.stableFloat(3), 2 * U);
        assertEquals(1 / (1 + Math.exp(3)), Tails.stableFloat(-3), 2 * U);
        assertEquals(0.5f, Tails.stableFloat(0), 0f);
        assertEquals(0.0, Tails.naiveDouble(-710), 0.0);
        assertEquals(1 / (1 + Math.exp(3)), Tails.naiveDouble(-3), 1e-16);
        assertEquals(-95 / Math.log(10), Tails.exactLog10Sigma(-95), 1e-12);
        assertEquals(Math.log10(1 / (1 + Math.exp(2))), Tails.exactLog10Sigma(-2), 1e-15);
        assertEquals(0.5, Tails.relativeError(3, 2), 0.0);
    }

    /** The largest relative error over 0 <= z <= upTo, both ends included, on rows written by hand. */
    @Test
    void theLargestRelativeErrorIncludesBothEndsOfTheRange() {
        List<Tails.DerivativePoint> largestAtZero = List.of(point(-1, 10), point(0, 1.5), point(0.5, 1.1), point(1, 1.2), point(2, 10));
        assertEquals(0.5, Tails.largestRelativeError(largestAtZero, Tails.DerivativePoint::dl4jFloatSigmaPrime, 1), 1e-15);
        List<Tails.DerivativePoint> largestAtTheEnd = List.of(point(0, 1.1), point(1, 1.3), point(2, 10));
        assertEquals(0.3, Tails.largestRelativeError(largestAtTheEnd, Tails.DerivativePoint::dl4jFloatSigmaPrime, 1), 1e-15);
    }

    /** A row whose exact sigma' is 1 and whose float column is {@code computed}. */
    private static Tails.DerivativePoint point(double z, double computed) {
        return new Tails.DerivativePoint(z, 1, computed, Double.NaN, Double.NaN);
    }
}
