package org.sigmoidbook.chapters.derivative;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.sigmoidbook.QuickBook;
import org.sigmoidbook.chapters.derivative.DerivativeChapter.Method;
import org.sigmoidbook.toolkit.numerics.ExactSigmoid;
import org.sigmoidbook.toolkit.numerics.Sigmoid;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

@Tag("book")
class DerivativeChapterTest {

    private static final double FLOAT_EPS = Math.ulp(1.0f);
    private static final double DOUBLE_EPS = Math.ulp(1.0);

    private static QuickBook.Output book;
    private static Table check;

    @BeforeAll
    static void runQuickChapter() {
        book = QuickBook.book();
        ColumnType[] types = new ColumnType[2 + 2 * Method.values().length];
        java.util.Arrays.fill(types, ColumnType.DOUBLE);
        check = book.table("derivative", "derivative-check.csv", types);
    }

    private static double eps(DataType type) {
        return type == DataType.FLOAT ? FLOAT_EPS : DOUBLE_EPS;
    }

    private static double finding(String name) {
        Table findings = book.table("derivative", "findings.csv", ColumnType.STRING, ColumnType.STRING, ColumnType.DOUBLE);
        for (int row = 0; row < findings.rowCount(); row++) {
            if (findings.stringColumn("finding").get(row).equals(name)) {
                return findings.doubleColumn("value").get(row);
            }
        }
        throw new AssertionError("no finding '" + name + "'");
    }

    /** The reference column against the closed form e^-|z| / (1 + e^-|z|)^2 in plain double arithmetic. */
    @Test
    void referenceColumnIsTheClosedForm() {
        assertEquals(2 * 20 * DerivativeChapter.STEPS_PER_UNIT + 1, check.rowCount());
        double[] z = check.doubleColumn("z").asDoubleArray();
        double[] exact = check.doubleColumn("exact").asDoubleArray();
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
    @Test
    void analyticDerivativesHoldWithinFloatAndDoubleTolerances() {
        double[] z = check.doubleColumn("z").asDoubleArray();
        double[] exact = check.doubleColumn("exact").asDoubleArray();
        for (DataType type : DerivativeChapter.TYPES) {
            for (Method method : new Method[]{Method.FROM_OUTPUT, Method.ND4J_OP, Method.AUTODIFF}) {
                double[] error = check.doubleColumn(DerivativeChapter.errorColumn(method, type)).asDoubleArray();
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
    @Test
    void relativeErrorOfTheAnalyticRoutesGrowsLikeEpsTimesEToTheZ() {
        double[] z = check.doubleColumn("z").asDoubleArray();
        double[] exact = check.doubleColumn("exact").asDoubleArray();
        for (DataType type : DerivativeChapter.TYPES) {
            double[] error = check.doubleColumn(DerivativeChapter.errorColumn(Method.FROM_OUTPUT, type)).asDoubleArray();
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
     * sigma' is at most 1/4 but a layer's factor is not: d sigma(w a + b) / da = w sigma'(w a + b),
     * which is w / 4 at w a + b = 0, against the 40-digit sigma' at other points.
     */
    @Test
    void aLayersGradientFactorCarriesItsWeight() {
        assertEquals(DerivativeChapter.LAYER_WEIGHT / 4, finding(
                "gradient factor w σ′(w a + b) of a one-unit layer at w = 8, w a + b = 0 (SameDiff)"), 1e-12);
        assertTrue(DerivativeChapter.LAYER_WEIGHT / 4 > 1, "the layer amplifies the gradient");
        double[][] points = {{8, 0, 0}, {8, -2, 0.3}, {-5, 1, 0.1}, {0.5, 0, 2}};
        for (double[] p : points) {
            double w = p[0];
            double b = p[1];
            double a = p[2];
            assertEquals(w * ExactSigmoid.derivative(w * a + b), DerivativeChapter.layerFactor(w, b, a), 1e-15,
                    "w = " + w + ", b = " + b + ", a = " + a);
        }
    }

    /** Central differences: rounding error at most eps / h plus truncation h^2 max|sigma'''| / 6 = h^2 / 48. */
    @Test
    void finiteDifferencesHoldWithinTheirErrorBound() {
        assertEquals(Math.pow(2, -8), DerivativeChapter.finiteDifferenceStep(DataType.FLOAT));
        assertEquals(Math.pow(2, -17), DerivativeChapter.finiteDifferenceStep(DataType.DOUBLE));
        for (DataType type : DerivativeChapter.TYPES) {
            double h = DerivativeChapter.finiteDifferenceStep(type);
            double bound = eps(type) / h + h * h / 48;
            double[] error = check.doubleColumn(DerivativeChapter.errorColumn(Method.FINITE_DIFFERENCE, type)).asDoubleArray();
            for (double e : error) {
                assertTrue(e <= bound, type + " finite difference error " + e + " > " + bound);
            }
        }
    }

    /** The chapter says the three analytic routes agree bit for bit; recompute them here. */
    @Test
    void outputsOpAndAutodiffAgreeBitForBit() {
        for (DataType type : DerivativeChapter.TYPES) {
            double[] fromOutput = DerivativeChapter.compute(Method.FROM_OUTPUT, Sigmoid.vector(type, DerivativeChapter.grid())).toDoubleVector();
            assertArrayEquals(fromOutput, DerivativeChapter.compute(Method.ND4J_OP, Sigmoid.vector(type, DerivativeChapter.grid())).toDoubleVector());
            assertArrayEquals(fromOutput, DerivativeChapter.compute(Method.AUTODIFF, Sigmoid.vector(type, DerivativeChapter.grid())).toDoubleVector());
        }
        assertTrue(book.stdout().contains("FLOAT methods identical bit for bit"), book.stdout());
    }

    /** SameDiff announces every op it differentiates on stdout; the book must not show that. */
    @Test
    void bookOutputStaysClean() {
        assertTrue(!book.stdout().contains("Added differentiated op"), book.stdout());
        assertTrue(!book.stderr().contains("Duplicate TF op mapping"), book.stderr());
    }

    /** sigma'(0) = 1/4 exactly, and 1/4 is the maximum: sigma'' = sigma'(1 - 2 sigma) vanishes only at 0. */
    @Test
    void maximumIsOneQuarterAtZero() {
        double[] peak = DerivativeChapter.locateMaximum(DerivativeChapter.grid());
        assertEquals(0.0, peak[0], 1e-6);
        assertEquals(0.25, peak[1]);
        assertEquals(peak[0], finding("argmax of sigma' (golden-section search on ND4J's op, DOUBLE)"), 1e-12);
        assertEquals(0.25, finding("max of sigma'"));
        for (double z : DerivativeChapter.grid()) {
            if (z != 0) {
                assertTrue(ExactSigmoid.derivative(z) < 0.25, "z = " + z);
            }
        }
    }

    /** sigma(1 - sigma) is 0 in FLOAT once sigma has rounded to 1: the first grid point past 24 ln 2. */
    @Test
    void floatDerivativeFromOutputsVanishesWhereSigmaRoundsToOne() {
        double vanishes = finding("smallest grid z where FLOAT σ(1 − σ) is exactly 0");
        double threshold = 24 * Math.log(2);
        assertTrue(vanishes >= threshold && vanishes < threshold + 1.0 / DerivativeChapter.STEPS_PER_UNIT, "z = " + vanishes);
    }
}
