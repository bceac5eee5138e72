package org.sigmoidbook.chapters.equation;

import java.awt.Color;
import java.awt.Font;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.IntStream;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.sigmoidbook.book.Chapter;
import org.sigmoidbook.book.ChapterInfo;
import org.sigmoidbook.book.Figures;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.book.Launcher;
import org.sigmoidbook.book.Results;
import org.sigmoidbook.toolkit.charts.BookTheme;
import org.sigmoidbook.toolkit.charts.Charts;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.nn.Networks;
import org.sigmoidbook.toolkit.numerics.Sigmoid;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Chapter 1: sigma(z) = 1 / (1 + e^-z), its limits, its midpoint and its (0, 1) range; then the
 * reading that makes it the output of a binary classifier: sigma(w.x + b) as P(y = 1 | x), trained on
 * MNIST 4s against 9s and checked on held-out digits with a reliability diagram.
 */
@ChapterInfo(number = 1, id = "equation", title = "The sigmoid equation",
        summary = "the curve, its limits and range, σ as P(y = 1 | x) in a DL4J classifier", cover = "sigmoid-curve")
public final class EquationChapter implements Chapter {

    /** The digit read as y = 0. */
    public static final int NEGATIVE_DIGIT = 4;
    /** The digit read as y = 1: the classifier outputs P(digit is a 9 | pixels). */
    public static final int POSITIVE_DIGIT = 9;
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

    @Override
    public void measure(Lab lab) throws Exception {
        curve(lab);
        roundingToOne(lab);
        probabilityReading(lab);
    }

    @Override
    public void draw(Results results, Figures figures) throws Exception {
        figures.add("sigmoid-curve", curveChart(results.table("sigmoid-values")));
        figures.add("probabilities", histogram(results.table("probabilities")));
        figures.add("reliability", reliabilityDiagram(results.table("reliability")));
    }

    private static void curve(Lab lab) {
        // z = k / 20 for k = -200 ... 200: dividing whole numbers keeps the grid exactly symmetric about 0.
        double[] z = new double[401];
        Arrays.setAll(z, i -> (i - 200) / 20.0);
        double[] sigma = Sigmoid.forward(Sigmoid.vector(DataType.DOUBLE, z)).toDoubleVector();
        double[] sigmaFloat = Sigmoid.forward(Sigmoid.vector(DataType.FLOAT, z)).toDoubleVector();
        lab.table("sigmoid-values", Table.create(DoubleColumn.create("z", z),
                DoubleColumn.create("sigma", sigma), DoubleColumn.create("sigma_float", sigmaFloat)));

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
        Digits train = mnist.train().first(lab.size(4000, mnist.train().size())).onlyClasses(NEGATIVE_DIGIT, POSITIVE_DIGIT);
        Digits test = mnist.test().onlyClasses(NEGATIVE_DIGIT, POSITIVE_DIGIT);
        int epochs = lab.size(10, 20);
        lab.finding("training digits (4s and 9s)", train.size(), "%.0f");
        lab.finding("held-out digits (4s and 9s)", test.size(), "%.0f");

        MultiLayerNetwork net = classifier(Digits.PIXELS).sgd(LEARNING_RATE).seed(lab.seed()).build();
        var batches = train.binary(POSITIVE_DIGIT, DataType.FLOAT).batchBy(BATCH_SIZE);
        for (int epoch = 0; epoch < epochs; epoch++) {
            batches.forEach(net::fit);
        }

        INDArray features = test.features(DataType.FLOAT);
        double[] p = net.output(features).toDoubleVector();
        lab.finding("max |network output - sigma(w.x + b)|", maxDifferenceFromLinearScore(net, features, p), "%.1e");
        int[] y = new int[test.size()];
        int[] digit = new int[test.size()];
        int correct = 0;
        int positives = 0;
        for (int i = 0; i < y.length; i++) {
            digit[i] = test.label(i);
            y[i] = digit[i] == POSITIVE_DIGIT ? 1 : 0;
            positives += y[i];
            correct += (p[i] >= 0.5 ? 1 : 0) == y[i] ? 1 : 0;
        }
        Calibration calibration = Calibration.of(p, y, BINS);
        double majority = Math.max(positives, y.length - positives) / (double) y.length;
        lab.finding("held-out accuracy (P >= 0.5 means 9)", correct / (double) y.length, "%.4f");
        lab.finding("chance level (always the majority digit)", majority, "%.4f");
        lab.finding("expected calibration error (10 bins)", calibration.expectedCalibrationError(), "%.4f");

        lab.table("probabilities", Table.create(IntColumn.create("digit", digit), IntColumn.create("y", y),
                DoubleColumn.create("p_nine", p)));
        lab.table("reliability", calibration.table("reliability"));
    }

    /** The network's output recomputed by hand from its weights: sigma(x W + b) with ND4J's sigmoid. */
    private static double maxDifferenceFromLinearScore(MultiLayerNetwork net, INDArray features, double[] output) {
        INDArray score = features.mmul(net.getParam("0_W")).addRowVector(net.getParam("0_b"));
        double[] byHand = Sigmoid.forward(score).toDoubleVector();
        double max = 0;
        for (int i = 0; i < output.length; i++) {
            max = Math.max(max, Math.abs(output[i] - byHand[i]));
        }
        return max;
    }

    // ---------------------------------------------------------------- figures, from the tables alone

    static XYChart curveChart(Table values) {
        double[] z = values.numberColumn("z").asDoubleArray();
        XYChart chart = Charts.xy("The sigmoid squashes every z into (0, 1)", "z", "σ(z)");
        Charts.line(chart, "σ(z) = 1 / (1 + e^−z)", z, values.numberColumn("sigma").asDoubleArray());
        // One series draws both asymptotes: XChart breaks a line at NaN.
        Charts.reference(chart, "limits: σ → 0 as z → −∞, σ → 1 as z → +∞",
                new double[]{z[0], z[z.length - 1], Double.NaN, z[0], z[z.length - 1]}, new double[]{0, 0, Double.NaN, 1, 1});
        Charts.mark(chart, "σ(0) = 0.5", 0, 0.5);
        Charts.yRange(chart, -0.08, 1.08);
        return chart;
    }

    /**
     * Held-out digits per bin of predicted probability, one line per true digit, on a log count axis:
     * nearly all digits sit in the two end bins, and a linear axis would flatten the rest to nothing.
     */
    static XYChart histogram(Table probabilities) {
        XYChart chart = Charts.xy("Held-out predictions P(y = 1 | x), by true digit",
                "predicted probability that the digit is a 9 (bins of width " + 1.0 / BINS + ")",
                "held-out digits in the bin (log scale)");
        Charts.logY(chart);
        double[] centres = new double[BINS];
        Arrays.setAll(centres, b -> (b + 0.5) / BINS);
        int[] digits = probabilities.intColumn("digit").asIntArray();
        double[] p = probabilities.numberColumn("p_nine").asDoubleArray();
        int series = 0;
        for (int trueDigit : new int[]{NEGATIVE_DIGIT, POSITIVE_DIGIT}) {
            double[] counts = new double[BINS];
            for (int i = 0; i < p.length; i++) {
                if (digits[i] == trueDigit) {
                    counts[Math.min(BINS - 1, (int) (p[i] * BINS))]++;
                }
            }
            Charts.points(chart, "true digit " + trueDigit + (trueDigit == POSITIVE_DIGIT ? " (y = 1)" : " (y = 0)")
                    + "; empty bins are left out", centres, counts, Charts.color(series++));
        }
        Charts.xRange(chart, 0, 1);
        return chart;
    }

    static XYChart reliabilityDiagram(Table reliability) {
        int[] count = reliability.intColumn("count").asIntArray();
        double[] predicted = reliability.numberColumn("mean_predicted").asDoubleArray();
        double[] observed = reliability.numberColumn("observed_frequency").asDoubleArray();
        int total = Arrays.stream(count).sum();
        double ece = 0;
        for (int b = 0; b < count.length; b++) {
            ece += count[b] == 0 ? 0 : (double) count[b] / total * Math.abs(observed[b] - predicted[b]);
        }
        XYChart chart = Charts.xy(String.format(Locale.ROOT, "Reliability on held-out 4s and 9s (ECE = %.3f)", ece),
                "mean predicted probability P(y = 1 | x) in the bin", "observed frequency of y = 1 (a 9)");
        Charts.reference(chart, "perfect calibration", new double[]{0, 1}, new double[]{0, 1});
        for (int b = 0; b < count.length; b++) {
            if (count[b] > 0) {
                // Labels go below right of their point; near the right edge, further down and to the left.
                boolean edge = predicted[b] > 0.9;
                chart.addAnnotation(new AnnotationText("n=" + count[b], predicted[b] + (edge ? -0.03 : 0.035),
                        observed[b] - (edge ? 0.13 : 0.035), false));
            }
        }
        int[] filled = IntStream.range(0, count.length).filter(b -> count[b] > 0).toArray();
        Charts.points(chart, "classifier: one point per bin of width 0.1, n digits in it",
                Arrays.stream(filled).mapToDouble(b -> predicted[b]).toArray(), Arrays.stream(filled).mapToDouble(b -> observed[b]).toArray());
        Charts.xRange(chart, 0, 1);
        Charts.yRange(chart, 0, 1);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        chart.getStyler().setAnnotationTextFontColor(Color.DARK_GRAY)
                .setAnnotationTextFont(new Font(BookTheme.FONT, Font.PLAIN, 14));
        return chart;
    }
}
