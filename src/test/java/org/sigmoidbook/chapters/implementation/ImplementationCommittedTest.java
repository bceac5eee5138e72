package org.sigmoidbook.chapters.implementation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.sigmoidbook.ChapterData;
import org.sigmoidbook.chapters.implementation.ImplementationChapter.Output;

/** The committed full run of chapter 6 supports what its page says in words. */
class ImplementationCommittedTest {

    private static final ChapterData RUN = ChapterData.committed("implementation");

    @Test
    void pyTorchRanAndItsValuesAreOnThePage() {
        assertTrue(RUN.text(ImplementationChapter.PYTORCH).startsWith("PyTorch 2.7.1 (libtorch for the CPU) through DJL 0.36.0"),
                RUN.text(ImplementationChapter.PYTORCH));
        List<Output> outputs = RUN.rows("outputs", Output.class);
        assertEquals(6, outputs.size());
        outputs.forEach(output -> assertNotNull(output.pytorch(), output.toString()));
    }

    /**
     * "One libnd4j kernel reached three ways"; "neither is correctly rounded everywhere", each σ within
     * the a-priori 3 ulps of AgreementTest; the gradients "can differ only where the two σ do"; and the
     * float32 distances ArticleInPyTorchTest holds the article's values to.
     */
    @Test
    void theBitForBitTableSupportsThePage() {
        List<Agreement.Row> rows = RUN.rows("pytorch", Agreement.Row.class);
        assertEquals(12, rows.size());
        for (Agreement.Row row : rows) {
            Agreement.Row nd4j = find(rows, row.quantity(), row.dataType(), Counterparts.ND4J);
            assertEquals(List.of(nd4j.bitIdentical(), nd4j.largestUlps(), nd4j.counterpartUlpsFromExact(), nd4j.counterpartCorrectlyRounded()),
                    List.of(row.bitIdentical(), row.largestUlps(), row.counterpartUlpsFromExact(), row.counterpartCorrectlyRounded()), row.toString());
            if (row.quantity().equals(Agreement.SIGMA)) {
                assertTrue(row.pytorchUlpsFromExact() <= 3 && row.counterpartUlpsFromExact() <= 3, row.toString());
                assertTrue(row.pytorchCorrectlyRounded() < row.gridPoints() && row.counterpartCorrectlyRounded() < row.gridPoints(), row.toString());
                assertTrue(row.bitIdentical() < row.gridPoints(), "not the same numbers everywhere: " + row);
                Agreement.Row slope = find(rows, Agreement.SLOPE, row.dataType(), Counterparts.DL4J_LAYER);
                assertTrue(slope.bitIdentical() >= row.bitIdentical(), "gradients differ only where σ does, " + row.dataType());
                if (row.dataType() == DataType.FLOAT) {
                    assertTrue(row.largestUlps() <= ArticleInPyTorchTest.SIGMA_ULPS, row.toString());
                    assertTrue(slope.largestUlps() <= ArticleInPyTorchTest.SLOPE_ULPS, slope.toString());
                }
            }
        }
    }

    @Test
    void thresholdsAreWhereThePageSaysTheyCome() {
        double twentyFourLnTwo = 24 * Math.log(2);
        for (String finding : List.of("PyTorch by hand, y = 0: loss is +∞ from z, float32", "PyTorch by hand, y = 0: ∂L/∂z is NaN from z, float32",
                "PyTorch BCELoss, y = 0: ∂L/∂z is 0 from z, float32")) {
            assertEquals(twentyFourLnTwo, RUN.finding(finding), 1e-5, finding);
        }
        assertEquals(Math.nextUp(20.0), RUN.finding("PyTorch softplus returns z itself from z, float64"), 0.0);
        assertEquals((double) (1.0f / 6.0f), RUN.finding("PyTorch hardsigmoid′(0), float64"), 0.0);
        assertEquals(100.0, RUN.finding("PyTorch BCELoss, y = 0: loss at z = 40, float32"), 0.0);
        double bend = Math.log(1e-12);
        assertEquals(bend, RUN.finding("PyTorch BCELoss, y = 1: ∂L/∂z within 1% of σ(z) − 1 from z, float32"), 0.05,
                "a(1 − a) = 1e-12 at z = ln(1e-12)");
    }

    /** "In float32 that changes nothing"; ND4J's softPlus "overflows to +∞ at z = 100 in float32 and z = 1000 in float64". */
    @Test
    void softplusTableSupportsThePage() {
        for (SoftplusThreshold.Point point : RUN.rows("pytorch-softplus", SoftplusThreshold.Point.class)) {
            if (point.dataType() == DataType.FLOAT && point.z() > SoftplusThreshold.THRESHOLD) {
                assertEquals(point.z(), point.exact(), 0.0, point.toString());
            }
            boolean overflows = point.dataType() == DataType.FLOAT ? point.z() >= 100 : point.z() >= 1000;
            assertEquals(overflows, point.nd4j() == Double.POSITIVE_INFINITY, point.toString());
        }
    }

    private static Agreement.Row find(List<Agreement.Row> rows, String quantity, DataType type, Counterparts counterpart) {
        return rows.stream().filter(r -> r.quantity().equals(quantity) && r.dataType() == type && r.counterpart().equals(counterpart.label()))
                .findFirst().orElseThrow();
    }
}
