package org.sigmoidbook.chapters;

import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.sigmoidbook.Book;
import org.sigmoidbook.Chapter;
import org.sigmoidbook.toolkit.Calibration;
import org.sigmoidbook.toolkit.ChapterRun;
import org.sigmoidbook.toolkit.Charts;
import org.sigmoidbook.toolkit.Digits;
import org.sigmoidbook.toolkit.Mnist;
import org.sigmoidbook.toolkit.Networks;
import org.sigmoidbook.toolkit.Sigmoid;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Chapter 1: sigma(z) = 1 / (1 + e^-z), its limits, its midpoint and its (0, 1) range; then the
 * reading that makes it the output of a binary classifier: sigma(w.x + b) as P(y = 1 | x), trained on
 * MNIST 4s against 9s and checked on held-out digits with a reliability diagram.
 */
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
        Book.runAlone(new EquationChapter(), args);
    }

    @Override
    public String id() {
        return "equation";
    }

    @Override
    public String title() {
        return "The sigmoid equation";
    }

    /**
     * The classifier: logistic regression, one sigmoid unit on the pixels with binary cross-entropy,
     * so that its output is literally sigma(w.x + b).
     */
    public static Networks.Mlp classifier(int inputs) {
        return Networks.mlp(inputs).output(1, Activation.SIGMOID, LossFunction.XENT);
    }

    @Override
    public void run(ChapterRun run) throws Exception {
        curve(run);
        roundingToOne(run);
        probabilityReading(run);
    }

    private static void curve(ChapterRun run) throws Exception {
        // z = k / 20 for k = -200 ... 200: dividing whole numbers keeps the grid exactly symmetric about 0.
        double[] z = new double[401];
        Arrays.setAll(z, i -> (i - 200) / 20.0);
        double[] sigma = Sigmoid.forward(Sigmoid.vector(DataType.DOUBLE, z)).toDoubleVector();
        double[] sigmaFloat = Sigmoid.forward(Sigmoid.vector(DataType.FLOAT, z)).toDoubleVector();
        run.table("sigmoid-values", Table.create("sigmoid-values", DoubleColumn.create("z", z),
                DoubleColumn.create("sigma", sigma), DoubleColumn.create("sigma_float", sigmaFloat)));

        run.finding("sigma(0)", valueAt(0, DataType.DOUBLE), "%.4f");
        run.finding("sigma(-10)", valueAt(-10, DataType.DOUBLE), "%.3e");
        run.finding("1 - sigma(10)", 1 - valueAt(10, DataType.DOUBLE), "%.3e");
        double asymmetry = 0;
        for (int i = 0; i < z.length; i++) {
            asymmetry = Math.max(asymmetry, Math.abs(sigma[z.length - 1 - i] - (1 - sigma[i])));
        }
        run.finding("max |sigma(-z) - (1 - sigma(z))| over the grid", asymmetry, "%.1e");

        XYChart chart = Charts.xy("The sigmoid squashes every z into (0, 1)", "z", "σ(z)");
        Charts.line(chart, "σ(z) = 1 / (1 + e^−z)", z, sigma);
        // One series draws both asymptotes: XChart breaks a line at NaN.
        Charts.reference(chart, "limits: σ → 0 as z → −∞, σ → 1 as z → +∞",
                new double[]{-10, 10, Double.NaN, -10, 10}, new double[]{0, 0, Double.NaN, 1, 1});
        Charts.mark(chart, "σ(0) = 0.5", 0, 0.5);
        chart.getStyler().setYAxisMin(-0.08).setYAxisMax(1.08);
        run.figure("sigmoid-curve", chart);
    }

    /**
     * Mathematically sigma(z) < 1 for every z; in floating point 1 + e^-z rounds to 1 once e^-z is
     * below half an ulp of 1, and from there sigma(z) is exactly 1.
     */
    private static void roundingToOne(ChapterRun run) {
        for (DataType type : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
            run.finding("smallest z with sigma(z) = 1 exactly in " + type, smallestZRoundingToOne(type), "%.4f");
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
            if (valueAt(middle, type) == 1.0) {
                atOne = middle;
            } else {
                below = middle;
            }
        }
    }

    private static double representable(double value, DataType type) {
        return type == DataType.FLOAT ? (float) value : value;
    }

    private static double valueAt(double z, DataType type) {
        return Sigmoid.forward(Sigmoid.vector(type, z)).getDouble(0);
    }

    private static void probabilityReading(ChapterRun run) throws Exception {
        Mnist.Split mnist = Mnist.load();
        Digits train = mnist.train().first(run.size(4000, mnist.train().size())).onlyClasses(NEGATIVE_DIGIT, POSITIVE_DIGIT);
        Digits test = mnist.test().onlyClasses(NEGATIVE_DIGIT, POSITIVE_DIGIT);
        int epochs = run.size(10, 20);
        run.finding("training digits (4s and 9s)", train.size(), "%.0f");
        run.finding("held-out digits (4s and 9s)", test.size(), "%.0f");

        MultiLayerNetwork net = classifier(Digits.PIXELS).sgd(LEARNING_RATE).seed(run.seed()).build();
        List<DataSet> batches = train.binary(POSITIVE_DIGIT, DataType.FLOAT).batchBy(BATCH_SIZE);
        for (int epoch = 0; epoch < epochs; epoch++) {
            batches.forEach(net::fit);
        }

        INDArray features = test.features(DataType.FLOAT);
        double[] p = net.output(features).toDoubleVector();
        run.finding("max |network output - sigma(w.x + b)|", maxDifferenceFromLinearScore(net, features, p), "%.1e");
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
        run.finding("held-out accuracy (P >= 0.5 means 9)", correct / (double) y.length, "%.4f");
        run.finding("chance level (always the majority digit)", majority, "%.4f");
        run.finding("expected calibration error (10 bins)", calibration.expectedCalibrationError(), "%.4f");

        run.table("probabilities", Table.create("probabilities", IntColumn.create("digit", digit),
                IntColumn.create("y", y), DoubleColumn.create("p_nine", p)));
        run.table("reliability", calibration.table("reliability"));
        run.figure("probabilities", histogram(p, digit));
        run.figure("reliability", reliabilityDiagram(calibration));
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

    private static CategoryChart histogram(double[] p, int[] digit) {
        CategoryChart chart = Charts.bars("Held-out predictions P(y = 1 | x), by true digit",
                "predicted probability that the digit is a 9", "held-out digits in the bin");
        List<String> bins = new ArrayList<>();
        for (int b = 0; b < BINS; b++) {
            bins.add(String.format(Locale.ROOT, "%.1f–%.1f", (double) b / BINS, (double) (b + 1) / BINS));
        }
        for (int trueDigit : new int[]{NEGATIVE_DIGIT, POSITIVE_DIGIT}) {
            int[] counts = new int[BINS];
            for (int i = 0; i < p.length; i++) {
                if (digit[i] == trueDigit) {
                    counts[Math.min(BINS - 1, (int) (p[i] * BINS))]++;
                }
            }
            List<Integer> heights = new ArrayList<>();
            for (int count : counts) {
                heights.add(count);
            }
            chart.addSeries("true digit " + trueDigit + (trueDigit == POSITIVE_DIGIT ? " (y = 1)" : " (y = 0)"), bins, heights);
        }
        // The few uncertain digits make bars too short to read off a linear axis: print every count.
        chart.getStyler().setLabelsVisible(true).setLabelsPosition(1.0).setLabelsFontColorAutomaticEnabled(false)
                .setLabelsFontColor(Color.BLACK).setLabelsFont(new Font("DejaVu Sans", Font.PLAIN, 13));
        chart.getStyler().setXAxisLabelRotation(0);
        return chart;
    }

    private static XYChart reliabilityDiagram(Calibration calibration) {
        String ece = String.format(Locale.ROOT, "%.3f", calibration.expectedCalibrationError());
        XYChart chart = Charts.xy("Reliability on held-out 4s and 9s (ECE = " + ece + ")",
                "mean predicted probability P(y = 1 | x) in the bin", "observed frequency of y = 1 (a 9)");
        Charts.reference(chart, "perfect calibration", new double[]{0, 1}, new double[]{0, 1});
        List<Double> predicted = new ArrayList<>();
        List<Double> observed = new ArrayList<>();
        for (Calibration.Bin bin : calibration.bins()) {
            if (bin.count() > 0) {
                predicted.add(bin.meanPredicted());
                observed.add(bin.observedFrequency());
                // Labels go below right of their point; near the right edge, further down and to the left.
                boolean edge = bin.meanPredicted() > 0.9;
                AnnotationText count = new AnnotationText("n=" + bin.count(), bin.meanPredicted() + (edge ? -0.03 : 0.035),
                        bin.observedFrequency() - (edge ? 0.13 : 0.035), false);
                chart.addAnnotation(count);
            }
        }
        Charts.points(chart, "classifier: one point per bin of width 0.1, n digits in it",
                predicted.stream().mapToDouble(Double::doubleValue).toArray(),
                observed.stream().mapToDouble(Double::doubleValue).toArray());
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        chart.getStyler().setAnnotationTextFontColor(Color.DARK_GRAY)
                .setAnnotationTextFont(new Font("DejaVu Sans", Font.PLAIN, 14));
        return chart;
    }
}
