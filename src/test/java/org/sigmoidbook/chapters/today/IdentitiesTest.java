package org.sigmoidbook.chapters.today;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.sigmoidbook.book.Rows;
import org.sigmoidbook.chapters.today.Identities.Grid;
import org.sigmoidbook.chapters.today.Identities.Identity;
import org.sigmoidbook.chapters.today.Identities.IdentityCheck;

class IdentitiesTest {

    private static List<IdentityCheck> checks;

    @BeforeAll
    static void measure() {
        TodayTesting.startBackend();
        checks = Identities.checks(Grid.QUICK);
    }

    private static double eps(DataType type) {
        return type == DataType.FLOAT ? Math.ulp(1.0f) : Math.ulp(1.0);
    }

    @Test
    void oneRowPerIdentityAndType() {
        assertEquals(List.of("identity", "data_type", "max_abs_error"), Rows.columns(IdentityCheck.class));
        assertEquals(Identities.ALL.size() * Identities.TYPES.size(), checks.size());
        assertEquals(List.of(DataType.FLOAT, DataType.DOUBLE), checks.stream().map(IdentityCheck::dataType).distinct().toList());
    }

    /**
     * The bound, in units of eps (the gap between 1 and the next number of the type). Every argument
     * the ops see is exact: grid points are multiples of a power of two, so 2z, z/2, z1 - z2 and
     * z - max(z1, z2) are too. Assume each library function (exp, sigmoid, tanh) within one ulp: for a
     * value v that is an error of at most eps |v|, and every value here lies in [-1, 1]. Each rounded
     * step after it adds at most eps/2 |v|, and doubling or halving adds nothing.
     * tanh(z) = 2 sigma(2z) - 1: eps + 2 eps + eps/2 = 3.5 eps.
     * sigma(z) - 1/2 = tanh(z/2) / 2: eps + eps/4 + eps/2 < 2 eps.
     * softmax: e1 / (e1 + e2) errs relatively by eps (e1) + eps + eps/2 (the sum) + eps/2 (the
     * division) = 3 eps, against sigma's eps: 4 eps.
     * So 4 eps bounds every row: a few ulps derived from the ops, not a tolerance fitted to the results.
     */
    @Test
    void everyIdentityHoldsToWithinFourUlpsOfOne() {
        for (IdentityCheck check : checks) {
            DataType type = check.dataType();
            double error = check.maxAbsError();
            assertTrue(error <= 4 * eps(type), check.identity() + " in " + type + ": " + error / eps(type) + " eps");
        }
    }

    /** The full grid is what the book prints: it must hold there too, and at least as tightly as claimed. */
    @Test
    void theFullGridKeepsTheBound() {
        for (DataType type : Identities.TYPES) {
            for (Identity identity : Identities.ALL) {
                double error = Identities.maxAbsError(identity, type, Grid.FULL);
                assertTrue(error <= 4 * eps(type), identity.name() + " in " + type + ": " + error / eps(type) + " eps");
            }
        }
    }

    /**
     * The check can fail: "tanh(z) = 2 sigma(z) - 1" (forgetting the 2 inside) is really
     * tanh(z) = tanh(z/2), off by max |tanh z - tanh(z/2)| over the grid, computed here in plain double.
     */
    @Test
    void aWrongIdentityIsFarOff() {
        Identity wrong = new Identity("tanh(z) = 2 sigmoid(z) - 1", 1,
                z -> Transforms.tanh(z, true), z -> Transforms.sigmoid(z, true).muli(2).subi(1));
        double expected = 0;
        for (double z : Grid.QUICK.points()) {
            expected = Math.max(expected, Math.abs(Math.tanh(z) - Math.tanh(z / 2)));
        }
        assertTrue(expected > 0.25, "the true gap " + expected);
        for (DataType type : Identities.TYPES) {
            assertEquals(expected, Identities.maxAbsError(wrong, type, Grid.QUICK), 1e-6, type.name());
        }
    }

    /** A two-argument slip is caught as well: softmax's first output is sigma(z1 - z2), not sigma(z2 - z1). */
    @Test
    void swappedSoftmaxLogitsAreFarOff() {
        Identity swapped = new Identity("softmax(z1 z2)[1] = sigmoid(z2 - z1)", 2,
                Identities.TWO_CLASS_SOFTMAX.left(),
                z -> Transforms.sigmoid(z.getColumn(1).sub(z.getColumn(0)), false));
        // sigma(d) - sigma(-d) = tanh(d/2), largest at the widest difference on the grid, d = 20.
        assertEquals(Math.tanh(10), Identities.maxAbsError(swapped, DataType.DOUBLE, Grid.QUICK), 1e-12);
    }

    @Test
    void gridsArePowersOfTwoSoEveryArgumentIsExact() {
        double[] z = Grid.FULL.points();
        assertEquals(40_961, z.length);
        assertEquals(-20.0, z[0]);
        assertEquals(20.0, z[z.length - 1]);
        assertEquals(2 * 321 * 321, Grid.FULL.pairs().length);
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> new Grid(20, 0.001, 10, 0.0625));
        assertTrue(bad.getMessage().contains("power of two"), bad.getMessage());
    }
}
