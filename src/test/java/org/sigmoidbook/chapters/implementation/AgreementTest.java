package org.sigmoidbook.chapters.implementation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import ai.djl.nn.Activation;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.sigmoidbook.BookTest;
import org.sigmoidbook.toolkit.numerics.ExactSigmoid;
import org.sigmoidbook.toolkit.torch.Autograd;

/** The bit-for-bit comparison on small grids, recounted point by point and checked against the closed forms. */
class AgreementTest {

    private static final double[] FLOAT_GRID = Agreement.grid(Agreement.FLOAT_LIMIT, 2);
    private static final double[] DOUBLE_GRID = Agreement.grid(Agreement.DOUBLE_LIMIT, 1);

    @Test
    void gridsAreSymmetricExactAndStopWhereTheExactSlopeIsStillNormal() {
        assertEquals(349, FLOAT_GRID.length);
        assertEquals(-87.0, FLOAT_GRID[0]);
        assertEquals(87.0, FLOAT_GRID[FLOAT_GRID.length - 1]);
        assertEquals(0.5, FLOAT_GRID[175] - FLOAT_GRID[174]);
        assertTrue(ExactSigmoid.derivative(Agreement.FLOAT_LIMIT) >= Float.MIN_NORMAL);
        assertTrue(ExactSigmoid.derivative(Agreement.DOUBLE_LIMIT) >= Double.MIN_NORMAL);
    }

    @Test
    void withoutPyTorchOnlyTheCounterpartColumnsAreFilled() {
        List<Agreement.Row> rows = Agreement.table(FLOAT_GRID, DOUBLE_GRID, false);
        assertEquals(12, rows.size());
        for (Agreement.Row row : rows) {
            assertNull(row.bitIdentical());
            assertNull(row.largestUlps());
            assertNull(row.pytorchUlpsFromExact());
        }
    }

    /**
     * The three DL4J/ND4J routes are one kernel; each σ is within 3 ulps of the correctly rounded σ, the
     * a-priori bound for 1/(1 + e^−z) with an exp good to 1 ulp and a correctly rounded sum and quotient
     * (2 ulps of relative error, plus half an ulp in rounding the exact value); and the gradients, both
     * s(1 − s), have the same bits wherever the two σ do.
     */
    @BookTest
    void countsMatchAPointByPointRecount() {
        List<Agreement.Row> rows = Agreement.table(FLOAT_GRID, DOUBLE_GRID, true);
        for (Agreement.Row row : rows) {
            Agreement.Row nd4j = rows.stream().filter(r -> r.quantity().equals(row.quantity()) && r.dataType() == row.dataType()
                    && r.counterpart().equals(Counterparts.ND4J.label())).findFirst().orElseThrow();
            assertEquals(nd4j.bitIdentical(), row.bitIdentical(), row.toString());
            assertEquals(nd4j.counterpartUlpsFromExact(), row.counterpartUlpsFromExact(), row.toString());
            if (row.quantity().equals(Agreement.SIGMA)) {
                assertTrue(row.pytorchUlpsFromExact() <= 3 && row.counterpartUlpsFromExact() <= 3, row.toString());
            }
        }
        for (DataType type : FromLogits.TYPES) {
            double[] z = type == DataType.FLOAT ? FLOAT_GRID : DOUBLE_GRID;
            Autograd.ValueAndGradient torch = Autograd.of(type, z, Activation::sigmoid);
            Autograd.ValueAndGradient dl4j = Counterparts.DL4J_LAYER.of(type, z);
            double[] nd4j = Counterparts.ND4J.of(type, z).value();
            int same = 0;
            for (int i = 0; i < z.length; i++) {
                same += torch.value()[i] == nd4j[i] ? 1 : 0;
                if (torch.value()[i] == dl4j.value()[i]) {
                    assertEquals(torch.gradient()[i], dl4j.gradient()[i], 0.0, type + " z = " + z[i]);
                }
            }
            int counted = same;
            Agreement.Row row = rows.stream().filter(r -> r.quantity().equals(Agreement.SIGMA) && r.dataType() == type
                    && r.counterpart().equals(Counterparts.ND4J.label())).findFirst().orElseThrow();
            assertEquals(counted, row.bitIdentical(), type.toString());
        }
    }
}
