package org.sigmoidbook.chapters.derivative;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.sigmoidbook.BookTest;
import org.sigmoidbook.ChapterData;
import org.sigmoidbook.QuickBook;
import org.sigmoidbook.chapters.derivative.DerivativeChapter.CheckPoint;
import org.sigmoidbook.chapters.derivative.DerivativeChapter.Method;

/** Chapter 2's tables and findings in the shared quick run, against closed forms and error bounds. */
class DerivativeQuickRunTest {

    private static final double FLOAT_EPS = Math.ulp(1.0f);
    private static final double DOUBLE_EPS = Math.ulp(1.0);

    private static ChapterData run() {
        return QuickBook.chapter("derivative");
    }

    private static double finding(String name) {
        return run().finding(name);
    }

    private static List<CheckPoint> check() {
        return run().rows("derivative-check", CheckPoint.class);
    }

    private static double[] z(List<CheckPoint> check) {
        return check.stream().mapToDouble(CheckPoint::z).toArray();
    }

    private static double[] exact(List<CheckPoint> check) {
        return check.stream().mapToDouble(CheckPoint::exact).toArray();
    }

    private static double[] errors(List<CheckPoint> check, Method method, DataType type) {
        return check.stream().mapToDouble(point -> point.absError(method, type)).toArray();
    }

    private static double eps(DataType type) {
        return type == DataType.FLOAT ? FLOAT_EPS : DOUBLE_EPS;
    }

    /** The reference column against the closed form e^-|z| / (1 + e^-|z|)^2 in plain double arithmetic. */
    @BookTest
    void referenceColumnIsTheClosedForm() {
        List<CheckPoint> check = check();
        assertEquals(2 * 20 * DerivativeChapter.STEPS_PER_UNIT + 1, check.size());
        double[] z = z(check);
        double[] exact = exact(check);
        assertArrayEquals(DerivativeChapter.grid(), z);
        for (int i = 0; i < z.length; i++) {
            double t = Math.exp(-Math.abs(z[i]));
            assertEquals(t / ((1 + t) * (1 + t)), exact[i], 4 * Math.ulp(exact[i]), "z = " + z[i]);
        }
    }

    /**
     * sigma' = sigma (1 - sigma) from outputs, by ND4J's op and by SameDiff: the absolute error is a few
     * units in the last place of sigma (below 1), so at most 2 eps; where z <= 0 nothing cancels and the
     * relative error is at most 4 eps too.
     */
    @BookTest
    void analyticDerivativesHoldWithinFloatAndDoubleTolerances() {
        List<CheckPoint> check = check();
        double[] z = z(check);
        double[] exact = exact(check);
        for (DataType type : DerivativeChapter.TYPES) {
            for (Method method : new Method[]{Method.FROM_OUTPUT, Method.ND4J_OP, Method.AUTODIFF}) {
                double[] error = errors(check, method, type);
                for (int i = 0; i < z.length; i++) {
                    assertTrue(error[i] <= 2 * eps(type), type + " " + method + " at z = " + z[i] + ": " + error[i]);
                    if (z[i] <= 0) {
                        assertTrue(error[i] <= 4 * eps(type) * exact[i], type + " " + method + " relative at z = " + z[i]);
                    }
                }
            }
        }
    }

    /**
     * Relative error of s(1 - s): s carries a rounding error of about eps, and 1 - s is exact for
     * s >= 1/2 (Sterbenz), so the error relative to 1 - sigma, which is about e^-z, is about eps e^z:
     * at most 4 eps (1 + e^z) however the last bits fall, and exactly 100% where the result is 0.
     */
    @BookTest
    void relativeErrorOfTheAnalyticRoutesGrowsLikeEpsTimesEToTheZ() {
        List<CheckPoint> check = check();
        double[] z = z(check);
        double[] exact = exact(check);
        for (DataType type : DerivativeChapter.TYPES) {
            double[] error = errors(check, Method.FROM_OUTPUT, type);
            double worst = 0;
            for (int i = 0; i < z.length; i++) {
                double relative = error[i] / exact[i];
                worst = Math.max(worst, relative);
                assertTrue(relative <= Math.min(1, 4 * eps(type) * (1 + Math.exp(z[i]))),
                        type + " relative error " + relative + " at z = " + z[i]);
            }
            assertEquals(worst, finding("max relative error " + type + " σ(1 − σ) from forward outputs"), 0.01 * worst);
        }
        assertEquals(1.0, finding("max relative error FLOAT σ(1 − σ) from forward outputs"), "the FLOAT tail returns 0: 100%");
        double doubleAtTwenty = 4 * DOUBLE_EPS * Math.exp(20);
        assertTrue(finding("max relative error DOUBLE σ(1 − σ) from forward outputs") < doubleAtTwenty);
    }

    /**
     * sigma(z) sigma(-z): each factor within a few ulps of the 40-digit sigma, so the product's relative
     * error is a few eps at every z of the grid, where s(1 - s) reaches 100%.
     */
    @BookTest
    void productOfSigmaAndSigmaOfMinusZKeepsItsDigitsEverywhere() {
        List<CheckPoint> check = check();
        double[] z = z(check);
        double[] exact = exact(check);
        for (DataType type : DerivativeChapter.TYPES) {
            double[] error = errors(check, Method.PRODUCT, type);
            double worst = 0;
            for (int i = 0; i < z.length; i++) {
                double relative = error[i] / exact[i];
                worst = Math.max(worst, relative);
                assertTrue(relative <= 4 * eps(type), type + " sigma(z) sigma(-z) at z = " + z[i] + ": " + relative);
            }
            assertEquals(worst, finding("max relative error " + type + " σ(z)σ(−z) from two forward passes"), 0.01 * worst);
        }
    }

    /** The tanh identity and rewrite to float64 rounding; the series errors at |z| = 1, below the next terms. */
    @BookTest
    void tanhFormAndSeriesFindings() {
        assertTrue(finding("max |(1 + tanh(z/2))/2 - sigma(z)| over the grid, DOUBLE") <= 2 * DOUBLE_EPS);
        assertTrue(finding("max |sigmoid network - its tanh rewrite|, DOUBLE") < 1e-13);
        double sigmaOfOne = 1 / (1 + Math.exp(-1));
        assertEquals(Math.abs(sigmaOfOne - 0.75), finding("max |sigma(z) - (1/2 + z/4)| for |z| <= 1"), 1e-12);
        assertEquals(Math.abs(sigmaOfOne - 0.75 + 1.0 / 48), finding("max |sigma(z) - (1/2 + z/4 - z^3/48)| for |z| <= 1"), 1e-12);
        assertEquals(1.0 / 48, finding("1/48"));
        assertEquals(1.0 / 480, finding("1/480"));
    }

    /** The findings the page quotes from the safe-formulas table are the table's own cells. */
    @BookTest
    void safeFormulaFindingsAreTheTablesCells() {
        for (SafeFormulas.FormulaRange row : run().rows("safe-formulas", SafeFormulas.FormulaRange.class)) {
            assertEquals(SafeFormulas.range(row.float32From(), row.float32To()), run().text("accurate for z in: " + row.formula() + ", FLOAT"));
            assertEquals(SafeFormulas.range(row.float64From(), row.float64To()), run().text("accurate for z in: " + row.formula() + ", DOUBLE"));
        }
        assertEquals(Math.log(Float.MAX_VALUE), finding("ln of the largest FLOAT"), 1e-12);
        assertEquals(Math.pow(2, -149), finding("smallest subnormal FLOAT"));
    }

    /** The layer's factor at w = 8, w a + b = 0 is w / 4, so the layer amplifies the gradient. */
    @BookTest
    void aLayersGradientFactorCarriesItsWeight() {
        assertEquals(DerivativeChapter.LAYER_WEIGHT / 4, finding(
                "gradient factor w σ′(w a + b) of a one-unit layer at w = 8, w a + b = 0 (SameDiff)"), 1e-12);
    }

    /** Central differences: rounding error at most eps / h plus truncation h^2 max|sigma'''| / 6 = h^2 / 48. */
    @BookTest
    void finiteDifferencesHoldWithinTheirErrorBound() {
        List<CheckPoint> check = check();
        for (DataType type : DerivativeChapter.TYPES) {
            double h = DerivativeChapter.finiteDifferenceStep(type);
            double bound = eps(type) / h + h * h / 48;
            for (double e : errors(check, Method.FINITE_DIFFERENCE, type)) {
                assertTrue(e <= bound, type + " finite difference error " + e + " > " + bound);
            }
        }
    }

    @BookTest
    void reportsThatTheAnalyticRoutesAgreeBitForBit() {
        assertTrue(QuickBook.book().stdout().contains("FLOAT methods identical bit for bit"), QuickBook.book().stdout());
    }

    /** SameDiff announces every op it differentiates on stdout; the book must not show that. */
    @BookTest
    void bookOutputStaysClean() {
        assertTrue(!QuickBook.book().stdout().contains("Added differentiated op"), QuickBook.book().stdout());
        assertTrue(!QuickBook.book().stderr().contains("Duplicate TF op mapping"), QuickBook.book().stderr());
    }

    @BookTest
    void maximumIsReportedAsOneQuarterAtZero() {
        double[] peak = DerivativeChapter.locateMaximum(DerivativeChapter.grid());
        assertEquals(peak[0], finding("argmax of sigma' (golden-section search on ND4J's op, DOUBLE)"), 1e-12);
        assertEquals(0.25, finding("max of sigma'"));
    }

    /** sigma(1 - sigma) is 0 in FLOAT once sigma has rounded to 1: the first grid point past 24 ln 2. */
    @BookTest
    void floatDerivativeFromOutputsVanishesWhereSigmaRoundsToOne() {
        double vanishes = finding("smallest grid z where FLOAT σ(1 − σ) is exactly 0");
        double threshold = 24 * Math.log(2);
        assertTrue(vanishes >= threshold && vanishes < threshold + 1.0 / DerivativeChapter.STEPS_PER_UNIT, "z = " + vanishes);
    }
}
