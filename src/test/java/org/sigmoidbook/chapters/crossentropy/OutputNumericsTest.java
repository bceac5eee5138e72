package org.sigmoidbook.chapters.crossentropy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.sigmoidbook.book.Rows;
import org.sigmoidbook.chapters.crossentropy.OutputNumerics.GridPoint;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/**
 * The two grid tables at the full size the page uses, against closed forms: the exact column against
 * double formulas, DL4J's clipped unfused XENT against the same arithmetic redone in Java's float and
 * double, and the zeros of DL4J and SameDiff against the points where 1 + e^-|z| rounds to 1.
 */
class OutputNumericsTest {

    /** The chapter's full grid: steps of 1/4. */
    private static final int FULL = 4;
    /** 1 + e^-z rounds to 1 in FLOAT from z = 24 ln 2 (e^-z at most half an ulp of 1, 2^-24) and in DOUBLE from 53 ln 2. */
    private static final double FLOAT_ROUNDS_TO_ONE = 24 * Math.log(2);
    private static final double DOUBLE_ROUNDS_TO_ONE = 53 * Math.log(2);

    // Each test measures the tables it reads: PIT credits what a @BeforeAll runs to one test only.

    @Test
    void tablesHaveTheAgreedColumnsAndCoverTheGridForBothTypesAndLabels() {
        List<GridPoint> gradient = OutputNumerics.outputGradient(FULL);
        List<GridPoint> loss = OutputNumerics.lossValue(FULL);
        assertEquals(List.of("z", "label", "data_type", "dl4j_xent", "fused", "exact", "samediff"), Rows.columns(GridPoint.class));
        List<GridPoint> half = OutputNumerics.outputGradient(2);
        for (List<GridPoint> table : List.of(gradient, loss, half)) {
            int points = table == half ? 80 * 2 + 1 : 80 * FULL + 1;
            assertEquals(4 * points, table.size());
            for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
                for (int label : new int[]{0, 1}) {
                    double[] z = rows(table, label, type).stream().mapToDouble(GridPoint::z).toArray();
                    assertEquals(points, z.length, type + " label " + label);
                    assertEquals(-40.0, Arrays.stream(z).min().orElseThrow());
                    assertEquals(40.0, Arrays.stream(z).max().orElseThrow());
                    assertEquals(points, Arrays.stream(z).distinct().count());
                }
            }
        }
    }

    @Test
    void gridStepsArePowersOfTwoSoThatFloatHoldsEveryPoint() {
        double[] grid = OutputNumerics.grid(8);
        assertEquals(641, grid.length);
        assertEquals(0.125, grid[1] - grid[0]);
        assertEquals(grid.length, Arrays.stream(grid).distinct().count());
        for (double z : grid) {
            assertEquals(z, (double) (float) z);
        }
        assertArrayEquals(IntStream.rangeClosed(-40, 40).asDoubleStream().toArray(), OutputNumerics.grid(1), "one step per unit: the whole numbers");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutputNumerics.grid(10));
        assertTrue(e.getMessage().contains("power of two"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OutputNumerics.grid(0));
    }

    /** Label 1: the loss −ln σ(z) = softplus(−z) and the gradient σ(z) − 1 = −1/(1 + e^z), in double where they do not cancel. */
    @Test
    void exactLossAndGradientOfLabelOne() {
        for (double z : new double[]{-30, -2, 0, 0.5, 3, 30}) {
            double softplusOfMinusZ = Math.max(-z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
            assertEquals(softplusOfMinusZ, OutputNumerics.exactLoss(z, 1), 4 * Math.ulp(softplusOfMinusZ), "loss, z = " + z);
            double gradient = -1 / (1 + Math.exp(z));
            assertEquals(gradient, OutputNumerics.exactGradient(z, 1), 4 * Math.ulp(gradient), "gradient, z = " + z);
        }
    }

    /** Relative to |exact|, and below the type's smallest normal number relative to that number instead. */
    @Test
    void relativeErrorBelowTheSmallestNormalNumber() {
        assertEquals(0.5, OutputNumerics.relativeError(3, 2, DataType.DOUBLE));
        assertEquals(1, OutputNumerics.relativeError(Float.MIN_NORMAL, 0, DataType.FLOAT));
        assertEquals(1, OutputNumerics.relativeError(Double.MIN_NORMAL, 0, DataType.DOUBLE));
        assertEquals(0.5, OutputNumerics.relativeError(Float.MIN_NORMAL, Float.MIN_NORMAL / 2, DataType.FLOAT));
        assertThrows(IllegalArgumentException.class, () -> OutputNumerics.relativeError(1, 1, DataType.HALF));
    }

    /** The 40-digit reference against plain double formulas, which are accurate where they do not cancel. */
    @Test
    void exactColumnsAgreeWithDoubleClosedForms() {
        List<GridPoint> gradient = OutputNumerics.outputGradient(FULL);
        List<GridPoint> loss = OutputNumerics.lossValue(FULL);
        for (int i = 0; i < gradient.size(); i++) {
            double z = gradient.get(i).z();
            int label = gradient.get(i).label();
            double sigmoid = label == 0 ? Sigmoid.of(z) : -Sigmoid.of(-z);
            assertEquals(sigmoid, gradient.get(i).exact(), 4 * Math.ulp(sigmoid), "z = " + z);
            double signed = label == 0 ? z : -z;
            double softplus = Math.max(signed, 0) + Math.log1p(Math.exp(-Math.abs(signed)));
            assertEquals(softplus, loss.get(i).exact(), 4 * Math.ulp(softplus), "z = " + z);
        }
    }

    @Test
    void fusedLossIsExactToTheBooksTolerances() {
        List<GridPoint> gradient = OutputNumerics.outputGradient(FULL);
        List<GridPoint> loss = OutputNumerics.lossValue(FULL);
        for (List<GridPoint> table : List.of(gradient, loss)) {
            String name = table == gradient ? "output-gradient" : "loss-value";
            for (int i = 0; i < table.size(); i++) {
                DataType type = table.get(i).dataType();
                double error = OutputNumerics.relativeError(table.get(i).fused(), table.get(i).exact(), type);
                assertTrue(error <= (type == DataType.FLOAT ? 1e-6 : 1e-12), name + " row " + i + ": " + error);
            }
        }
    }

    /**
     * DL4J's gradient is (a - y) / (a (1 - a)) times sigma'(z) = s (1 - s), with s = 1 / (1 + e^-z) and
     * a = s clipped to [1e-5, 1 - 1e-5]: redone here in Java's float and double arithmetic.
     */
    @Test
    void dl4jGradientIsTheClippedUnfusedFormulaInEachType() {
        List<GridPoint> gradient = OutputNumerics.outputGradient(FULL);
        for (double z : new double[]{-20, -3, 0.5, 8, 11, 12, 13.5, 15, 16, 16.5}) {
            float s = 1f / (1f + (float) Math.exp(-z));
            float a = Math.min(Math.max(s, (float) 1e-5), (float) (1 - 1e-5));
            float floatModel = a / (a * (1f - a)) * (s * (1f - s));
            assertEquals(floatModel, OutputFindings.value(gradient, GridPoint::dl4jXent, z, 0, DataType.FLOAT), 1e-5 * floatModel, "FLOAT, z = " + z);
            double sd = 1 / (1 + Math.exp(-z));
            double ad = Math.min(Math.max(sd, 1e-5), 1 - 1e-5);
            double doubleModel = ad / (ad * (1 - ad)) * (sd * (1 - sd));
            assertEquals(doubleModel, OutputFindings.value(gradient, GridPoint::dl4jXent, z, 0, DataType.DOUBLE), 1e-12 * doubleModel, "DOUBLE, z = " + z);
        }
    }

    /** sigma(z) rounds to 1 where 1 + e^-z does; then sigma' = 0 and so is DL4J's gradient, however wrong the output. */
    @Test
    void dl4jGradientForLabelZeroIsExactlyZeroWhereSigmoidRoundsToOne() {
        List<GridPoint> gradient = OutputNumerics.outputGradient(FULL);
        for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            double threshold = type == DataType.FLOAT ? FLOAT_ROUNDS_TO_ONE : DOUBLE_ROUNDS_TO_ONE;
            for (GridPoint point : rows(gradient, 0, type)) {
                double z = point.z();
                double dl4j = point.dl4jXent();
                assertTrue(z > threshold ? dl4j == 0 : dl4j > 0, type + ", z = " + z + ": " + dl4j);
            }
        }
    }

    /** DL4J's score is -log of the clipped probability: flat at -log(1 - (1 - 1e-5)) and -log(1e-5), in each type's rounding. */
    @Test
    void dl4jLossIsCappedAndFloored() {
        List<GridPoint> loss = OutputNumerics.lossValue(FULL);
        double floatCapLabel0 = -Math.log(1f - (float) (1 - 1e-5));
        double floatCapLabel1 = -Math.log((float) 1e-5);
        double doubleCap = -Math.log(1 - (1 - 1e-5));
        for (double z = 12; z <= 40; z += 0.25) {
            assertEquals(floatCapLabel0, OutputFindings.value(loss, GridPoint::dl4jXent, z, 0, DataType.FLOAT), 1e-6 * floatCapLabel0, "z = " + z);
            assertEquals(floatCapLabel1, OutputFindings.value(loss, GridPoint::dl4jXent, -z, 1, DataType.FLOAT), 1e-6 * floatCapLabel1, "z = " + z);
            assertEquals(doubleCap, OutputFindings.value(loss, GridPoint::dl4jXent, z, 0, DataType.DOUBLE), 1e-12 * doubleCap, "z = " + z);
            // The floor for a confidently right output: -log(1 - 1e-5), about 1e-5 where the exact loss is e^-z.
            assertEquals(-Math.log1p(-1e-5), OutputFindings.value(loss, GridPoint::dl4jXent, -z, 0, DataType.DOUBLE), 1e-12, "z = " + z);
        }
        assertEquals(11.5116, floatCapLabel0, 5e-5);
        assertEquals(11.5129, doubleCap, 5e-5);
    }

    /**
     * SameDiff's sigmoidCrossEntropy: dL/dz = sigma(z) - label (positive for label 0), ln 2 at z = 0,
     * accurate wherever the example is wrong, but computed as log(1 + e^-|z|) and 1 - sigma(-z): for a
     * correct label-0 example both are exactly 0 once 1 + e^z rounds to 1.
     */
    @Test
    void sameDiffConventionsAndWhereItRoundsToZero() {
        List<GridPoint> gradient = OutputNumerics.outputGradient(FULL);
        List<GridPoint> loss = OutputNumerics.lossValue(FULL);
        for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            double tolerance = type == DataType.FLOAT ? 1e-6 : 1e-12;
            assertEquals(Math.log(2), OutputFindings.value(loss, GridPoint::samediff, 0, 0, type), tolerance);
            assertEquals(0.5, OutputFindings.value(gradient, GridPoint::samediff, 0, 0, type), tolerance);
            assertEquals(-0.5, OutputFindings.value(gradient, GridPoint::samediff, 0, 1, type), tolerance);
            List<GridPoint> label1 = rows(gradient, 1, type);
            for (int i = 0; i < label1.size(); i++) {
                double error = OutputNumerics.relativeError(label1.get(i).samediff(), label1.get(i).exact(), type);
                assertTrue(error <= tolerance, type + " label 1 row " + i + ": " + error);
            }
            double threshold = type == DataType.FLOAT ? FLOAT_ROUNDS_TO_ONE : DOUBLE_ROUNDS_TO_ONE;
            for (List<GridPoint> table : List.of(gradient, loss)) {
                String name = table == gradient ? "output-gradient" : "loss-value";
                for (GridPoint point : rows(table, 0, type)) {
                    double z = point.z();
                    double sameDiff = point.samediff();
                    assertTrue(z < -threshold ? sameDiff == 0 : sameDiff > 0, name + " " + type + ", z = " + z + ": " + sameDiff);
                }
            }
        }
    }

    @Test
    void findingsReadTheHeadlineNumbers() {
        List<GridPoint> gradient = OutputNumerics.outputGradient(FULL);
        List<GridPoint> loss = OutputNumerics.lossValue(FULL);
        OutputFindings findings = OutputFindings.from(gradient, loss);
        assertEquals(0.0357, findings.dl4jGradientFloat(), 5e-5);
        assertEquals(0.0306, findings.dl4jGradientDouble(), 5e-5);
        assertEquals(1.0, findings.fusedGradientFloat(), 1e-6);
        assertEquals(1 / (1 + Math.exp(-15)), findings.exactGradient(), 1e-15);
        assertEquals(-Math.log(1f - (float) (1 - 1e-5)), findings.dl4jLossCapFloat(), 1e-6);
        assertEquals(11.5116, findings.dl4jLossCapFloat(), 5e-5);
        assertEquals(11.5129, findings.dl4jLossCapFloatLabel1(), 5e-5);
        assertEquals(-Math.log(1e-5), findings.dl4jLossCapDouble(), 1e-9);
        double floatFloor = -Math.log(1f - (float) 1e-5);
        assertEquals(floatFloor, findings.dl4jLossFloorFloat(), 1e-6 * floatFloor);
        assertTrue(findings.fusedWorstErrorFloat() <= 1e-6 && findings.fusedWorstErrorFloat() > 0);
        assertTrue(findings.fusedWorstErrorDouble() <= 1e-12);
        // Label 1 at z = -40: (a - 1) / (a (1 - a)) sigma'(z) with a clipped to 1e-5, about -e^-40 / 1e-5.
        assertEquals(-Math.exp(-40) / 1e-5, findings.dl4jGradientFarWrongLabel1Float(), 1e-3 * Math.exp(-40) / 1e-5);
        assertTrue(findings.sameDiffWorstErrorWhereWrongFloat() <= 1e-6, "" + findings.sameDiffWorstErrorWhereWrongFloat());
    }

    /** A step function with its step at 3.3: the search returns the first value of the type at or after it. */
    @Test
    void zeroFromFindsTheFirstZeroToTheLastRepresentableValue() {
        for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            double step = type == DataType.FLOAT ? Math.nextUp((float) 3.3) : 3.3;
            double found = OutputNumerics.zeroFrom(type, 0, 10,
                    z -> Arrays.stream(z.toDoubleVector()).map(v -> v < step ? 1 : 0).toArray());
            assertEquals(step, found, type.name());
        }
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> OutputNumerics.zeroFrom(DataType.DOUBLE, 0, 1, z -> new double[z.rows()]));
        assertTrue(e.getMessage().contains("no change from non-zero to zero"), e.getMessage());
    }

    /** The first round reads the function at {@code to} itself: a step inside its last cut, (1024.998, 1026], is found. */
    @Test
    void zeroFromReadsTheUpperEnd() {
        for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            double found = OutputNumerics.zeroFrom(type, 0, 1026, z -> Arrays.stream(z.toDoubleVector()).map(v -> v < 1025.5 ? 1 : 0).toArray());
            assertEquals(1025.5, found, type.name());
        }
    }

    /**
     * DL4J's threshold, checked by direct calls: 0 there, not 0 one representable value below it, and
     * within a few units in the last place of 24 ln 2 (FLOAT) and 53 ln 2 (DOUBLE).
     */
    @Test
    void dl4jGradientThresholdsAreWhereSigmoidRoundsToOne() {
        for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            double threshold = OutputNumerics.dl4jZeroGradientFrom(type);
            double below = type == DataType.FLOAT ? Math.nextDown((float) threshold) : Math.nextDown(threshold);
            assertEquals(0.0, dl4jGradient(threshold, type), type.name());
            assertTrue(dl4jGradient(below, type) > 0, type.name());
            double expected = type == DataType.FLOAT ? FLOAT_ROUNDS_TO_ONE : DOUBLE_ROUNDS_TO_ONE;
            double ulp = type == DataType.FLOAT ? Math.ulp((float) expected) : Math.ulp(expected);
            assertEquals(expected, threshold, 4 * ulp, type.name());
        }
    }

    /** SameDiff rounds to 0 on the other side, for a confidently right label-0 example, from the mirror threshold. */
    @Test
    void sameDiffThresholdsMirrorDl4j() {
        assertEquals(-OutputNumerics.dl4jZeroGradientFrom(DataType.FLOAT), OutputNumerics.sameDiffZeroGradientUpTo(DataType.FLOAT),
                Math.ulp((float) FLOAT_ROUNDS_TO_ONE) * 4);
        assertEquals(-OutputNumerics.dl4jZeroGradientFrom(DataType.DOUBLE), OutputNumerics.sameDiffZeroGradientUpTo(DataType.DOUBLE),
                Math.ulp(DOUBLE_ROUNDS_TO_ONE) * 4);
    }

    private static double dl4jGradient(double z, DataType type) {
        INDArray logit = Nd4j.createFromArray(new double[][]{{z}}).castTo(type);
        return new LossBinaryXENT().computeGradient(Nd4j.zeros(type, 1, 1), logit, new ActivationSigmoid(), null).getDouble(0);
    }

    private static List<GridPoint> rows(List<GridPoint> table, int label, DataType type) {
        return table.stream().filter(point -> point.label() == label && point.dataType() == type).toList();
    }
}
