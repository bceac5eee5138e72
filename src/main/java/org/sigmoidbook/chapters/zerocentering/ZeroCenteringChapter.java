package org.sigmoidbook.chapters.zerocentering;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.adapter.SingletonDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.sigmoidbook.book.ChapterInfo;
import org.sigmoidbook.book.Launcher;
import org.sigmoidbook.chapters.LegacyRun;
import org.sigmoidbook.toolkit.charts.Charts;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.nn.GradientRecorder;
import org.sigmoidbook.toolkit.nn.Minibatches;
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.nn.Networks;
import org.sigmoidbook.toolkit.numerics.Sigmoid;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Chapter 5: sigmoid outputs are all positive. A unit fed by them gets, on every example, weight
 * gradients a_i * delta that all share the sign of its delta, so each step moves all its weights
 * up together or down together; with centred inputs it does not. Measured on a two-weight neuron,
 * in a DL4J network, and in the convergence of deep MLPs on MNIST.
 */
@ChapterInfo(number = 5, id = "zero-centering", title = "Outputs that are not zero-centred",
        summary = "same-sign gradients and zig-zag descent", cover = "zigzag")
public final class ZeroCenteringChapter extends LegacyRun.LegacyChapter {

    /** One neuron's training set for the zig-zag. */
    static final int ZIGZAG_EXAMPLES = 40;
    static final double[] ZIGZAG_OPTIMUM = {1.5, -1.5};
    static final double[] ZIGZAG_START = {-1.5, 1.5};
    /** "Converged" = within this fraction of the starting distance from the optimum. */
    static final double ZIGZAG_TOLERANCE = 0.01;
    static final int ZIGZAG_MAX_STEPS = 5000;
    static final int CONVERGENCE_LAYERS = 4;
    static final double CONVERGENCE_LEARNING_RATE = 0.1;
    static final int CONVERGENCE_BATCH = 20;
    private static final Color LIGHT_BLUE = new Color(150, 195, 225);
    private static final Color LIGHT_ORANGE = new Color(240, 180, 140);

    public static void main(String[] args) {
        Launcher.run(ZeroCenteringChapter.class, args);
    }

    @Override
    protected void run(LegacyRun run) throws Exception {
        zigzag(run);
        Mnist.Split mnist = Mnist.load();
        sameSign(run, mnist);
        convergence(run, mnist);
    }

    // ---------------------------------------------------------------- a two-weight neuron

    /** Inputs x = sigma(u), u ~ N(0, 1) per coordinate: what a layer of sigmoid units hands on. */
    static double[][] sigmoidInputs(long seed) {
        Random random = new Random(seed);
        double[][] x = new double[ZIGZAG_EXAMPLES][2];
        for (double[] row : x) {
            row[0] = Sigmoid.of(random.nextGaussian());
            row[1] = Sigmoid.of(random.nextGaussian());
        }
        return x;
    }

    static double[][] centred(double[][] x) {
        double[] mean = new double[2];
        for (double[] row : x) {
            mean[0] += row[0] / x.length;
            mean[1] += row[1] / x.length;
        }
        double[][] c = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            c[i] = new double[]{x[i][0] - mean[0], x[i][1] - mean[1]};
        }
        return c;
    }

    /** Targets from the optimum itself, so both input sets share the optimum and reach zero loss there. */
    static double[] targets(double[][] x) {
        double[] t = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            t[i] = ZIGZAG_OPTIMUM[0] * x[i][0] + ZIGZAG_OPTIMUM[1] * x[i][1];
        }
        return t;
    }

    /**
     * The largest step size that never overshoots on any single example: with squared error
     * (w.x - t)^2 a step of learning rate eta scales that example's error by 1 - 2 eta |x|^2.
     */
    static double learningRate(double[][] x) {
        double largest = 0;
        for (double[] row : x) {
            largest = Math.max(largest, row[0] * row[0] + row[1] * row[1]);
        }
        return 1 / (2 * largest);
    }

    /** A linear neuron y = w1 x1 + w2 x2 without bias, squared error, in DL4J. */
    static MultiLayerNetwork neuron(double learningRate) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).updater(new Sgd(learningRate)).weightInit(WeightInit.ZERO)
                .list()
                .layer(new OutputLayer.Builder(LossFunction.MSE).nIn(2).nOut(1).activation(Activation.IDENTITY)
                        .hasBias(false).build())
                .build());
        net.init();
        net.getParam("0_W").assign(Nd4j.createFromArray(ZIGZAG_START).reshape(2, 1));
        return net;
    }

    /** The path of plain (one example per step) gradient descent, cycling through the examples in order. */
    record Path(double[] w1, double[] w2, int stepsToTolerance) {
    }

    static Path descend(double[][] x, double learningRate, int maxSteps) {
        MultiLayerNetwork net = neuron(learningRate);
        double[] t = targets(x);
        double startDistance = Math.hypot(ZIGZAG_START[0] - ZIGZAG_OPTIMUM[0], ZIGZAG_START[1] - ZIGZAG_OPTIMUM[1]);
        List<double[]> points = new ArrayList<>();
        points.add(ZIGZAG_START.clone());
        int reached = -1;
        for (int step = 1; step <= maxSteps && reached < 0; step++) {
            int i = (step - 1) % x.length;
            net.fit(new DataSet(Nd4j.createFromArray(new double[][]{x[i]}), Nd4j.createFromArray(new double[][]{{t[i]}})));
            double[] w = net.getParam("0_W").toDoubleVector();
            points.add(w);
            if (Math.hypot(w[0] - ZIGZAG_OPTIMUM[0], w[1] - ZIGZAG_OPTIMUM[1]) < ZIGZAG_TOLERANCE * startDistance) {
                reached = step;
            }
        }
        return new Path(points.stream().mapToDouble(p -> p[0]).toArray(),
                points.stream().mapToDouble(p -> p[1]).toArray(), reached);
    }

    /** The mean squared error of the neuron with weights {@code w} on inputs {@code x}. */
    static double loss(double[][] x, double[] w) {
        double[] t = targets(x);
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double error = w[0] * x[i][0] + w[1] * x[i][1] - t[i];
            sum += error * error;
        }
        return sum / x.length;
    }

    /**
     * Level sets of the mean squared error, which for a linear neuron is the quadratic form
     * (w - w*)' C (w - w*) with C the mean of x x': ellipses, drawn exactly from C's eigenvectors.
     */
    static double[][] contour(double[][] x, double level, int points) {
        double c11 = 0;
        double c12 = 0;
        double c22 = 0;
        for (double[] row : x) {
            c11 += row[0] * row[0] / x.length;
            c12 += row[0] * row[1] / x.length;
            c22 += row[1] * row[1] / x.length;
        }
        double angle = 0.5 * Math.atan2(2 * c12, c11 - c22);
        double half = (c11 + c22) / 2;
        double spread = Math.hypot((c11 - c22) / 2, c12);
        double radius1 = Math.sqrt(level / (half + spread));
        double radius2 = Math.sqrt(level / (half - spread));
        double[][] xy = new double[2][points];
        for (int k = 0; k < points; k++) {
            double theta = 2 * Math.PI * k / (points - 1);
            double a = radius1 * Math.cos(theta);
            double b = radius2 * Math.sin(theta);
            xy[0][k] = ZIGZAG_OPTIMUM[0] + a * Math.cos(angle) - b * Math.sin(angle);
            xy[1][k] = ZIGZAG_OPTIMUM[1] + a * Math.sin(angle) + b * Math.cos(angle);
        }
        return xy;
    }

    private void zigzag(LegacyRun run) throws Exception {
        double[][] positive = sigmoidInputs(run.seed());
        double[][] centred = centred(positive);
        double positiveRate = learningRate(positive);
        double centredRate = learningRate(centred);
        Path positivePath = descend(positive, positiveRate, ZIGZAG_MAX_STEPS);
        Path centredPath = descend(centred, centredRate, ZIGZAG_MAX_STEPS);
        Path centredSlow = descend(centred, positiveRate, ZIGZAG_MAX_STEPS);
        run.finding("steps to 1% of the starting distance, inputs sigma(u) > 0", positivePath.stepsToTolerance(), "%.0f");
        run.finding("steps to 1% of the starting distance, same inputs centred", centredPath.stepsToTolerance(), "%.0f");
        run.finding("learning rates (largest that never overshoots an example), positive / centred",
                String.format(Locale.ROOT, "%.3f / %.3f", positiveRate, centredRate));
        run.finding("steps, centred inputs at the positive inputs' learning rate", centredSlow.stepsToTolerance(), "%.0f");
        int sameDirection = 0;
        for (int k = 1; k < positivePath.w1().length; k++) {
            double d1 = positivePath.w1()[k] - positivePath.w1()[k - 1];
            double d2 = positivePath.w2()[k] - positivePath.w2()[k - 1];
            sameDirection += d1 * d2 > 0 ? 1 : 0;
        }
        run.finding("steps on positive inputs that move both weights the same way",
                String.format(Locale.ROOT, "%d of %d", sameDirection, positivePath.w1().length - 1));

        XYChart chart = Charts.xy("One neuron, two weights: positive vs centred inputs",
                "weight w₁", "weight w₂");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        double[] fractions = {1, 0.4, 0.15, 0.04};
        for (int k = 0; k < fractions.length; k++) {
            for (boolean isCentred : new boolean[]{false, true}) {
                double[][] inputs = isCentred ? centred : positive;
                double[][] ring = contour(inputs, fractions[k] * loss(inputs, ZIGZAG_START), 241);
                String name = (isCentred ? "loss contours, centred inputs" : "loss contours, positive inputs") + (k == 0 ? "" : " " + k);
                XYSeries series = Charts.line(chart, name, ring[0], ring[1]);
                series.setLineColor(isCentred ? LIGHT_ORANGE : LIGHT_BLUE);
                series.setShowInLegend(k == 0);
            }
        }
        XYSeries positiveSteps = Charts.points(chart, "x = σ(u) > 0: " + positivePath.stepsToTolerance() + " steps",
                positivePath.w1(), positivePath.w2());
        positiveSteps.setLineColor(Charts.color(0));
        positiveSteps.setLineStyle(SeriesLines.SOLID);
        XYSeries centredSteps = Charts.points(chart, "centred x − x̄: " + centredPath.stepsToTolerance() + " steps",
                centredPath.w1(), centredPath.w2());
        centredSteps.setLineColor(Charts.color(1));
        centredSteps.setLineStyle(SeriesLines.SOLID);
        // about the same length per unit on both axes, so that a step at 45 degrees looks like one
        chart.getStyler().setXAxisMin(-4.5);
        chart.getStyler().setXAxisMax(7.0);
        chart.getStyler().setYAxisMin(-6.5);
        chart.getStyler().setYAxisMax(3.5);
        Charts.mark(chart, "start", ZIGZAG_START[0], ZIGZAG_START[1]);
        Charts.mark(chart, "optimum w*", ZIGZAG_OPTIMUM[0], ZIGZAG_OPTIMUM[1]).setMarker(SeriesMarkers.CROSS);
        run.figure("zigzag", chart);
    }

    // ---------------------------------------------------------------- same-sign gradients in DL4J

    /** The hidden units compared; the same for the convergence runs. */
    record Unit(String name, IActivation activation) {
    }

    static List<Unit> units() {
        return List.of(new Unit("sigmoid", Activation.SIGMOID.getActivationFunction()),
                new Unit("sigmoid − ½", new CentredSigmoid()),
                new Unit("tanh", Activation.TANH.getActivationFunction()),
                new Unit("LeCun 1.7159 tanh(2z/3)", new LeCunTanh()));
    }

    /**
     * For one example, dC/dW2_ij = a_i delta_j: neuron j of the second layer gets incoming gradients
     * that all share one sign exactly when the first layer's outputs a_i do. Counted over (example,
     * neuron) pairs from DL4J's own backprop, one example at a time.
     */
    static double sameSignFraction(MultiLayerNetwork net, DataSet examples) {
        int same = 0;
        int pairs = 0;
        for (int n = 0; n < examples.numExamples(); n++) {
            DataSet one = new DataSet(examples.getFeatures().getRow(n, true), examples.getLabels().getRow(n, true));
            double[][] gradient = GradientRecorder.meanGradients(net, one).get(1).weights().toDoubleMatrix();
            for (int j = 0; j < gradient[0].length; j++) {
                int positive = 0;
                int negative = 0;
                for (double[] row : gradient) {
                    positive += row[j] > 0 ? 1 : 0;
                    negative += row[j] < 0 ? 1 : 0;
                }
                if (positive + negative > 0) {
                    pairs++;
                    same += positive == 0 || negative == 0 ? 1 : 0;
                }
            }
        }
        return (double) same / pairs;
    }

    private void sameSign(LegacyRun run, Mnist.Split mnist) throws Exception {
        int examples = run.size(20, 40);
        int neurons = 30;
        int[] fanIns = run.quick() ? new int[]{1, 2, 4, 8, 30} : new int[]{1, 2, 3, 4, 6, 8, 12, 16, 30};
        DataSet digits = mnist.train().first(examples).tenClass(DataType.FLOAT);
        StringColumn unit = StringColumn.create("hidden_unit");
        IntColumn fanIn = IntColumn.create("fan_in");
        IntColumn pairs = IntColumn.create("pairs");
        DoubleColumn fraction = DoubleColumn.create("same_sign_fraction");
        DoubleColumn independent = DoubleColumn.create("if_signs_were_independent");
        for (Unit u : units()) {
            for (int width : fanIns) {
                MultiLayerNetwork net = Networks.mlp(Digits.PIXELS).hidden(width, neurons).activation(u.activation())
                        .output(10, Activation.SOFTMAX, LossFunction.MCXENT).frozen().seed(run.seed()).build();
                unit.append(u.name());
                fanIn.append(width);
                pairs.append(examples * neurons);
                fraction.append(sameSignFraction(net, digits));
                independent.append(Math.pow(2, 1 - width));
            }
        }
        Table table = Table.create("same-sign", unit, fanIn, pairs, fraction, independent);
        run.table("same-sign", table);
        Table wide = table.where(table.intColumn("fan_in").isEqualTo(neurons));
        for (int r = 0; r < wide.rowCount(); r++) {
            run.finding("same-sign fraction, layer fed by 30 " + wide.stringColumn("hidden_unit").get(r) + " units",
                    wide.doubleColumn("same_sign_fraction").get(r), "%.4f");
        }

        XYChart chart = Charts.xy("Incoming weight gradients: all of one sign?",
                "fan-in n: units in the layer below  (log scale)", "fraction of (digit, neuron) pairs");
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.05);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        double[] x = Arrays.stream(fanIns).asDoubleStream().toArray();
        // the three centred units all output sign(z), so their points coincide: draw them nested
        float[] widths = {2.5f, 10f, 6f, 2.5f};
        int k = 0;
        for (Unit u : units()) {
            Table rows = table.where(table.stringColumn("hidden_unit").isEqualTo(u.name()));
            XYSeries series = Charts.points(chart, "fed by " + u.name() + " units", x, rows.doubleColumn("same_sign_fraction").asDoubleArray());
            series.setLineWidth(widths[k]);
            series.setLineStyle(SeriesLines.SOLID);
            series.setMarkerColor(Charts.color(k));
            k++;
        }
        Charts.reference(chart, "2^(1−n): n independent fair signs", x,
                Arrays.stream(fanIns).mapToDouble(n -> Math.pow(2, 1 - n)).toArray());
        run.figure("same-sign", chart);
    }

    // ---------------------------------------------------------------- convergence on MNIST

    /** One training run: a kind of hidden unit and the factor its hidden weights are scaled by. */
    record Training(Unit unit, double hiddenWeightScale) {
        String label() {
            return hiddenWeightScale == 1 ? unit.name() : unit.name() + ", weights × " + (int) hiddenWeightScale;
        }
    }

    /** Loss and accuracy per epoch of one training run. */
    record Curves(double[] trainLoss, double[] heldOutLoss, double[] heldOutAccuracy) {
    }

    /**
     * The same deep MLP (N(0, 1/n_in) weights times the given scale in the hidden layers, zero biases,
     * softmax output, SGD), trained on the same digits in the same order.
     */
    static Curves train(Training training, DataSet train, DataSet heldOut, int width, int epochs, long seed) {
        MultiLayerNetwork net = Networks.mlp(Digits.PIXELS).hiddenLayers(CONVERGENCE_LAYERS, width)
                .activation(training.unit().activation()).output(10, Activation.SOFTMAX, LossFunction.MCXENT)
                .sgd(CONVERGENCE_LEARNING_RATE).seed(seed).build();
        for (int layer = 0; layer < CONVERGENCE_LAYERS; layer++) {
            net.getParam(layer + "_W").muli(training.hiddenWeightScale());
        }
        Minibatches batches = new Minibatches(train, CONVERGENCE_BATCH, seed);
        Curves curves = new Curves(new double[epochs + 1], new double[epochs + 1], new double[epochs + 1]);
        for (int e = 0; e <= epochs; e++) {
            if (e > 0) {
                for (DataSet batch : batches.epoch()) {
                    net.fit(batch);
                }
            }
            curves.trainLoss()[e] = net.score(train);
            curves.heldOutLoss()[e] = net.score(heldOut);
            curves.heldOutAccuracy()[e] = net.evaluate(new SingletonDataSetIterator(heldOut)).accuracy();
        }
        return curves;
    }

    /**
     * Sigmoid, tanh and LeCun's tanh in the same MLP, plus the sigmoid moved down by 1/2, which is
     * centred but as flat as the sigmoid. Then sigmoid against sigmoid - 1/2 with the hidden weights
     * scaled by 4 = 1/sigma'(0), so that only the centring differs and neither starts too flat.
     */
    private void convergence(LegacyRun run, Mnist.Split mnist) throws Exception {
        int width = run.size(32, 64);
        int epochs = run.size(3, 6);
        DataSet train = mnist.train().first(run.size(800, 2000)).tenClass(DataType.FLOAT);
        DataSet heldOut = mnist.test().first(run.size(300, 1000)).tenClass(DataType.FLOAT);
        run.finding("convergence network", String.format(Locale.ROOT,
                "%d hidden layers of %d units, weights N(0, 1/n_in), SGD lr %.2f, minibatch %d, %d training digits, %d held out",
                CONVERGENCE_LAYERS, width, CONVERGENCE_LEARNING_RATE, CONVERGENCE_BATCH, train.numExamples(), heldOut.numExamples()));
        List<Unit> units = units();
        List<Training> sameMlp = units.stream().map(u -> new Training(u, 1)).toList();
        double gain = 1 / Sigmoid.derivativeFromOutput(0.5);
        List<Training> gainMatched = List.of(new Training(units.get(0), gain), new Training(units.get(1), gain));

        StringColumn unit = StringColumn.create("hidden_unit");
        DoubleColumn scale = DoubleColumn.create("hidden_weight_scale");
        IntColumn epoch = IntColumn.create("epoch");
        DoubleColumn trainLoss = DoubleColumn.create("train_loss");
        DoubleColumn heldOutLoss = DoubleColumn.create("held_out_loss");
        DoubleColumn heldOutAccuracy = DoubleColumn.create("held_out_accuracy");
        XYChart main = lossChart("The same deep MLP with different hidden units");
        XYChart centring = lossChart("Centring alone: sigmoid vs sigmoid − ½, hidden weights × " + (int) gain);
        double[] x = IntStream.rangeClosed(0, epochs).asDoubleStream().toArray();
        try (var progress = run.progress("convergence", sameMlp.size() + gainMatched.size())) {
            List<Training> all = new ArrayList<>(sameMlp);
            all.addAll(gainMatched);
            for (Training training : all) {
                Curves curves = train(training, train, heldOut, width, epochs, run.seed());
                progress.step();
                for (int e = 0; e <= epochs; e++) {
                    unit.append(training.unit().name());
                    scale.append(training.hiddenWeightScale());
                    epoch.append(e);
                    trainLoss.append(curves.trainLoss()[e]);
                    heldOutLoss.append(curves.heldOutLoss()[e]);
                    heldOutAccuracy.append(curves.heldOutAccuracy()[e]);
                }
                boolean matched = gainMatched.contains(training);
                addCurves(matched ? centring : main, training.label(), x, curves, units.indexOf(training.unit()));
                run.finding(training.label() + ": final training loss", curves.trainLoss()[epochs], "%.4f");
                run.finding(training.label() + ": final held-out accuracy", curves.heldOutAccuracy()[epochs], "%.4f");
            }
        }
        run.table("convergence", Table.create("convergence", unit, scale, epoch, trainLoss, heldOutLoss, heldOutAccuracy));
        Charts.horizontal(main, "ln 10: chance", Math.log(10), 0, epochs);
        Charts.horizontal(centring, "ln 10: chance", Math.log(10), 0, epochs);
        run.figure("convergence", main);
        run.figure("convergence-centring", centring);
    }

    private static XYChart lossChart(String title) {
        XYChart chart = Charts.xy(title, "epoch", "cross-entropy loss (solid: training, dashed: held out)");
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        return chart;
    }

    private static void addCurves(XYChart chart, String label, double[] x, Curves curves, int colour) {
        XYSeries training = Charts.points(chart, label, x, curves.trainLoss());
        training.setLineColor(Charts.color(colour));
        training.setMarkerColor(Charts.color(colour));
        training.setLineStyle(SeriesLines.SOLID);
        XYSeries held = Charts.line(chart, label + ", held out", x, curves.heldOutLoss());
        held.setLineColor(Charts.color(colour));
        held.setLineStyle(SeriesLines.DASH_DASH);
        held.setShowInLegend(false);
    }
}
