package org.sigmoidbook.chapters.equation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.sigmoidbook.BookTest;
import org.sigmoidbook.ChapterData;
import org.sigmoidbook.QuickBook;
import org.sigmoidbook.chapters.equation.EquationChapter.Prediction;
import org.sigmoidbook.chapters.equation.EquationChapter.SigmoidValue;
import org.sigmoidbook.chapters.equation.EquationChapter.SoftmaxCheck;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.numerics.ExactSigmoid;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/** Chapter 1's tables and findings in the shared quick run, against closed forms and recounts. */
class EquationQuickRunTest {

    private static ChapterData run() {
        return QuickBook.chapter("equation");
    }

    private static double finding(String name) {
        return run().finding(name);
    }

    private static List<Prediction> predictions() {
        return run().rows("probabilities", Prediction.class);
    }

    @BookTest
    void sigmaOfZeroIsReportedAsExactlyOneHalf() {
        assertEquals(0.5, finding("sigma(0)"));
        assertTrue(QuickBook.book().stdout().contains("sigma(0) = 0.5000"), QuickBook.book().stdout());
    }

    /** The curve's values: inside (0, 1), strictly increasing, equal to 1 / (1 + e^-z), symmetric. */
    @BookTest
    void valuesStayInsideTheOpenRangeAndAreSymmetric() {
        List<SigmoidValue> values = run().rows("sigmoid-values", SigmoidValue.class);
        assertEquals(401, values.size());
        for (int i = 0; i < values.size(); i++) {
            double z = values.get(i).z();
            double sigma = values.get(i).sigma();
            assertTrue(sigma > 0 && sigma < 1, "sigma(" + z + ") = " + sigma);
            assertEquals(1 / (1 + Math.exp(-z)), sigma, 2 * Math.ulp(sigma), "closed form at z = " + z);
            if (i > 0) {
                assertTrue(sigma > values.get(i - 1).sigma(), "strictly increasing at z = " + z);
            }
            // sigma(-z) = 1 - sigma(z), within two units in the last place of 1
            assertEquals(1 - sigma, values.get(values.size() - 1 - i).sigma(), 2 * Math.ulp(1.0), "symmetry at z = " + z);
        }
        assertTrue(finding("max |sigma(-z) - (1 - sigma(z))| over the grid") <= 2 * Math.ulp(1.0));
    }

    /** sigma(z) -> 0 like e^z as z -> -inf and 1 - sigma(z) -> 0 like e^-z as z -> +inf. */
    @BookTest
    void limitsFollowTheExponentialTails() {
        double tail = Math.exp(-10) / (1 + Math.exp(-10));
        assertEquals(tail, finding("sigma(-10)"), 1e-12 * tail);
        assertEquals(tail, finding("1 - sigma(10)"), 1e-9 * tail);
    }

    @BookTest
    void sigmaRoundsToOneFromTwentyFourLnTwoInFloat() {
        assertEquals(24 * Math.log(2), finding("smallest z with sigma(z) = 1 exactly in FLOAT"), 1e-4);
        assertEquals(53 * Math.log(2), finding("smallest z with sigma(z) = 1 exactly in DOUBLE"), 1e-4);
    }

    /** Chance is 50% (the held-out 4s and 9s are balanced); quick mode measured 0.949 (full 0.969), so 0.90 leaves margin. */
    @BookTest
    void classifierIsFarAboveChanceOnHeldOutDigits() throws Exception {
        Mnist.Split mnist = Mnist.load();
        Digits test = mnist.test().onlyClasses(Digits.NEGATIVE_DIGIT, Digits.POSITIVE_DIGIT);
        assertEquals(test.size(), finding("held-out digits (4s and 9s)"));
        List<Prediction> predictions = predictions();
        assertEquals(test.size(), predictions.size());
        int correct = 0;
        for (int i = 0; i < test.size(); i++) {
            assertEquals(test.label(i), predictions.get(i).digit(), "predictions are in held-out file order");
            double p = predictions.get(i).pNine();
            assertTrue(p >= 0 && p <= 1, "a probability: " + p);
            boolean saysNine = p >= 0.5;
            correct += saysNine == (test.label(i) == Digits.POSITIVE_DIGIT) ? 1 : 0;
        }
        double accuracy = correct / (double) test.size();
        assertEquals(accuracy, finding("held-out accuracy (P >= 0.5 means 9)"), 1e-4);
        assertTrue(accuracy >= 0.90, "held-out accuracy " + accuracy + " (chance 0.5)");
        assertTrue(finding("chance level (always the majority digit)") < 0.55);
        assertTrue(finding("max |network output - sigma(w.x + b)|") <= 1e-6, "the output unit is sigma of a linear score");
    }

    /** ECE recomputed here from the per-digit predictions, independently of the toolkit's Calibration. */
    @BookTest
    void reliabilityTableAndCalibrationErrorAgreeWithThePredictions() {
        List<Prediction> predictions = predictions();
        int bins = EquationChapter.BINS;
        int[] count = new int[bins];
        double[] sumP = new double[bins];
        double[] sumY = new double[bins];
        for (Prediction prediction : predictions) {
            double p = prediction.pNine();
            int b = p == 1.0 ? bins - 1 : (int) Math.floor(p * bins);
            count[b]++;
            sumP[b] += p;
            sumY[b] += prediction.y();
        }
        double ece = 0;
        for (int b = 0; b < bins; b++) {
            ece += count[b] == 0 ? 0 : Math.abs(sumY[b] - sumP[b]) / predictions.size();
        }
        assertEquals(ece, finding("expected calibration error (10 bins)"), 1e-4);
        assertTrue(ece < 0.1, "a logistic regression is roughly calibrated: ECE " + ece);
        List<Calibration.Bin> reliability = run().rows("reliability", Calibration.Bin.class);
        assertEquals(bins, reliability.size());
        for (int b = 0; b < bins; b++) {
            assertEquals(count[b], reliability.get(b).count());
            if (count[b] > 0) {
                assertEquals(sumY[b] / count[b], reliability.get(b).observedFrequency(), 1e-12);
            }
        }
    }

    /**
     * The logit of the network's output gives back its score w.x + b. The output p is sigma of the
     * score rounded to the data type, and the logit divides that rounding by p (1 - p): at most about
     * ulp(p) / (p (1 - p)) per digit, plus the logit's own rounding of a few ulps of |z|.
     */
    @BookTest
    void logitOfTheOutputGivesBackTheScore() {
        double largestScore = finding("largest |w.x + b| over the held-out digits");
        double floatBound = 0;
        double doubleBound = 0;
        for (Prediction prediction : predictions()) {
            double p = prediction.pNine();
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
    @BookTest
    void twoClassSoftmaxIsTheSigmoidOfTheDifference() {
        double[][] pairs = EquationChapter.softmaxGrid();
        List<SoftmaxCheck> checks = run().rows("two-class-softmax", SoftmaxCheck.class);
        assertEquals(List.of(DataType.FLOAT, DataType.DOUBLE), checks.stream().map(SoftmaxCheck::dataType).toList());
        for (SoftmaxCheck check : checks) {
            DataType type = check.dataType();
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
            assertTrue(check.maxDifferenceInUlps() >= 0.5 && check.maxDifferenceInUlps() <= 4, type + ": " + check.maxDifferenceInUlps() + " ulps");
            assertEquals(pairs.length, check.pairs());
            assertEquals(worst, check.maxAbsDifference(), 0.0);
            assertEquals(worst, finding("max |softmax(z1, z2)_1 - sigma(z1 - z2)| in " + type), 0.01 * worst);
        }
    }
}
