package org.sigmoidbook.chapters.vanishing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/**
 * Nielsen's unstable window: the closed form against a numeric root-finder on the definition,
 * against Nielsen's own expression, and its maximum against a numeric search.
 */
class UnstableWindowTest {

    /** |w sigma'(w a + b)|, from the sigmoid itself, not from the closed form. */
    private static double factor(double w, double b, double a) {
        double s = Sigmoid.of(w * a + b);
        return Math.abs(w * s * (1 - s));
    }

    /** Bisection for the edge of {a : factor >= 1} between inside (factor >= 1) and outside. */
    private static double edge(double w, double b, double inside, double outside) {
        for (int i = 0; i < 200; i++) {
            double middle = (inside + outside) / 2;
            if (factor(w, b, middle) >= 1) {
                inside = middle;
            } else {
                outside = middle;
            }
        }
        return (inside + outside) / 2;
    }

    /** The window's width found numerically: from its centre a = -b/w out to both edges. */
    private static double numericWidth(double w, double b) {
        double centre = -b / w;
        if (factor(w, b, centre) < 1) {
            return 0;
        }
        double far = 100 / Math.abs(w);
        return edge(w, b, centre, centre + far) - edge(w, b, centre, centre - far);
    }

    @Test
    void closedFormMatchesARootFinderOnTheDefinition() {
        for (double w : new double[]{4.001, 4.5, 5, 6.9, 10, 37, 250, -6, -80}) {
            for (double b : new double[]{0, 0.8, -3.1}) {
                // Just above |w| = 4 the factor barely passes 1 and its edges are flat: the root is found to about 1e-8 there.
                double tolerance = Math.abs(w) < 4.1 ? 1e-7 : 1e-11;
                assertEquals(numericWidth(w, b), UnstableWindow.width(Math.abs(w)), tolerance, "w = " + w + ", b = " + b);
            }
        }
    }

    /** Nielsen, chapter 5, problem: the width is (2/|w|) ln(|w| (1 + sqrt(1 - 4/|w|)) / 2 - 1). */
    @Test
    void closedFormEqualsNielsensExpression() {
        for (double w : new double[]{4.2, 6.9, 12, 100, 1e4}) {
            double nielsen = 2 / w * Math.log(w * (1 + Math.sqrt(1 - 4 / w)) / 2 - 1);
            assertEquals(nielsen, UnstableWindow.width(w), 1e-12 * Math.max(1, nielsen), "|w| = " + w);
        }
    }

    @Test
    void thereIsNoWindowUpToFour() {
        assertEquals(0, UnstableWindow.width(0), 0);
        for (double w : new double[]{0.5, 1, 3.99, 4}) {
            assertEquals(0, UnstableWindow.width(w), 0);
            assertEquals(0, numericWidth(w, 0.3), 1e-7);
        }
    }

    /**
     * The widest window by golden-section search on the numeric width: where it lies, how wide it is,
     * and Nielsen's published "about 0.45 near |w| = 6.9".
     */
    @Test
    void theWindowIsWidestNearSixPointNine() {
        double low = 4.5;
        double high = 20;
        double ratio = (Math.sqrt(5) - 1) / 2;
        for (int i = 0; i < 80; i++) {
            double left = high - ratio * (high - low);
            double right = low + ratio * (high - low);
            if (numericWidth(left, 0) > numericWidth(right, 0)) {
                high = right;
            } else {
                low = left;
            }
        }
        double searched = (low + high) / 2;
        UnstableWindow.Widest widest = UnstableWindow.widest();
        assertEquals(searched, widest.absWeight(), 1e-4);
        assertEquals(numericWidth(searched, 0), widest.width(), 1e-10);
        assertEquals(UnstableWindow.width(widest.absWeight()), widest.width(), 1e-13);
        assertEquals(6.9, widest.absWeight(), 0.05);
        assertEquals(0.45, widest.width(), 0.005);
    }

    @Test
    void widthTableHoldsFourAndTheWidestAmongItsRows() {
        List<UnstableWindow.WindowWidth> table = UnstableWindow.widths();
        int best = 0;
        for (int i = 1; i < table.size(); i++) {
            assertTrue(table.get(i).absW() > table.get(i - 1).absW(), "sorted, no duplicates");
            best = table.get(i).width() > table.get(best).width() ? i : best;
        }
        assertEquals(UnstableWindow.widest().absWeight(), table.get(best).absW(), 0);
        assertTrue(table.stream().anyMatch(row -> row.absW() == 4));
    }

    /** The curves, from ND4J's sigmoid, reach 1 exactly inside the closed-form window centred on a = 1/2. */
    @Test
    void factorCurvesExceedOneExactlyInsideTheWindow() {
        for (UnstableWindow.FactorPoint point : UnstableWindow.factors()) {
            double w = point.absW();
            double a = point.a();
            double value = point.factor();
            assertEquals(factor(w, -w / 2, a), value, 1e-12);
            double halfWidth = UnstableWindow.width(w) / 2;
            if (Math.abs(Math.abs(a - 0.5) - halfWidth) > 1e-9) {
                assertEquals(Math.abs(a - 0.5) < halfWidth, value >= 1, "|w| = " + w + ", a = " + a);
            }
        }
    }

    /**
     * The curves' grid: 201 inputs per weight from a = 0 to 1, symmetric about 1/2 and closest
     * together there; one curve for each drawn |w| and for the widest window's, in increasing |w|.
     */
    @Test
    void factorCurvesCoverTheUnitIntervalDensestInTheMiddle() {
        List<UnstableWindow.FactorPoint> points = UnstableWindow.factors();
        double[] weights = {2, 4, UnstableWindow.widest().absWeight(), 12, 30};
        assertEquals(weights.length * 201, points.size());
        for (int c = 0; c < weights.length; c++) {
            List<UnstableWindow.FactorPoint> curve = points.subList(201 * c, 201 * (c + 1));
            for (UnstableWindow.FactorPoint point : curve) {
                assertEquals(weights[c], point.absW(), 0);
            }
            assertEquals(0, curve.get(0).a(), 0);
            assertEquals(0.5, curve.get(100).a(), 0);
            assertEquals(1, curve.get(200).a(), 1e-15);
            for (int i = 1; i < 201; i++) {
                assertTrue(curve.get(i).a() > curve.get(i - 1).a());
                assertEquals(1, curve.get(i).a() + curve.get(200 - i).a(), 1e-12);
            }
            double middleGap = curve.get(101).a() - curve.get(100).a();
            double endGap = curve.get(200).a() - curve.get(199).a();
            assertTrue(middleGap < endGap / 10, middleGap + " near 1/2, " + endGap + " at 1");
            // 1/4 at the centre: |w| sigma'(0) = |w| / 4
            assertEquals(weights[c] / 4, curve.get(100).factor(), 1e-12);
        }
    }
}
