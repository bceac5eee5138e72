package org.sigmoidbook.chapters.derivative;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.sigmoidbook.QuickBook;
import org.sigmoidbook.chapters.derivative.DerivativeChapter.Method;
import org.sigmoidbook.toolkit.numerics.ExactSigmoid;
import org.sigmoidbook.toolkit.numerics.Sigmoid;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

class DerivativeChapterTest {

    private static final double FLOAT_EPS = Math.ulp(1.0f);
    private static final double DOUBLE_EPS = Math.ulp(1.0);

    private static QuickBook.Output book;
    private static Table check;

    @BeforeAll
    static void runQuickChapter() {
        book = QuickBook.chapter("derivative");
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
