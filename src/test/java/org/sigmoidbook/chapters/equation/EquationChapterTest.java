package org.sigmoidbook.chapters.equation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.sigmoidbook.GradientChecks;
import org.sigmoidbook.QuickBook;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.numerics.ExactSigmoid;
import org.sigmoidbook.toolkit.numerics.Sigmoid;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

@Tag("book")
class EquationChapterTest {

    private static QuickBook.Output book;

    @BeforeAll
    static void runQuickChapter() {
        book = QuickBook.chapter("equation");
    }

    private static double finding(String name) {
        Table findings = book.table("equation", "findings.csv", ColumnType.STRING, ColumnType.STRING, ColumnType.DOUBLE);
        for (int row = 0; row < findings.rowCount(); row++) {
            if (findings.stringColumn("finding").get(row).equals(name)) {
                return findings.doubleColumn("value").get(row);
            }
        }
        throw new AssertionError("no finding '" + name + "' in " + findings.stringColumn("finding").asList());
    }

    @Test
    void sigmaOfZeroIsExactlyOneHalf() {
        assertEquals(0.5, Sigmoid.of(0.0));
        assertEquals(0.5, Sigmoid.forward(Sigmoid.vector(DataType.FLOAT, 0)).getDouble(0));
        assertEquals(0.5, Sigmoid.forward(Sigmoid.vector(DataType.DOUBLE, 0)).getDouble(0));
        assertEquals(0.5, finding("sigma(0)"));
        assertTrue(book.stdout().contains("sigma(0) = 0.5000"), book.stdout());
    }

    /** The curve's values: inside (0, 1), strictly increasing, equal to 1 / (1 + e^-z), symmetric. */
    @Test
    void valuesStayInsideTheOpenRangeAndAreSymmetric() {
        Table values = book.table("equation", "sigmoid-values.csv", ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.DOUBLE);
        assertEquals(401, values.rowCount());
        double[] z = values.doubleColumn("z").asDoubleArray();
        double[] sigma = values.doubleColumn("sigma").asDoubleArray();
        for (int i = 0; i < z.length; i++) {
            assertTrue(sigma[i] > 0 && sigma[i] < 1, "sigma(" + z[i] + ") = " + sigma[i]);
            assertEquals(1 / (1 + Math.exp(-z[i])), sigma[i], 2 * Math.ulp(sigma[i]), "closed form at z = " + z[i]);
            if (i > 0) {
                assertTrue(sigma[i] > sigma[i - 1], "strictly increasing at z = " + z[i]);
            }
            // sigma(-z) = 1 - sigma(z), within two units in the last place of 1
            assertEquals(1 - sigma[i], sigma[z.length - 1 - i], 2 * Math.ulp(1.0), "symmetry at z = " + z[i]);
        }
        assertTrue(finding("max |sigma(-z) - (1 - sigma(z))| over the grid") <= 2 * Math.ulp(1.0));
    }

    /** The limits: sigma(z) -> 0 like e^z as z -> -inf and 1 - sigma(z) -> 0 like e^-z as z -> +inf. */
    @Test
    void limitsFollowTheExponentialTails() {
        double tail = Math.exp(-10) / (1 + Math.exp(-10));
        assertEquals(tail, finding("sigma(-10)"), 1e-12 * tail);
        assertEquals(tail, finding("1 - sigma(10)"), 1e-9 * tail);
        INDArray far = Sigmoid.forward(Sigmoid.vector(DataType.DOUBLE, -40, 40));
        assertEquals(Math.exp(-40), far.getDouble(0), 1e-15 * Math.exp(-40));
        assertEquals(1.0, far.getDouble(1), "1 - e^-40 rounds to 1 in DOUBLE");
    }

    /** 1 + e^-z rounds to 1 once e^-z <= 2^-p (p = 24 or 53 significand bits), that is from z = p ln 2. */
    @Test
    void sigmaRoundsToOneWhereTheSignificandRunsOut() {
        double floatThreshold = EquationChapter.smallestZRoundingToOne(DataType.FLOAT);
        double doubleThreshold = EquationChapter.smallestZRoundingToOne(DataType.DOUBLE);
        assertEquals(24 * Math.log(2), floatThreshold, 1e-5);
        assertEquals(53 * Math.log(2), doubleThreshold, 1e-12);
        assertTrue(Sigmoid.forward(Sigmoid.vector(DataType.FLOAT, Math.nextDown((float) floatThreshold))).getDouble(0) < 1);
        assertEquals(floatThreshold, finding("smallest z with sigma(z) = 1 exactly in FLOAT"), 1e-9);
    }

    /** Chance is 50% (the held-out 4s and 9s are balanced); quick mode measured 0.949 (full 0.969), so 0.90 leaves margin. */
    @Test
    void classifierIsFarAboveChanceOnHeldOutDigits() throws Exception {
        Mnist.Split mnist = Mnist.load();
        Digits test = mnist.test().onlyClasses(Digits.NEGATIVE_DIGIT, Digits.POSITIVE_DIGIT);
        assertEquals(test.size(), finding("held-out digits (4s and 9s)"));
        Table predictions = book.table("equation", "probabilities.csv", ColumnType.INTEGER, ColumnType.INTEGER, ColumnType.DOUBLE);
        assertEquals(test.size(), predictions.rowCount());
        int correct = 0;
        for (int i = 0; i < test.size(); i++) {
            assertEquals(test.label(i), predictions.intColumn("digit").get(i), "predictions are in held-out file order");
            double p = predictions.doubleColumn("p_nine").get(i);
            assertTrue(p >= 0 && p <= 1, "a probability: " + p);
            boolean saysNine = p >= 0.5;
            correct += saysNine == (test.label(i) == Digits.POSITIVE_DIGIT) ? 1 : 0;
        }
        double accuracy = correct / (double) test.size();
        assertEquals(accuracy, finding("held-out accuracy (P >= 0.5 means 9)"), 1e-12);
        assertTrue(accuracy >= 0.90, "held-out accuracy " + accuracy + " (chance 0.5)");
        assertTrue(finding("chance level (always the majority digit)") < 0.55);
        assertTrue(finding("max |network output - sigma(w.x + b)|") <= 1e-6, "the output unit is sigma of a linear score");
    }

    /** ECE recomputed here from the per-digit predictions, independently of the toolkit's Calibration. */
    @Test
    void reliabilityTableAndCalibrationErrorAgreeWithThePredictions() {
        Table predictions = book.table("equation", "probabilities.csv", ColumnType.INTEGER, ColumnType.INTEGER, ColumnType.DOUBLE);
        int bins = EquationChapter.BINS;
        int[] count = new int[bins];
        double[] sumP = new double[bins];
        double[] sumY = new double[bins];
        for (int i = 0; i < predictions.rowCount(); i++) {
            double p = predictions.doubleColumn("p_nine").get(i);
            int b = p == 1.0 ? bins - 1 : (int) Math.floor(p * bins);
            count[b]++;
            sumP[b] += p;
            sumY[b] += predictions.intColumn("y").get(i);
        }
        double ece = 0;
        for (int b = 0; b < bins; b++) {
            ece += count[b] == 0 ? 0 : Math.abs(sumY[b] - sumP[b]) / predictions.rowCount();
        }
        assertEquals(ece, finding("expected calibration error (10 bins)"), 1e-12);
        assertTrue(ece < 0.1, "a logistic regression is roughly calibrated: ECE " + ece);
        Table reliability = book.table("equation", "reliability.csv", ColumnType.DOUBLE, ColumnType.DOUBLE,
                ColumnType.INTEGER, ColumnType.DOUBLE, ColumnType.DOUBLE);
        assertEquals(bins, reliability.rowCount());
        for (int b = 0; b < bins; b++) {
            assertEquals(count[b], reliability.intColumn("count").get(b));
            if (count[b] > 0) {
                assertEquals(sumY[b] / count[b], reliability.doubleColumn("observed_frequency").get(b), 1e-12);
            }
        }
    }

    /** The logit inverts the sigmoid: ln(sigma / (1 - sigma)) = z, against the 40-digit sigma, in DOUBLE. */
    @Test
    void logitInvertsTheSigmoid() {
        double[] z = {-30, -8, -1, 0, 0.5, 3, 12};
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = ExactSigmoid.of(z[i]);
        }
        double[] logit = EquationChapter.logit(Sigmoid.vector(DataType.DOUBLE, p)).toDoubleVector();
        for (int i = 0; i < z.length; i++) {
            // p carries half an ulp of rounding; the logit divides it by p (1 - p).
            double tolerance = Math.ulp(p[i]) / (p[i] * (1 - p[i])) + 4 * Math.ulp(Math.abs(z[i]) + 1);
            assertEquals(z[i], logit[i], tolerance, "logit(sigma(" + z[i] + "))");
        }
    }

    /**
     * The logit of the network's output gives back its score w.x + b. The output p is sigma of the
     * score rounded to the data type, and the logit divides that rounding by p (1 - p): at most about
     * ulp(p) / (p (1 - p)) per digit, plus the logit's own rounding of a few ulps of |z|.
     */
    @Test
    void logitOfTheOutputGivesBackTheScore() {
        Table predictions = book.table("equation", "probabilities.csv", ColumnType.INTEGER, ColumnType.INTEGER, ColumnType.DOUBLE);
        double largestScore = finding("largest |w.x + b| over the held-out digits");
        double floatBound = 0;
        double doubleBound = 0;
        for (double p : predictions.doubleColumn("p_nine").asDoubleArray()) {
            assertTrue(p > 0 && p < 1, "no FLOAT output rounded to 0 or 1: " + p);
            floatBound = Math.max(floatBound, Math.ulp((float) p) / (p * (1 - p)));
            doubleBound = Math.max(doubleBound, Math.ulp(p) / (p * (1 - p)));
        }
        double floatError = finding("max |logit(p) - (w.x + b)| in FLOAT");
        double doubleError = finding("max |logit(p) - (w.x + b)| in DOUBLE");
        assertTrue(floatError <= floatBound + 8 * Math.ulp((float) largestScore), floatError + " > " + floatBound);
        assertTrue(doubleError <= doubleBound + 8 * Math.ulp(largestScore), doubleError + " > " + doubleBound);
        assertTrue(doubleError < floatError * 1e-6, "DOUBLE recovers the score far more closely");
        assertTrue(largestScore > 5, "the held-out scores reach into the sigmoid's flat tails: " + largestScore);
    }

    /**
     * softmax(z1, z2)_1 = sigma(z1 - z2): ND4J's softmax and sigmoid, each within 3 ulps of the 40-digit
     * sigma(z1 - z2) on the chapter's grid, differ by a few ulps of the result.
     */
    @Test
    void twoClassSoftmaxIsTheSigmoidOfTheDifference() {
        double[][] pairs = EquationChapter.softmaxGrid();
        assertEquals(81 * 81, pairs.length);
        Table table = book.table("equation", "two-class-softmax.csv");
        for (int row = 0; row < 2; row++) {
            DataType type = DataType.valueOf(table.stringColumn("data_type").get(row));
            INDArray z = Nd4j.createFromArray(pairs).castTo(type);
            double[] softmax = Transforms.softmax(z, true).getColumn(0).toDoubleVector();
            double[] sigmoid = Sigmoid.forward(z.getColumn(0).sub(z.getColumn(1))).toDoubleVector();
            double worst = 0;
            for (int i = 0; i < pairs.length; i++) {
                double exact = ExactSigmoid.of(pairs[i][0] - pairs[i][1]);
                double ulp = type == DataType.FLOAT ? Math.ulp((float) exact) : Math.ulp(exact);
                assertEquals(exact, softmax[i], 3 * ulp, type + " softmax at " + pairs[i][0] + ", " + pairs[i][1]);
                assertEquals(exact, sigmoid[i], 3 * ulp, type + " sigmoid at " + pairs[i][0] + ", " + pairs[i][1]);
                worst = Math.max(worst, Math.abs(softmax[i] - sigmoid[i]));
            }
            double ulps = table.doubleColumn("max_difference_in_ulps").get(row);
            assertTrue(ulps >= 0.5 && ulps <= 4, type + ": " + ulps + " ulps");
            assertEquals(pairs.length, table.intColumn("pairs").get(row));
            assertEquals(worst, table.doubleColumn("max_abs_difference").get(row), 0.0);
            assertEquals(worst, finding("max |softmax(z1, z2)_1 - sigma(z1 - z2)| in " + type), 0.01 * worst);
        }
    }

    /** The classifier's configuration (one sigmoid unit, binary cross-entropy) at 12 inputs, in DOUBLE. */
    @Test
    void classifierPassesTheFiniteDifferenceGradientCheck() {
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 8, 12);
        INDArray y = Nd4j.createFromArray(new double[][]{{1}, {0}, {0}, {1}, {1}, {0}, {1}, {0}});
        var net = EquationChapter.classifier(12).dataType(DataType.DOUBLE).frozen().seed(3).build();
        GradientChecks.assertPasses(net, new DataSet(x, y));
    }
}
