package org.sigmoidbook.chapters.saturation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sigmoidbook.QuickBook;
import org.sigmoidbook.toolkit.numerics.Sigmoid;
import tech.tablesaw.api.Table;

/** The floating-point tails: thresholds against closed forms and against walks one representable number at a time. */
@Tag("book")
class TailsTest {

    private static final String ID = "saturation";
    private static final double LN2 = Math.log(2);

    private static Table table(String name) {
        return QuickBook.book().table(ID, name + ".csv");
    }

    private static double threshold(String implementation, String quantity) {
        Table t = table("thresholds");
        Table row = t.where(t.stringColumn("implementation").isEqualTo(implementation)
                .and(t.stringColumn("quantity").isEqualTo(quantity)));
        assertEquals(1, row.rowCount(), implementation + " / " + quantity);
        return row.numberColumn("threshold_z").getDouble(0);
    }

    private static void assertNear(double expected, double z, boolean isFloat, String what) {
        double ulp = isFloat ? Math.ulp((float) z) : Math.ulp(z);
        assertEquals(expected, z, 2 * ulp, what);
    }

    /**
     * Every threshold against its closed form, computed here: the right tail at 24 ln 2 and 53 ln 2
     * (e^-z at half an ulp of 1); the naive form's left tail at -ln of the largest value (e^-z
     * overflows); the stable form's at ln of half the smallest subnormal (e^z rounds to 0).
     */
    @Test
    void everyThresholdSitsAtItsClosedForm() {
        String[] implementations = {"ND4J FLOAT", "ND4J DOUBLE", "Java float", "Java double",
                "Java float, stable form", "Java double, stable form"};
        for (String implementation : implementations) {
            boolean isFloat = implementation.contains("FLOAT") || implementation.contains("float");
            boolean stable = implementation.endsWith("stable form");
            double right = isFloat ? 24 * LN2 : 53 * LN2;
            double left = stable
                    ? Math.log(isFloat ? Float.MIN_VALUE : Double.MIN_VALUE) - LN2
                    : -Math.log(isFloat ? Float.MAX_VALUE : Double.MAX_VALUE);
            for (String quantity : new String[]{"sigma == 1 from z", "sigma' == 0 from z"}) {
                assertNear(right, threshold(implementation, quantity), isFloat, implementation + " / " + quantity);
            }
            for (String quantity : new String[]{"sigma == 0 up to z", "sigma' == 0 up to z"}) {
                assertNear(left, threshold(implementation, quantity), isFloat, implementation + " / " + quantity);
            }
        }
        assertEquals(-88.72, threshold("ND4J FLOAT", "sigma == 0 up to z"), 0.005);
        assertEquals(-709.78, threshold("ND4J DOUBLE", "sigma == 0 up to z"), 0.005);
        assertEquals(-103.97, threshold("Java float, stable form", "sigma == 0 up to z"), 0.005);
        assertEquals(-745.13, threshold("Java double, stable form", "sigma == 0 up to z"), 0.005);
    }

    private static float floatSigma(float z) {
        return 1f / (1f + (float) Math.exp(-z));
    }

    /** The naive float form, walked float by float: the first z with sigma = 1, and the last with sigma = 0. */
    @Test
    void naiveFloatThresholdsMatchAFloatByFloatWalk() {
        float z = 16f;
        while (floatSigma(z) != 1f) {
            z = Math.nextUp(z);
        }
        for (float after = z; after < z + 1; after = Math.nextUp(after)) {
            assertEquals(1f, floatSigma(after), "sigma must stay 1 above the threshold, at " + after);
        }
        assertEquals(z, threshold("Java float", "sigma == 1 from z"), 0.0);
        float s = floatSigma(z);
        assertEquals(0f, s * (1f - s), "sigma' from the output is 0 where sigma is 1");

        float left = -80f;
        while (floatSigma(left) != 0f) {
            left = Math.nextDown(left);
        }
        for (float below = left; below > left - 1; below = Math.nextDown(below)) {
            assertEquals(0f, floatSigma(below));
        }
        assertEquals(left, threshold("Java float", "sigma == 0 up to z"), 0.0);
    }

    /** The stable float form keeps returning subnormals below -88.72; walked down float by float to its first 0. */
    @Test
    void stableFloatFormReachesZeroOnlyWhereEToTheZRoundsToZero() {
        float z = -100f;
        while (Tails.stableFloat(z) != 0f) {
            assertTrue(Tails.stableFloat(z) < Float.MIN_NORMAL, "below -100 every value is subnormal: " + z);
            z = Math.nextDown(z);
        }
        assertEquals(z, threshold("Java float, stable form", "sigma == 0 up to z"), 0.0);
        assertEquals(Float.MIN_VALUE, Tails.stableFloat(Math.nextUp(z)), 0.0, "the last value before 0 is the smallest subnormal");
    }

    @Test
    void nd4jIsTheNaiveFormAndMatchesJavaToTheBit() {
        for (String quantity : new String[]{"sigma == 1 from z", "sigma == 0 up to z", "sigma' == 0 up to z"}) {
            assertEquals(threshold("Java float", quantity), threshold("ND4J FLOAT", quantity), 0.0, quantity);
            assertEquals(threshold("Java double", quantity), threshold("ND4J DOUBLE", quantity), 0.0, quantity);
        }
        INDArray between = Sigmoid.forward(Sigmoid.vector(DataType.FLOAT, Tails.BETWEEN_FLOAT_THRESHOLDS));
        assertEquals(0.0, between.getDouble(0), 0.0, "ND4J's FLOAT sigmoid at -95 is exactly 0: e^95 overflowed");
        double exact = Math.exp(Tails.BETWEEN_FLOAT_THRESHOLDS);
        assertEquals(exact, QuickBook.book().finding(ID, "sigma(-95) in FLOAT, exact"), exact * 1e-3);
        assertEquals(exact, QuickBook.book().finding(ID, "sigma(-95) in FLOAT, stable form"), exact * 0.01,
                "the stable form's subnormal carries about 2 significant digits there");
        assertEquals(0.0, QuickBook.book().finding(ID, "sigma(-95) in FLOAT, ND4J"), 0.0);
        // at z = -ln(FLT_MAX), sigma'(z) = e^z / (1 + e^z)^2 is e^z = 1 / FLT_MAX to many digits
        double largest = Float.MAX_VALUE;
        assertEquals(1 / largest, QuickBook.book().finding(ID, "exact sigma' where ND4J's FLOAT sigma becomes 0"), 0.01 / largest);
    }

    /** left-tail.csv: ND4J is 0 exactly from its threshold down, the stable form only from its own; the exact curve is e^z. */
    @Test
    void leftTailShowsBothFormsEndingAtTheirThresholds() {
        Table tail = table("left-tail");
        for (String type : new String[]{"FLOAT", "DOUBLE"}) {
            Table rows = tail.where(tail.stringColumn("data_type").isEqualTo(type));
            double overflow = threshold("ND4J " + type, "sigma == 0 up to z");
            double underflow = threshold(type.equals("FLOAT") ? "Java float, stable form" : "Java double, stable form", "sigma == 0 up to z");
            int zerosBetween = 0;
            for (int r = 0; r < rows.rowCount(); r++) {
                double z = rows.numberColumn("z").getDouble(r);
                double nd4j = rows.numberColumn("nd4j_sigma").getDouble(r);
                double stable = rows.numberColumn("stable_form_sigma").getDouble(r);
                assertEquals(z <= overflow, nd4j == 0, type + " ND4J at z = " + z);
                assertEquals(z <= underflow, stable == 0, type + " stable form at z = " + z);
                // for z this negative, ln sigma(z) = z - ln(1 + e^z) = z to double precision
                assertEquals(z / Math.log(10), rows.numberColumn("exact_log10_sigma").getDouble(r), 1e-12, "exact at " + z);
                zerosBetween += z > underflow && z <= overflow ? 1 : 0;
            }
            assertTrue(zerosBetween > 100, type + ": the grid must cover the stretch where only ND4J is 0");
        }
    }

    /** derivative-tail.csv: DL4J's sigma' equals the exact one where neither is tiny, and is exactly 0 beyond the thresholds. */
    @Test
    void derivativeCurvesFollowTheExactSlopeUntilTheyHitZero() {
        Table curves = table("derivative-tail");
        double floatLeft = threshold("ND4J FLOAT", "sigma' == 0 up to z");
        double floatRight = threshold("ND4J FLOAT", "sigma' == 0 from z");
        double doubleRight = threshold("ND4J DOUBLE", "sigma' == 0 from z");
        for (int r = 0; r < curves.rowCount(); r++) {
            double z = curves.numberColumn("z").getDouble(r);
            double e = Math.exp(-Math.abs(z));
            double exact = e / ((1 + e) * (1 + e));
            assertEquals(exact, curves.numberColumn("exact_sigma_prime").getDouble(r), exact * 1e-14, "exact at " + z);
            double flt = curves.numberColumn("dl4j_float_sigma_prime").getDouble(r);
            double dbl = curves.numberColumn("dl4j_double_sigma_prime").getDouble(r);
            assertEquals(z <= floatLeft || z >= floatRight, flt == 0, "FLOAT at z = " + z);
            assertEquals(z >= doubleRight, dbl == 0, "DOUBLE at z = " + z);
            if (Math.abs(z) < 5) {
                assertEquals(exact, flt, exact * 1e-4, "FLOAT at z = " + z);
                assertEquals(exact, dbl, exact * 1e-12, "DOUBLE at z = " + z);
            }
        }
        assertNotEquals(0, curves.rowCount());
    }
}
