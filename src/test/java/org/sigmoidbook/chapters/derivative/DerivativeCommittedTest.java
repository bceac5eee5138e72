package org.sigmoidbook.chapters.derivative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.sigmoidbook.ChapterData;
import org.sigmoidbook.chapters.derivative.DerivativeChapter.CheckPoint;
import org.sigmoidbook.chapters.derivative.DerivativeChapter.Method;

/** The committed results that chapter 2's page is written from, against what the page says of them. */
class DerivativeCommittedTest {

    private static final ChapterData COMMITTED = ChapterData.committed("derivative");

    /** The safe-formulas table, as committed, within the bounds that each type's arithmetic sets. */
    @Test
    void safeFormulaRangesFollowTheArithmeticOfEachType() {
        List<SafeFormulas.FormulaRange> table = COMMITTED.rows("safe-formulas", SafeFormulas.FormulaRange.class);
        SafeFormulasTest.assertRangesFollowTheArithmetic(table);
    }

    /**
     * "A few units of roundoff everywhere, far into the tail where s(1 - s) is 0": sigma(z) sigma(-z)
     * within 4 eps at every point, and s(1 - s) in float32 exactly 0 at some of them.
     */
    @Test
    void productKeepsItsDigitsWhereTheTextbookFormulaIsZero() {
        List<CheckPoint> check = COMMITTED.rows("derivative-check", CheckPoint.class);
        boolean textbookZero = false;
        for (CheckPoint point : check) {
            for (DataType type : DerivativeChapter.TYPES) {
                double eps = type == DataType.FLOAT ? Math.ulp(1.0f) : Math.ulp(1.0);
                assertTrue(point.absError(Method.PRODUCT, type) <= 4 * eps * point.exact(), type + " at z = " + point.z());
            }
            textbookZero |= point.absError(Method.FROM_OUTPUT, DataType.FLOAT) == point.exact();
        }
        assertTrue(textbookZero, "s(1 - s) is exactly 0 somewhere on the float32 grid");
        assertEquals(1.0, COMMITTED.finding("max relative error FLOAT σ(1 − σ) from forward outputs"));
    }
}
