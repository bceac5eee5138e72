package org.sigmoidbook.chapters.equation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
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
import org.sigmoidbook.toolkit.nn.Networks;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/**
 * Chapter 1: sigma(z) = 1 / (1 + e^-z), its limits, its midpoint and its (0, 1) range; then the
 * reading that makes it the output of a binary classifier: logistic regression, sigma(w.x + b) as
 * P(y = 1 | x), trained on MNIST 4s against 9s and checked on held-out digits with a reliability
 * diagram; its inverse, the logit; and the two-class softmax, which is the sigmoid of a difference.
 */
@ChapterInfo(number = 1, id = "equation", title = "The sigmoid equation",
        summary = "the curve, its limits and range, σ as P(y = 1 | x) in a DL4J classifier", cover = "sigmoid-curve")
public final class EquationChapter implements Chapter {

    /** The two-class softmax is compared with the sigmoid on every pair (z1, z2) of this grid, in steps of 1/2. */
    public static final double SOFTMAX_LIMIT = 20;

    /** Equal-width bins of predicted probability, for the histogram and the reliability diagram. */
    public static final int BINS = 10;

    private static final double LEARNING_RATE = 0.5;
    private static final int BATCH_SIZE = 100;

    public static void main(String[] args) {
        Launcher.run(EquationChapter.class, args);
    }

    /**
     * The classifier: logistic regression, one sigmoid unit on the pixels with binary cross-entropy,
     * so that its output is literally sigma(w.x + b).
     */
    public static Networks.Mlp classifier(int inputs) {
        return Networks.mlp(inputs).output(1, Activation.SIGMOID, LossFunction.XENT);
    }

    /** ND4J's sigmoid at one z of the curve, in DOUBLE and in FLOAT. */
    public record SigmoidValue(double z, double sigma, double sigmaFloat) {
    }

    /** One held-out digit: its class, y = 1 for a 9, and the classifier's P(y = 1 | x). */
    public record Prediction(int digit, int y, double pNine) {
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
    }

    /**
     * Mathematically sigma(z) < 1 for every z; in floating point 1 + e^-z rounds to 1 once e^-z is
     * below half an ulp of 1, and from there sigma(z) is exactly 1.
     */
    private static void roundingToOne(Lab lab) {
        for (DataType type : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
            lab.finding("smallest z with sigma(z) = 1 exactly in " + type, smallestZRoundingToOne(type), "%.4f");
        }
    }

    /** Bisection on ND4J's sigmoid over the values the data type can hold. */
    public static double smallestZRoundingToOne(DataType type) {
        double below = 0;
        double atOne = 64;
        while (true) {
            double middle = representable((below + atOne) / 2, type);
            if (middle <= below || middle >= atOne) {
                return atOne;
            }
            if (Sigmoid.at(middle, type) == 1.0) {
                atOne = middle;
            } else {
                below = middle;
            }
        }
    }

    private static double representable(double value, DataType type) {
        return type == DataType.FLOAT ? (float) value : value;
    }

    private static void probabilityReading(Lab lab) throws Exception {
        Mnist.Split mnist = Mnist.load();
        Digits train = mnist.train().first(lab.size(4000, mnist.train().size())).onlyClasses(Digits.NEGATIVE_DIGIT, Digits.POSITIVE_DIGIT);
        Digits test = mnist.test().onlyClasses(Digits.NEGATIVE_DIGIT, Digits.POSITIVE_DIGIT);
        int epochs = lab.size(10, 20);
        lab.finding("training digits (4s and 9s)", train.size(), "%.0f");
        lab.finding("held-out digits (4s and 9s)", test.size(), "%.0f");

        MultiLayerNetwork net = classifier(Digits.PIXELS).sgd(LEARNING_RATE).seed(lab.seed()).build();
        var batches = train.binary(Digits.POSITIVE_DIGIT, DataType.FLOAT).batchBy(BATCH_SIZE);
        for (int epoch = 0; epoch < epochs; epoch++) {
            batches.forEach(net::fit);
        }

        INDArray features = test.features(DataType.FLOAT);
        INDArray output = net.output(features);
        INDArray score = linearScore(net, features);
        double[] p = output.toDoubleVector();
        lab.finding("max |network output - sigma(w.x + b)|", maxAbsDifference(output, Sigmoid.forward(score)), "%.1e");
        logitReading(lab, net, features, output, score);
        List<Prediction> predictions = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            predictions.add(new Prediction(test.label(i), test.label(i) == Digits.POSITIVE_DIGIT ? 1 : 0, p[i]));
        }
        int[] y = predictions.stream().mapToInt(Prediction::y).toArray();
        int positives = IntStream.of(y).sum();
        Calibration calibration = Calibration.of(p, y, BINS);
        double majority = Math.max(positives, y.length - positives) / (double) y.length;
        lab.finding("held-out accuracy (P >= 0.5 means 9)", Accuracy.ofProbabilities(p, IntStream.of(y).asDoubleStream().toArray()), "%.4f");
        lab.finding("chance level (always the majority digit)", majority, "%.4f");
        lab.finding("expected calibration error (10 bins)", calibration.expectedCalibrationError(), "%.4f");

        lab.table("probabilities", predictions);
        lab.table("reliability", calibration.bins());
    }

    /** The score w.x + b recomputed by hand from the network's weights, in their data type. */
    private static INDArray linearScore(MultiLayerNetwork net, INDArray features) {
        return features.mmul(net.getParam("0_W")).addRowVector(net.getParam("0_b"));
    }

    /**
     * The logit undoes the sigmoid: ln(p / (1 - p)) of the network's output gives its score back. In
     * FLOAT, p near 1 keeps few bits of 1 - p, so the recovered score is coarse there; the same weights
     * in DOUBLE show that this is rounding, not a different function.
     */
    private static void logitReading(Lab lab, MultiLayerNetwork net, INDArray features, INDArray output, INDArray score) {
        lab.finding("largest |w.x + b| over the held-out digits", score.amaxNumber().doubleValue(), "%.2f");
        lab.finding("max |logit(p) - (w.x + b)| in FLOAT", maxAbsDifference(logit(output), score), "%.1e");
        MultiLayerNetwork inDouble = net.convertDataType(DataType.DOUBLE);
        INDArray x = features.castTo(DataType.DOUBLE);
        lab.finding("max |logit(p) - (w.x + b)| in DOUBLE",
                maxAbsDifference(logit(inDouble.output(x)), linearScore(inDouble, x)), "%.1e");
    }

    /** The logit sigma^-1(p) = ln(p / (1 - p)), with ND4J in the data type of p. */
    public static INDArray logit(INDArray p) {
        return Transforms.log(p.div(p.rsub(1.0)), false);
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

    private static double maxAbsDifference(INDArray a, INDArray b) {
        return Transforms.abs(a.sub(b), false).maxNumber().doubleValue();
    }
}
