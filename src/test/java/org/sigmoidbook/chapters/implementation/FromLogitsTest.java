package org.sigmoidbook.chapters.implementation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.sigmoidbook.book.Rows;
import org.sigmoidbook.chapters.implementation.FromLogits.Computed;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/** PyTorch's functions of the logit in ND4J and SameDiff, against the closed forms. */
class FromLogitsTest {

    /** A column per logit, named by it, in the order of {@link FromLogits#Z}; {@code at(z)} reads that column. */
    @Test
    void everyLogitHasItsColumn() {
        List<String> columns = Rows.columns(Computed.class);
        Computed numbered = new Computed("f", "by", "FLOAT", 3, 4, 5, 6, 7);
        for (double z : FromLogits.Z) {
            String column = String.format(Locale.ROOT, "z = %.0f", z);
            assertEquals(columns.indexOf(column), (int) numbered.at(z), column);
        }
        assertEquals(List.of("pytorch", "computed_by", "data_type"), columns.subList(0, 3));
        assertEquals(3 + FromLogits.Z.length, columns.size());
    }

    /** ND4J's log-sigmoid and softplus overflow in DOUBLE too, further out; the loss from the logit does not. */
    @Test
    void theNaiveFormsOverflowInDoubleAndTheLossFromTheLogitDoesNot() {
        assertEquals(Double.NEGATIVE_INFINITY, FromLogits.logSigmoidOp(Sigmoid.vector(DataType.DOUBLE, -800)).getDouble(0),
                "DOUBLE overflows too, further out");
        assertEquals(Double.POSITIVE_INFINITY, FromLogits.softPlus(Sigmoid.vector(DataType.DOUBLE, 800)).getDouble(0));
        assertEquals(800.0, FromLogits.bceWithLogits(Sigmoid.vector(DataType.FLOAT, -800), Sigmoid.vector(DataType.FLOAT, 1)).getDouble(0),
                "the loss from the logit stays finite where both naive forms overflow");
    }

    /** The page's account of how ND4J computes them: the op is log(sigmoid(z)), softPlus is ln(1 + e^z) as written. */
    @Test
    void logSigmoidOpIsTheLogOfTheSigmoidAndSoftPlusIsTheNaiveFormula() {
        double[] grid = new double[401];
        Arrays.setAll(grid, i -> (i - 200) / 2.0);
        for (DataType type : FromLogits.TYPES) {
            INDArray z = Sigmoid.vector(type, grid);
            INDArray op = FromLogits.logSigmoidOp(z);
            assertArrayEquals(Transforms.log(Transforms.sigmoid(z, true), false).toDoubleVector(), op.toDoubleVector(), type.toString());
            SameDiff sd = SameDiff.create();
            assertArrayEquals(op.toDoubleVector(), sd.nn().logSigmoid(sd.constant(z)).eval().toDoubleVector(), "sd.nn().logSigmoid");
            double[] naive = Transforms.log(Transforms.exp(z, true).addi(1.0), false).toDoubleVector();
            double[] softPlus = FromLogits.softPlus(z).toDoubleVector();
            for (int i = 0; i < grid.length; i++) {
                double ulp = type == DataType.FLOAT ? Math.ulp((float) naive[i]) : Math.ulp(naive[i]);
                assertEquals(naive[i], softPlus[i], 2 * ulp, type + " softPlus at z = " + grid[i]);
            }
        }
    }

    /**
     * SameDiff's conventions against the closed form max(z, 0) - z y + ln(1 + e^-|z|): labels first
     * (swapping the arguments gives another number), the mean as default reduction, and label smoothing
     * that trains on y (1 - s) + s / 2.
     */
    @Test
    void sigmoidCrossEntropyConventions() {
        double[] logits = {-2.5, -0.5, 0, 1, 3};
        double[] labels = {0, 1, 1, 0, 1};
        INDArray z = Nd4j.createFromArray(logits);
        INDArray y = Nd4j.createFromArray(labels);
        double[] perElement = FromLogits.bceWithLogits(z, y).toDoubleVector();
        double mean = 0;
        for (int i = 0; i < logits.length; i++) {
            assertEquals(crossEntropy(logits[i], labels[i]), perElement[i], 1e-15, "z = " + logits[i]);
            mean += crossEntropy(logits[i], labels[i]) / logits.length;
        }
        assertEquals(mean, FromLogits.bceWithLogitsDefaults(z, y), 1e-15, "default reduction: the mean");
        double swapped = FromLogits.bceWithLogits(y, z).sumNumber().doubleValue();
        assertTrue(Math.abs(swapped - mean * logits.length) > 0.1, "the argument order matters: " + swapped);
        double s = 0.2;
        double[] smoothed = FromLogits.bceWithLogitsSmoothed(z, y, s).toDoubleVector();
        for (int i = 0; i < logits.length; i++) {
            assertEquals(crossEntropy(logits[i], labels[i] * (1 - s) + s / 2), smoothed[i], 1e-15, "smoothed, z = " + logits[i]);
        }
    }

    private static double crossEntropy(double z, double y) {
        return Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
    }
}
