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
import org.sigmoidbook.book.Finding;
import org.sigmoidbook.chapters.equation.EquationChapter.Prediction;
import org.sigmoidbook.chapters.equation.EquationChapter.SeedRun;
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

    /** ND4J's 1 / (1 + e^-z) is 1 from p ln 2, the correctly rounded sigma from (p + 1) ln 2 (p = 24 or 53 significand bits). */
    @BookTest
    void sigmaRoundsToOneWhereTheSignificandRunsOut() {
        assertEquals(24 * Math.log(2), finding("smallest z where ND4J's sigma(z) = 1 exactly in FLOAT"), 1e-4);
        assertEquals(53 * Math.log(2), finding("smallest z where ND4J's sigma(z) = 1 exactly in DOUBLE"), 1e-4);
        assertEquals(25 * Math.log(2), finding("smallest z where the correctly rounded sigma(z) = 1 in FLOAT"), 1e-4);
        assertEquals(54 * Math.log(2), finding("smallest z where the correctly rounded sigma(z) = 1 in DOUBLE"), 1e-4);
        assertEquals(Math.pow(2, -24), finding("unit roundoff of FLOAT"));
        assertEquals(Math.pow(2, -53), finding("unit roundoff of DOUBLE"));
        for (int bits : new int[]{24, 25, 53, 54}) {
            assertEquals(bits * Math.log(2), finding(bits + " ln 2"), 1e-12);
        }
    }

    /**
     * At z = 15 in float32: sigma(-15) is within an ulp of e^-15 / (1 + e^-15); 1 - sigma(15) is a whole
     * number of u = 2^-24 (the gap below 1), within about u of the true value and so far from it in
     * relative terms.
     */
    @BookTest
    void oneMinusSigmaLosesWhatSigmaOfMinusZKeeps() {
        double exact = Math.exp(-15) / (1 + Math.exp(-15));
        assertEquals(exact, finding("exact sigma(-15)"), 1e-15 * exact);
        assertEquals(exact, finding("sigma(-15), ND4J, FLOAT"), Math.ulp((float) exact));
        double oneMinus = finding("1 - sigma(15), ND4J, FLOAT");
        double inUnits = oneMinus / Math.pow(2, -24);
        assertEquals(Math.rint(inUnits), inUnits, 0.0, "a whole number of 2^-24: " + inUnits);
        assertTrue(Math.abs(oneMinus - exact) <= Math.pow(2, -24), oneMinus + " against " + exact);
        assertTrue(Math.abs(oneMinus - exact) > 0.01 * exact, "more than 1% off");
    }

    /**
     * The chapter's seed's accuracy, recounted from its predictions, with a binomial interval about as
     * wide as the normal approximation's 2 x 1.96 sqrt(p (1 - p) / n); the spread over seeds in the
     * per-seed table.
     */
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
        Finding reported = run().results().get("held-out accuracy (P >= 0.5 means 9)");
        assertEquals(accuracy, reported.value(), 1e-12);
        assertEquals(Finding.Basis.BINOMIAL, reported.basis());
        assertEquals(test.size(), reported.n());
        assertEquals(1, reported.seeds());
        assertTrue(reported.text().contains(correct + " of " + test.size()) && reported.text().contains("one seed"), reported.text());
        double normalWidth = 2 * 1.96 * Math.sqrt(accuracy * (1 - accuracy) / test.size());
        assertEquals(normalWidth, reported.high() - reported.low(), 0.2 * normalWidth);
        assertTrue(accuracy >= 0.90, "held-out accuracy " + accuracy + " (chance 0.5)");
        assertTrue(finding("chance level (always the majority digit)") < 0.55);

        List<SeedRun> seeds = run().rows("classifier-seeds", SeedRun.class);
        assertEquals(finding("classifier seeds"), seeds.size());
        assertEquals(QuickBook.SEED, seeds.get(0).seed());
        assertEquals(correct, seeds.get(0).correct());
        double mean = 0;
        for (SeedRun seed : seeds) {
            assertEquals(seed.correct() / (double) seed.heldOut(), seed.heldoutAccuracy(), 1e-12);
            assertTrue(seed.heldoutAccuracy() >= 0.90, "seed " + seed.seed() + ": " + seed.heldoutAccuracy());
            mean += seed.heldoutAccuracy() / seeds.size();
        }
        Finding overSeeds = run().results().get("held-out accuracy over seeds");
        assertEquals(mean, overSeeds.value(), 1e-12);
        assertEquals(seeds.size(), overSeeds.seeds());
        assertTrue(overSeeds.low() <= mean && mean <= overSeeds.high());
        assertEquals("0.0e+00 (the largest over " + seeds.size() + " seeds)", run().text("max |network output - sigma(w.x + b)|"),
                "the output unit is sigma of a linear score");
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
        Finding reported = run().results().get("expected calibration error (10 bins)");
        assertEquals(ece, reported.value(), 1e-12);
        assertEquals(Finding.Basis.BOOTSTRAP, reported.basis());
        assertEquals(EquationChapter.RESAMPLES_QUICK, reported.n());
        assertTrue(reported.low() < reported.high());
        assertTrue(ece < 0.1, "a logistic regression is roughly calibrated: ECE " + ece);
        assertEquals(ece, run().rows("classifier-seeds", SeedRun.class).get(0).expectedCalibrationError(), 1e-12);
        List<Calibration.Bin> reliability = run().rows("reliability", Calibration.Bin.class);
        assertEquals(bins, reliability.size());
        int covered = 0;
        int filled = 0;
        for (int b = 0; b < bins; b++) {
            Calibration.Bin bin = reliability.get(b);
            assertEquals(count[b], bin.count());
            if (count[b] > 0) {
                filled++;
                assertEquals(sumY[b], bin.positives());
                assertEquals(sumY[b] / count[b], bin.observedFrequency(), 1e-12);
                assertTrue(bin.wilsonLow() <= bin.observedFrequency() && bin.observedFrequency() <= bin.wilsonHigh(), "bin " + b);
                covered += bin.wilsonLow() <= bin.meanPredicted() && bin.meanPredicted() <= bin.wilsonHigh() ? 1 : 0;
            }
        }
        assertEquals(covered + " of " + filled + " (one seed)", run().text("bins whose Wilson interval contains their mean prediction"));
        String noise = run().text("ECE of the same predictions with labels drawn from them");
        double median = leadingNumber(noise);
        assertTrue(median > 0 && median < 0.1 && noise.contains("median of " + EquationChapter.RESAMPLES_QUICK + " draws"), noise);
    }

    /**
     * The logit of the network's output gives back its score w.x + b. The output p is sigma of the
     * score rounded to the data type, and the logit divides that rounding by p (1 - p): at most
     * ulp(p) / (p (1 - p)) per digit, which for scores up to Z is at most u / sigma'(Z) with u the
     * gap below 1, plus the logit's own rounding of a few ulps of Z.
     */
    @BookTest
    void logitOfTheOutputGivesBackTheScore() {
        double largestScore = run().rows("classifier-seeds", SeedRun.class).stream().mapToDouble(SeedRun::largestScore).max().orElseThrow();
        double sigmaPrime = Math.exp(-largestScore) / Math.pow(1 + Math.exp(-largestScore), 2);
        double floatError = leadingNumber(run().text("max |logit(p) - (w.x + b)| in FLOAT"));
        double doubleError = leadingNumber(run().text("max |logit(p) - (w.x + b)| in DOUBLE"));
        assertTrue(floatError <= Math.pow(2, -24) / sigmaPrime + 8 * Math.ulp((float) largestScore), floatError + " for scores up to " + largestScore);
        assertTrue(doubleError <= Math.pow(2, -53) / sigmaPrime + 8 * Math.ulp(largestScore), doubleError + " for scores up to " + largestScore);
        assertTrue(doubleError < floatError * 1e-6, "float64 recovers the score far more closely");
        assertTrue(largestScore > 5, "the held-out scores reach into the sigmoid's flat tails: " + largestScore);
        for (Prediction prediction : predictions()) {
            assertTrue(prediction.pNine() > 0 && prediction.pNine() < 1, "no float32 output rounded to 0 or 1: " + prediction.pNine());
        }
    }

    /** The number a finding's text starts with, such as 3.2e-04 in "3.2e-04 (the largest over 3 seeds)". */
    private static double leadingNumber(String text) {
        return Double.parseDouble(text.substring(0, text.indexOf(' ')));
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
