package org.sigmoidbook.chapters.equation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.sigmoidbook.book.Chapter;
import org.sigmoidbook.book.ChapterInfo;
import org.sigmoidbook.book.Figures;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.book.Launcher;
import org.sigmoidbook.book.Results;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.nn.Accuracy;
import org.sigmoidbook.toolkit.numerics.ExactSigmoid;
import org.sigmoidbook.toolkit.numerics.Intervals;
import org.sigmoidbook.toolkit.numerics.Sigmoid;
import org.sigmoidbook.toolkit.numerics.Stats;

/**
 * Chapter 1: sigma(z) = 1 / (1 + e^-z), its limits, its midpoint and its (0, 1) range, and where
 * floating point makes it exactly 1; then the reading that makes it the output of a binary
 * classifier: logistic regression, sigma(w.x + b) as P(y = 1 | x), trained on MNIST 4s against 9s
 * over several seeds and checked on held-out digits with a reliability diagram; its inverse, the
 * logit; and the two-class softmax, which is the sigmoid of a difference.
 */
@ChapterInfo(number = 1, id = "equation", title = "The sigmoid equation",
        summary = "the curve, its limits and range, σ as P(y = 1 | x) in a DL4J classifier", cover = "sigmoid-curve")
public final class EquationChapter implements Chapter {

    /** The two-class softmax is compared with the sigmoid on every pair (z1, z2) of this grid, in steps of 1/2. */
    public static final double SOFTMAX_LIMIT = 20;

    /** Equal-width bins of predicted probability, for the histogram and the reliability diagram. */
    public static final int BINS = 10;

    /** Where the page compares 1 - sigma(z) with sigma(-z) in FLOAT. */
    public static final double TAIL_Z = 15;

    /**
     * Resamples of the held-out digits for the bootstrap interval of the calibration error, and draws
     * of labels for its noise level; fewer in a quick run.
     */
    public static final int RESAMPLES = 2000;
    public static final int RESAMPLES_QUICK = 500;
    /** Training seeds of the classifier, the chapter's own first; fewer in a quick run. */
    public static final int SEEDS = 8;
    public static final int SEEDS_QUICK = 2;

    public static void main(String[] args) {
        Launcher.run(EquationChapter.class, args);
    }

    /** ND4J's sigmoid at one z of the curve, in DOUBLE and in FLOAT. */
    public record SigmoidValue(double z, double sigma, double sigmaFloat) {
    }

    /** One held-out digit: its class, y = 1 for a 9, and the classifier's P(y = 1 | x), from the chapter's own seed. */
    public record Prediction(int digit, int y, double pNine) {
    }

    /** One seed's classifier on the held-out digits: how many it got right, and its calibration error. */
    public record SeedRun(long seed, int correct, int heldOut, double heldoutAccuracy, double expectedCalibrationError,
                          double largestScore) {
    }

    /** softmax(z1, z2)_1 against sigma(z1 - z2) over the grid, in one data type: the largest difference and where. */
    public record SoftmaxCheck(DataType dataType, int pairs, double maxAbsDifference, double z1AtMax, double z2AtMax,
                               double maxDifferenceInUlps) {
    }

    @Override
    public void measure(Lab lab) throws Exception {
        curve(lab);
        roundingToOne(lab);
        probabilityReading(lab);
        List<SoftmaxCheck> softmax = twoClassSoftmax();
        lab.table("two-class-softmax", softmax);
        for (SoftmaxCheck check : softmax) {
            lab.finding("max |softmax(z1, z2)_1 - sigma(z1 - z2)| in " + check.dataType(), check.maxAbsDifference(), "%.1e");
        }
    }

    @Override
    public void draw(Results results, Figures figures) throws Exception {
        figures.add("sigmoid-curve", EquationFigures.curveChart(results.rows("sigmoid-values", SigmoidValue.class)));
        figures.add("probabilities", EquationFigures.histogram(results.rows("probabilities", Prediction.class)));
        figures.add("reliability", EquationFigures.reliabilityDiagram(results.rows("reliability", Calibration.Bin.class)));
    }

    private static void curve(Lab lab) {
        // z = k / 20 for k = -200 ... 200: dividing whole numbers keeps the grid exactly symmetric about 0.
        double[] z = new double[401];
        Arrays.setAll(z, i -> (i - 200) / 20.0);
        double[] sigma = Sigmoid.forward(Sigmoid.vector(DataType.DOUBLE, z)).toDoubleVector();
        double[] sigmaFloat = Sigmoid.forward(Sigmoid.vector(DataType.FLOAT, z)).toDoubleVector();
        lab.table("sigmoid-values", IntStream.range(0, z.length).mapToObj(i -> new SigmoidValue(z[i], sigma[i], sigmaFloat[i])).toList());

        lab.finding("sigma(0)", Sigmoid.at(0, DataType.DOUBLE), "%.4f");
        lab.finding("sigma(-10)", Sigmoid.at(-10, DataType.DOUBLE), "%.3e");
        lab.finding("1 - sigma(10)", 1 - Sigmoid.at(10, DataType.DOUBLE), "%.3e");
        double asymmetry = 0;
        for (int i = 0; i < z.length; i++) {
            asymmetry = Math.max(asymmetry, Math.abs(sigma[z.length - 1 - i] - (1 - sigma[i])));
        }
        lab.finding("max |sigma(-z) - (1 - sigma(z))| over the grid", asymmetry, "%.1e");
        double oneMinus = Sigmoid.forward(Sigmoid.vector(DataType.FLOAT, TAIL_Z)).rsub(1.0).getDouble(0);
        lab.finding("1 - sigma(15), ND4J, FLOAT", oneMinus, "%.3e");
        lab.finding("sigma(-15), ND4J, FLOAT", Sigmoid.at(-TAIL_Z, DataType.FLOAT), "%.3e");
        lab.finding("exact sigma(-15)", ExactSigmoid.of(-TAIL_Z), "%.3e");
    }

    /**
     * Mathematically sigma(z) < 1 for every z; in floating point it becomes exactly 1, at a point that
     * depends on how it is computed: ND4J's formula against the correctly rounded value.
     */
    private static void roundingToOne(Lab lab) {
        for (DataType type : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
            lab.finding("unit roundoff of " + type, RoundingToOne.unitRoundoff(type), "%.2e");
            lab.finding("smallest z where ND4J's sigma(z) = 1 exactly in " + type, RoundingToOne.nd4j(type), "%.4f");
            lab.finding("smallest z where the correctly rounded sigma(z) = 1 in " + type, RoundingToOne.correctlyRounded(type), "%.4f");
        }
        for (int bits : new int[]{24, 25, 53, 54}) {
            lab.finding(bits + " ln 2", bits * Math.log(2), "%.4f");
        }
    }

    /**
     * Logistic regression on 4s against 9s over several seeds: each seed's held-out accuracy and
     * calibration error; the chapter's own seed (the first) also gives the figures, with a binomial
     * interval on its accuracy and a bootstrap interval on its calibration error.
     */
    private static void probabilityReading(Lab lab) throws Exception {
        Mnist.Split mnist = Mnist.load();
        Digits train = mnist.train().first(lab.size(4000, mnist.train().size())).onlyClasses(Digits.NEGATIVE_DIGIT, Digits.POSITIVE_DIGIT);
        Digits test = mnist.test().onlyClasses(Digits.NEGATIVE_DIGIT, Digits.POSITIVE_DIGIT);
        int epochs = lab.size(10, 20);
        int seedCount = lab.size(SEEDS_QUICK, SEEDS);
        int resamples = lab.size(RESAMPLES_QUICK, RESAMPLES);
        lab.finding("training digits (4s and 9s)", train.size(), "%.0f");
        lab.finding("held-out digits (4s and 9s)", test.size(), "%.0f");
        lab.finding("classifier seeds", seedCount, "%.0f");
        lab.finding("epochs", epochs, "%.0f");

        List<Long> seeds = LongStream.range(0, seedCount).map(k -> lab.seed() + k).boxed().toList();
        List<LogisticRegression.Trained> runs = lab.parallel(seeds, seed -> LogisticRegression.train(train, test, epochs, seed));
        int[] y = IntStream.range(0, test.size()).map(i -> test.label(i) == Digits.POSITIVE_DIGIT ? 1 : 0).toArray();
        List<SeedRun> perSeed = runs.stream().map(run -> seedRun(run, y)).toList();
        lab.table("classifier-seeds", perSeed);

        LogisticRegression.Trained first = runs.get(0);
        SeedRun firstRun = perSeed.get(0);
        int positives = IntStream.of(y).sum();
        lab.finding("chance level (always the majority digit)", Math.max(positives, y.length - positives) / (double) y.length, "%.4f");
        lab.proportion("held-out accuracy (P >= 0.5 means 9)", firstRun.correct(), firstRun.heldOut(), 1);
        lab.overSeeds("held-out accuracy over seeds", perSeed.stream().mapToDouble(SeedRun::heldoutAccuracy).toArray());
        lab.bootstrap("expected calibration error (10 bins)", Intervals.bootstrap(y.length,
                drawn -> calibration(first.pNine(), y, drawn).expectedCalibrationError(), resamples, lab.seed()), resamples, 1);
        lab.overSeeds("expected calibration error over seeds", perSeed.stream().mapToDouble(SeedRun::expectedCalibrationError).toArray());
        lab.medianOverSeeds("largest |w.x + b| over the held-out digits", runs.stream().mapToDouble(LogisticRegression.Trained::largestScore).toArray());
        largestOverSeeds(lab, "max |network output - sigma(w.x + b)|", runs, LogisticRegression.Trained::outputVsSigmoid);
        largestOverSeeds(lab, "max |logit(p) - (w.x + b)| in FLOAT", runs, LogisticRegression.Trained::logitErrorFloat);
        largestOverSeeds(lab, "max |logit(p) - (w.x + b)| in DOUBLE", runs, LogisticRegression.Trained::logitErrorDouble);

        lab.finding("ECE of the same predictions with labels drawn from them", calibratedNoise(first.pNine(), resamples, lab.seed()));
        List<Calibration.Bin> bins = Calibration.of(first.pNine(), y, BINS).bins().stream().filter(b -> b.count() > 0).toList();
        long covered = bins.stream().filter(b -> b.wilsonLow() <= b.meanPredicted() && b.meanPredicted() <= b.wilsonHigh()).count();
        lab.finding("bins whose Wilson interval contains their mean prediction",
                String.format(Locale.ROOT, "%d of %d (one seed)", covered, bins.size()));

        lab.table("probabilities", IntStream.range(0, test.size()).mapToObj(i -> new Prediction(test.label(i), y[i], first.pNine()[i])).toList());
        lab.table("reliability", Calibration.of(first.pNine(), y, BINS).bins());
    }

    /**
     * What the calibration error of these predictions would be from sampling noise alone: labels drawn
     * as y_i = 1 with probability p_i make the predictions perfectly calibrated by construction, and
     * their ECE on as many digits is still above 0. The median and the middle 95% of {@code draws}
     * such draws.
     */
    private static String calibratedNoise(double[] p, int draws, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] ece = new double[draws];
        int[] drawn = new int[p.length];
        for (int r = 0; r < draws; r++) {
            for (int i = 0; i < p.length; i++) {
                drawn[i] = random.nextDouble() < p[i] ? 1 : 0;
            }
            ece[r] = Calibration.of(p, drawn, BINS).expectedCalibrationError();
        }
        return String.format(Locale.ROOT, "%.3f (median of %d draws; 95%% of them %.3f–%.3f)", Stats.median(ece), draws,
                Stats.quantile(ece, 0.025), Stats.quantile(ece, 0.975));
    }

    private static SeedRun seedRun(LogisticRegression.Trained run, int[] y) {
        double accuracy = Accuracy.ofProbabilities(run.pNine(), IntStream.of(y).asDoubleStream().toArray());
        double ece = Calibration.of(run.pNine(), y, BINS).expectedCalibrationError();
        return new SeedRun(run.seed(), (int) Math.round(accuracy * y.length), y.length, accuracy, ece, run.largestScore());
    }

    /** The calibration of the predictions at the indices {@code drawn} (a bootstrap resample). */
    private static Calibration calibration(double[] p, int[] y, int[] drawn) {
        return Calibration.of(IntStream.of(drawn).mapToDouble(i -> p[i]).toArray(), IntStream.of(drawn).map(i -> y[i]).toArray(), BINS);
    }

    /**
     * A rounding error that the run could move: its largest value over the seeds, written as a power of
     * ten (a number this small is unreadable as a decimal) with the number of seeds it covers.
     */
    private static void largestOverSeeds(Lab lab, String name, List<LogisticRegression.Trained> runs,
                                         ToDoubleFunction<LogisticRegression.Trained> error) {
        double largest = runs.stream().mapToDouble(error).max().orElseThrow();
        lab.finding(name, String.format(Locale.ROOT, "%.1e (the largest over %d seeds)", largest, runs.size()));
    }

    /**
     * softmax(z1, z2) for the first class against sigma(z1 - z2), on every pair of a grid, with ND4J in
     * FLOAT and DOUBLE: one row per data type with the largest absolute difference, and the largest
     * difference in units in the last place (ulps) of the result.
     */
    static List<SoftmaxCheck> twoClassSoftmax() {
        double[][] pairs = softmaxGrid();
        List<SoftmaxCheck> checks = new ArrayList<>();
        for (DataType type : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
            INDArray z = Nd4j.createFromArray(pairs).castTo(type);
            double[] softmax = Transforms.softmax(z, true).getColumn(0).toDoubleVector();
            double[] sigmoid = Sigmoid.forward(z.getColumn(0).sub(z.getColumn(1))).toDoubleVector();
            int worst = 0;
            double ulps = 0;
            for (int i = 0; i < pairs.length; i++) {
                double difference = Math.abs(softmax[i] - sigmoid[i]);
                worst = difference > Math.abs(softmax[worst] - sigmoid[worst]) ? i : worst;
                ulps = Math.max(ulps, difference / (type == DataType.FLOAT ? Math.ulp((float) sigmoid[i]) : Math.ulp(sigmoid[i])));
            }
            checks.add(new SoftmaxCheck(type, pairs.length, Math.abs(softmax[worst] - sigmoid[worst]), pairs[worst][0], pairs[worst][1], ulps));
        }
        return checks;
    }

    /** Every (z1, z2) with z1, z2 = k / 2 in [-20, 20]: exact in FLOAT and DOUBLE, and so is z1 - z2. */
    public static double[][] softmaxGrid() {
        int half = (int) (2 * SOFTMAX_LIMIT);
        int side = 2 * half + 1;
        double[][] pairs = new double[side * side][];
        for (int i = 0; i < side; i++) {
            for (int j = 0; j < side; j++) {
                pairs[i * side + j] = new double[]{(i - half) / 2.0, (j - half) / 2.0};
            }
        }
        return pairs;
    }
}
