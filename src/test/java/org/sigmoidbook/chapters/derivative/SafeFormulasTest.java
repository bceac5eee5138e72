package org.sigmoidbook.chapters.derivative;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.sigmoidbook.book.Rows;
import org.sigmoidbook.chapters.derivative.SafeFormulas.FormulaRange;

/**
 * The safe-formulas table at the chapter's full grid (steps of 1/4), against where each formula must
 * fail by the arithmetic of the type: u = 2^-24 (float32) or 2^-53 (float64) is the unit roundoff,
 * ND4J's sigma is 1 / (1 + e^-z), e^z overflows past ln of the largest number, and values below the
 * smallest subnormal round to 0.
 */
class SafeFormulasTest {

    /** The grid's step up to |z| = 128, and beyond. */
    private static final double STEP = 0.25;
    private static final double COARSE_STEP = 1;
    private static final double U32 = Math.ulp(1.0f) / 2;
    private static final double U64 = Math.ulp(1.0) / 2;
    private static final double OVERFLOW32 = Math.log(Float.MAX_VALUE);
    private static final double OVERFLOW64 = Math.log(Double.MAX_VALUE);
    private static final double LN2 = Math.log(2);

    /** Measured in each test that reads it: PIT credits what a @BeforeAll runs to one test only. */
    private static List<FormulaRange> table() {
        return SafeFormulas.measure(4);
    }

    private static FormulaRange row(List<FormulaRange> table, String formula) {
        return table.stream().filter(r -> r.formula().equals(formula)).findFirst().orElseThrow(() -> new AssertionError(formula));
    }

    @Test
    void tableHasTheAgreedColumnsAndARowPerFormula() {
        List<FormulaRange> table = table();
        assertEquals(List.of("quantity", "formula", "float32_from", "float32_to", "float64_from", "float64_to"), Rows.columns(FormulaRange.class));
        assertEquals(SafeFormulas.Formula.values().length, table.size());
        assertEquals(8, table.size());
    }

    /** Every bound below, on a table of the chapter's full grid: this one, or the committed one. */
    static void assertRangesFollowTheArithmetic(List<FormulaRange> table) {
        textbookFormulasFailWhereOneMinusSigmaCancels(table);
        sigmaOfMinusZAndTheProductLastUntilExpOverflows(table);
        formulasFromTheLogitLastUntilTheSubnormalsRunOut(table);
        textbookCrossEntropyFailsOnBothSides(table);
    }

    @Test
    void rangesFollowTheArithmeticOfEachType() {
        assertRangesFollowTheArithmetic(table());
    }

    /**
     * 1 - s, with s within an ulp of sigma below 1 (at most u), is off by at most u in absolute terms,
     * so by at most 1% while e^-z >= 100 u; and once ND4J's s is 1 (from 24 ln 2, 53 ln 2) the result
     * is 0. s (1 - s) and log s lose the same digits; log(0) and 0 are where s underflows, past -ln(max).
     */
    private static void textbookFormulasFailWhereOneMinusSigmaCancels(List<FormulaRange> table) {
        for (String formula : List.of("1 − σ(z)", "σ(z)(1 − σ(z))", "log(σ(z))")) {
            FormulaRange row = row(table, formula);
            assertBetween(Math.log(0.01 / U32), 24 * LN2, row.float32To(), formula + " float32");
            assertBetween(Math.log(0.01 / U64), 53 * LN2, row.float64To(), formula + " float64");
        }
        assertEquals(-1000, row(table, "1 − σ(z)").float32From(), "1 - sigma(z) is 1 - 0 for very negative z");
        for (String formula : List.of("σ(z)(1 − σ(z))", "log(σ(z))")) {
            assertBetween(-OVERFLOW32, -OVERFLOW32 + STEP, row(table, formula).float32From(), formula + " float32, where sigma underflows");
            assertBetween(-OVERFLOW64, -OVERFLOW64 + COARSE_STEP, row(table, formula).float64From(), formula + " float64, where sigma underflows");
        }
    }

    /** sigma(-z) and sigma(z) sigma(-z) are accurate until ND4J's e^|z| overflows and sigma of the far side is 0. */
    private static void sigmaOfMinusZAndTheProductLastUntilExpOverflows(List<FormulaRange> table) {
        FormulaRange oneMinus = row(table, "σ(−z)");
        assertEquals(-1000, oneMinus.float32From());
        assertEquals(-1000, oneMinus.float64From());
        FormulaRange product = row(table, "σ(z)σ(−z)");
        for (FormulaRange row : List.of(oneMinus, product)) {
            assertBetween(OVERFLOW32 - STEP, OVERFLOW32, row.float32To(), row.formula() + " float32");
            assertBetween(OVERFLOW64 - COARSE_STEP, OVERFLOW64, row.float64To(), row.formula() + " float64");
        }
        assertEquals(-product.float32To(), product.float32From());
        assertEquals(-product.float64To(), product.float64From());
    }

    /**
     * From the logit, log sigma and the cross-entropy are accurate until the value they should give is
     * a subnormal too small to hold to 1%: a subnormal float32 is a multiple of 2^-149, so rounding is
     * within 1% while e^-|z| >= 50 2^-149 (|z| <= 149 ln 2 - ln 50), and gives 0 below 2^-150. Past
     * the normal numbers, -ln(2^-126), is where the page says they end in float32.
     */
    private static void formulasFromTheLogitLastUntilTheSubnormalsRunOut(List<FormulaRange> table) {
        double surelyAccurate = 149 * LN2 - Math.log(50);
        FormulaRange logSigma = row(table, "−softplus(−z)");
        FormulaRange crossEntropy = row(table, "max(z, 0) + log1p(e^−|z|), from the logit");
        assertEquals(-1000, logSigma.float32From());
        assertEquals(1000, crossEntropy.float32To());
        assertBetween(surelyAccurate - STEP, 150 * LN2, logSigma.float32To(), "log sigma float32");
        assertBetween(-150 * LN2, -surelyAccurate + STEP, crossEntropy.float32From(), "cross-entropy float32");
        assertTrue(logSigma.float32To() > -Math.log(Float.MIN_NORMAL), "float32 log sigma ends among the subnormals");
        for (FormulaRange row : List.of(logSigma, crossEntropy)) {
            assertTrue(row.float64From() <= Math.log(Double.MIN_NORMAL) && row.float64To() >= -Math.log(Double.MIN_NORMAL),
                    row.formula() + " float64 at least over the normal numbers: " + row);
        }
    }

    /**
     * -log(1 - sigma(z)): infinite once ND4J's sigma is 1; for z < 0, 1 - sigma(z) is rounded next to 1,
     * an absolute error of at most u/2 on a loss of about e^z: within 1% while e^z >= 50 u, and 0 once
     * sigma(z) < u/2.
     */
    private static void textbookCrossEntropyFailsOnBothSides(List<FormulaRange> table) {
        FormulaRange row = row(table, "−log(1 − σ(z))");
        assertBetween(12, 24 * LN2, row.float32To(), "float32, right");
        assertBetween(Math.log(U32 / 2), Math.log(50 * U32) + STEP, row.float32From(), "float32, left");
        assertBetween(Math.log(U64 / 2), Math.log(50 * U64) + STEP, row.float64From(), "float64, left");
        assertBetween(30, 53 * LN2, row.float64To(), "float64, right");
    }

    @Test
    void rangesAreWrittenWithEveryDigitOfTheGridPoint() {
        assertEquals("−88.5 to 12.25", SafeFormulas.range(-88.5, 12.25));
        assertEquals("−1000 to 709", SafeFormulas.range(-1000, 709));
        assertEquals("0 to 0", SafeFormulas.range(0, 0));
    }

    @Test
    void accurateMeansWithinOnePercentAndNeverNaN() {
        assertTrue(SafeFormulas.accurate(1.0099, 1));
        assertFalse(SafeFormulas.accurate(1.0101, 1));
        assertTrue(SafeFormulas.accurate(0, 0));
        assertFalse(SafeFormulas.accurate(1e-300, 0));
        assertFalse(SafeFormulas.accurate(Double.NaN, 1));
        assertFalse(SafeFormulas.accurate(Double.NEGATIVE_INFINITY, -100));
        // Exactly 1% off is accurate: 0.01 × 100 rounds to 1.0, which is |101 − 100|.
        assertTrue(SafeFormulas.accurate(101, 100));
        assertFalse(SafeFormulas.accurate(102, 100));
        assertTrue(SafeFormulas.accurate(-0.5, -0.499));
    }

    @Test
    void gridIsFineToOneHundredAndTwentyEightThenStepsByOneToAThousand() {
        double[] z = SafeFormulas.grid(4);
        assertEquals(2 * (128 * 4 + 872) + 1, z.length);
        assertEquals(-1000, z[0]);
        assertEquals(1000, z[z.length - 1]);
        assertEquals(0, z[z.length / 2]);
        for (int i = 1; i < z.length; i++) {
            double step = z[i] - z[i - 1];
            assertEquals(Math.abs(z[i]) <= 128 && Math.abs(z[i - 1]) <= 128 ? 0.25 : 1, step, "at " + z[i]);
            assertEquals(0.0, z[i] + z[z.length - 1 - i], "symmetric at " + z[i]);
        }
        assertArrayEquals(IntStream.rangeClosed(-1000, 1000).asDoubleStream().toArray(), SafeFormulas.grid(1), "one step per unit: the whole numbers");
        assertThrows(IllegalArgumentException.class, () -> SafeFormulas.grid(0));
        assertThrows(IllegalArgumentException.class, () -> SafeFormulas.grid(3));
    }

    @Test
    void rangeStopsAtTheFirstInaccuratePointOnEachSide() {
        double[] z = {-3, -2, -1, 0, 1, 2, 3};
        double[] exact = {1, 1, 1, 1, 1, 1, 1};
        double[] computed = {1, 2, 1, 1, 1, 1, Double.NaN};
        double[] range = SafeFormulas.range(z, computed, exact);
        assertEquals(-1, range[0]);
        assertEquals(2, range[1]);
    }

    /** Each point is compared with its own exact value, here a different one at every point, out to the ends of the grid. */
    @Test
    void rangeComparesEachPointWithItsOwnExactValue() {
        double[] z = {-3, -2, -1, 0, 1, 2, 3};
        double[] exact = {1, 2, 4, 8, 16, 32, 64};
        assertArrayEquals(new double[]{-3, 3}, SafeFormulas.range(z, exact.clone(), exact), "accurate everywhere");
        double[] computed = {1, 2.5, 4, 8, 16, 32, 0};
        assertArrayEquals(new double[]{-1, 2}, SafeFormulas.range(z, computed, exact));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SafeFormulas.range(z, new double[]{1, 2, 4, 9, 16, 32, 64}, exact));
        assertTrue(e.getMessage().contains("inaccurate at z = 0"), e.getMessage());
    }

    private static void assertBetween(double low, double high, double actual, String what) {
        assertTrue(actual >= low && actual <= high, what + ": " + actual + " not in [" + low + ", " + high + "]");
    }
}
