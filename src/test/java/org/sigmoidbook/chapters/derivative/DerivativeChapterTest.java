package org.sigmoidbook.chapters.derivative;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.sigmoidbook.book.Rows;
import org.sigmoidbook.chapters.derivative.DerivativeChapter.CheckPoint;
import org.sigmoidbook.chapters.derivative.DerivativeChapter.Method;
import org.sigmoidbook.toolkit.numerics.ExactSigmoid;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/** The chapter's computations on their own, against closed forms. */
class DerivativeChapterTest {

    /** Each method's error in each type is the column abs_error_<method id>_<type> of the check table. */
    @Test
    void checkPointReadsEveryMethodAndTypeFromItsOwnColumn() {
        List<String> columns = Rows.columns(CheckPoint.class);
        CheckPoint numbered = new CheckPoint(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        for (DataType type : DerivativeChapter.TYPES) {
            for (Method method : Method.values()) {
                String column = "abs_error_" + method.id() + "_" + type.toString().toLowerCase(Locale.ROOT);
                assertEquals(columns.indexOf(column), (int) numbered.absError(method, type), column);
            }
        }
        assertEquals(List.of("z", "exact"), columns.subList(0, 2));
    }

    /**
     * sigma' is at most 1/4 but a layer's factor is not: d sigma(w a + b) / da = w sigma'(w a + b),
     * against the 40-digit sigma' at several points.
     */
    @Test
    void aLayersGradientFactorCarriesItsWeight() {
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

    /** The cube root of each type's epsilon, rounded to a power of two. */
    @Test
    void finiteDifferenceStepsArePowersOfTwo() {
        assertEquals(Math.pow(2, -8), DerivativeChapter.finiteDifferenceStep(DataType.FLOAT));
        assertEquals(Math.pow(2, -17), DerivativeChapter.finiteDifferenceStep(DataType.DOUBLE));
    }

    /** The chapter says the three analytic routes agree bit for bit; recompute them here. */
    @Test
    void outputsOpAndAutodiffAgreeBitForBit() {
        for (DataType type : DerivativeChapter.TYPES) {
            double[] fromOutput = DerivativeChapter.compute(Method.FROM_OUTPUT, Sigmoid.vector(type, DerivativeChapter.grid())).toDoubleVector();
            assertArrayEquals(fromOutput, DerivativeChapter.compute(Method.ND4J_OP, Sigmoid.vector(type, DerivativeChapter.grid())).toDoubleVector());
            assertArrayEquals(fromOutput, DerivativeChapter.compute(Method.AUTODIFF, Sigmoid.vector(type, DerivativeChapter.grid())).toDoubleVector());
        }
    }

    /** sigma'(0) = 1/4 exactly, and 1/4 is the maximum: sigma'' = sigma'(1 - 2 sigma) vanishes only at 0. */
    @Test
    void maximumIsOneQuarterAtZero() {
        double[] peak = DerivativeChapter.locateMaximum(DerivativeChapter.grid());
        assertEquals(0.0, peak[0], 1e-6);
        assertEquals(0.25, peak[1]);
        for (double z : DerivativeChapter.grid()) {
            if (z != 0) {
                assertTrue(ExactSigmoid.derivative(z) < 0.25, "z = " + z);
            }
        }
    }
}
