package org.sigmoidbook.chapters.vanishing;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.sigmoidbook.book.ChapterInfo;
import org.sigmoidbook.book.Launcher;
import org.sigmoidbook.chapters.LegacyRun;
import org.sigmoidbook.toolkit.charts.Charts;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.nn.GradientRecorder;
import org.sigmoidbook.toolkit.nn.LayerGradient;
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.nn.Networks;
import org.sigmoidbook.book.Progress;
import org.sigmoidbook.toolkit.numerics.Stats;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Chapter 3: the vanishing gradient. Backpropagation multiplies the error by sigma'(z) <= 1/4 once per
 * layer, so in a deep sigmoid network the first layers receive a gradient that is smaller by about
 * a factor four per layer. Measured here at initialisation over depth, reproduced against Nielsen's
 * published numbers (Neural Networks and Deep Learning, chapter 5, fig/generate_gradient.py), and
 * followed through his full-batch training run.
 */
@ChapterInfo(number = 3, id = "vanishing", title = "Vanishing gradients",
        summary = "gradients through sigmoid layers; Nielsen's measurements on MNIST reproduced", cover = "depth-sweep")
public final class VanishingChapter extends LegacyRun.LegacyChapter {

    /** Hidden width of every network in this chapter, as in Nielsen's experiment. */
    public static final int WIDTH = 30;
    public static final int IMAGES = 1000;
    public static final int MAX_DEPTH = 10;
    public static final List<Activation> HIDDEN_UNITS = List.of(Activation.SIGMOID, Activation.TANH, Activation.RELU);

    /** Nielsen's networks: 2, 3 and 4 hidden layers. */
    public static final int[] NIELSEN_DEPTHS = {2, 3, 4};
    /** Nielsen's published speeds of learning at initialisation, first to last hidden layer (chapter 5). */
    public static final double[][] PUBLISHED_SPEED = {{0.07, 0.31}, {0.012, 0.060, 0.283}, {0.003, 0.017, 0.070, 0.285}};
    public static final double LEARNING_RATE = 0.1;
    /** Nielsen's lambda; his update divides it by the number of training examples. */
    public static final double LAMBDA = 5.0;

    public static void main(String[] args) {
        Launcher.run(VanishingChapter.class, args);
    }

    @Override
    protected void run(LegacyRun run) throws Exception {
        Digits train = Mnist.load().train();
        DataSet images = train.first(IMAGES).tenClass(DataType.FLOAT);
        depthSweep(run, train.first(run.size(300, IMAGES)).tenClass(DataType.FLOAT), run.size(5, 10));
        speedAtInit(run, images, run.size(40, 100));
        training(run, images, run.size(50, 500));
    }

    /**
     * The chapter's networks: {@code hiddenLayers} layers of {@code width} {@code hidden} units and ten
     * sigmoid outputs with cross-entropy, weights N(0, 1/n_in), as in Nielsen's network2.py.
     */
    public static Networks.Mlp network(int inputs, int hiddenLayers, int width, Activation hidden) {
        return Networks.mlp(inputs).hiddenLayers(hiddenLayers, width).activation(hidden)
                .output(10, Activation.SIGMOID, LossFunction.XENT).normalWeights();
    }

    /** Nielsen's initialisation on top of {@link #network}: biases N(0, 1) as well. */
    public static MultiLayerNetwork nielsenNetwork(Networks.Mlp mlp, long seed) {
        MultiLayerNetwork net = mlp.seed(seed).build();
        Networks.normalBiases(net, 0, 1, seed);
        return net;
    }

    /**
     * The DL4J L2 coefficient that reproduces Nielsen's update w -> (1 - eta lambda / n) w - eta grad.
     * DL4J adds coefficient * w to the mean gradient before the SGD step (its score term is
     * coefficient / 2 * |w|^2), so the coefficient is lambda / n; VanishingChapterTest checks the step.
     */
    public static double l2Coefficient(double lambda, int examples) {
        return lambda / examples;
    }

    // ---------------------------------------------------------------- depth sweep

    /**
     * Biases are 0 here (DL4J's default), so sigmoid units start near z = 0 where sigma' is largest, 1/4:
     * the best case for sigmoid. The "speed" of a layer is Nielsen's: the norm of the mean dC/db.
     */
    private static void depthSweep(LegacyRun run, DataSet data, int seeds) throws Exception {
        StringColumn activation = StringColumn.create("activation");
        IntColumn hiddenLayers = IntColumn.create("hidden_layers");
        IntColumn seedColumn = IntColumn.create("seed");
        DoubleColumn first = DoubleColumn.create("first_layer_norm");
        DoubleColumn last = DoubleColumn.create("last_layer_norm");
        DoubleColumn ratio = DoubleColumn.create("ratio");
        try (Progress progress = run.progress("depth sweep", (long) HIDDEN_UNITS.size() * MAX_DEPTH * seeds)) {
            for (Activation unit : HIDDEN_UNITS) {
                for (int depth = 1; depth <= MAX_DEPTH; depth++) {
                    for (int s = 0; s < seeds; s++) {
                        long seed = run.seed() + s;
                        MultiLayerNetwork net = network(Digits.PIXELS, depth, WIDTH, unit).frozen().seed(seed).build();
                        List<LayerGradient> gradients = GradientRecorder.meanGradients(net, data);
                        double firstNorm = gradients.get(0).biasNorm();
                        double lastNorm = gradients.get(depth - 1).biasNorm();
                        activation.append(name(unit));
                        hiddenLayers.append(depth);
                        seedColumn.append((int) seed);
                        first.append(firstNorm);
                        last.append(lastNorm);
                        ratio.append(firstNorm / lastNorm);
                        progress.step();
                    }
                }
            }
        }
        Table table = Table.create("depth-sweep", activation, hiddenLayers, seedColumn, first, last, ratio);
        run.table("depth-sweep", table);

        double[] depths = IntStream.rangeClosed(1, MAX_DEPTH).asDoubleStream().toArray();
        XYChart chart = Charts.xy("Gradient at the first vs the last hidden layer, at initialisation",
                "L, number of hidden layers (width " + WIDTH + ", weights N(0, 1/n_in), biases 0)",
                "‖∂C/∂b‖ first hidden ÷ ‖∂C/∂b‖ last hidden");
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisDecimalPattern("0");
        legendInside(chart, Styler.LegendPosition.InsideSW);
        for (int u = 0; u < HIDDEN_UNITS.size(); u++) {
            String unit = name(HIDDEN_UNITS.get(u));
            Color color = Charts.color(u);
            double[] medians = new double[MAX_DEPTH];
            List<Double> seedX = new ArrayList<>();
            List<Double> seedY = new ArrayList<>();
            for (int depth = 1; depth <= MAX_DEPTH; depth++) {
                double[] values = ratios(table, unit, depth);
                medians[depth - 1] = Stats.median(values);
                for (double v : values) {
                    seedX.add((double) depth);
                    seedY.add(v);
                }
            }
            XYSeries median = Charts.points(chart, label(HIDDEN_UNITS.get(u)) + " hidden units: median (dots: " + seeds + " single seeds)",
                    depths, medians);
            median.setLineColor(color);
            median.setLineStyle(SOLID);
            median.setMarkerColor(color);
            XYSeries each = chart.addSeries(unit + " seeds", seedX, seedY);
            each.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            each.setMarker(SeriesMarkers.CIRCLE);
            each.setMarkerColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 90));
            each.setShowInLegend(false);
            double perLayer = Math.pow(medians[MAX_DEPTH - 1], 1.0 / (MAX_DEPTH - 1));
            run.finding(unit + ": first/last gradient ratio at L = " + MAX_DEPTH, medians[MAX_DEPTH - 1], "%.2e");
            run.finding(unit + ": factor per layer, (ratio at L = " + MAX_DEPTH + ")^(1/" + (MAX_DEPTH - 1) + ")", perLayer, "%.3f");
        }
        // From the first to the last of L hidden layers the error is backpropagated through L - 1
        // layer-to-layer steps, each multiplying it by sigma'(z) <= 1/4 (and by a 30x30 weight
        // matrix that keeps its norm on average under N(0, 1/30) weights): hence 0.25^(L-1), not 0.25^L.
        double[] bound = Arrays.stream(depths).map(depth -> Math.pow(0.25, depth - 1)).toArray();
        Charts.reference(chart, "0.25^(L−1): σ′ ≤ 1/4 at each of the L−1 steps", depths, bound);
        run.finding("0.25^(L-1) at L = " + MAX_DEPTH, bound[MAX_DEPTH - 1], "%.2e");
        run.figure("depth-sweep", chart);
    }

    // ---------------------------------------------------------------- Nielsen at initialisation

    /**
     * Nielsen measured one network per architecture on the first 1,000 official MNIST training images;
     * here the same architectures are drawn with many seeds on the book's first 1,000 digits (the official
     * ones when installed in data/mnist), so his numbers are compared with the spread over seeds.
     */
    private static void speedAtInit(LegacyRun run, DataSet images, int seeds) throws Exception {
        IntColumn hiddenLayers = IntColumn.create("hidden_layers");
        IntColumn layer = IntColumn.create("layer");
        DoubleColumn median = DoubleColumn.create("median_norm");
        DoubleColumn p10 = DoubleColumn.create("p10_norm");
        DoubleColumn p90 = DoubleColumn.create("p90_norm");
        IntColumn seedCount = IntColumn.create("seeds");
        DoubleColumn published = DoubleColumn.create("published_norm");
        XYChart chart = Charts.xy("Speed of learning at initialisation vs Nielsen's published values",
                "hidden layer l (1 = first, next to the input)", "‖mean over 1,000 images of ∂C/∂bˡ‖");
        chart.getStyler().setYAxisLogarithmic(true);
        integerTicks(chart);
        legendInside(chart, Styler.LegendPosition.InsideSE);
        try (Progress progress = run.progress("speed at initialisation", (long) NIELSEN_DEPTHS.length * seeds)) {
            for (int n = 0; n < NIELSEN_DEPTHS.length; n++) {
                int depth = NIELSEN_DEPTHS[n];
                double[][] speeds = new double[depth][seeds];
                for (int s = 0; s < seeds; s++) {
                    MultiLayerNetwork net = nielsenNetwork(network(Digits.PIXELS, depth, WIDTH, Activation.SIGMOID).frozen(), run.seed() + s);
                    List<LayerGradient> gradients = GradientRecorder.meanGradients(net, images);
                    for (int l = 0; l < depth; l++) {
                        speeds[l][s] = gradients.get(l).biasNorm();
                    }
                    progress.step();
                }
                double[] x = new double[depth];
                double[] medians = new double[depth];
                for (int l = 0; l < depth; l++) {
                    x[l] = l + 1;
                    medians[l] = Stats.median(speeds[l]);
                    hiddenLayers.append(depth);
                    layer.append(l + 1);
                    median.append(medians[l]);
                    p10.append(Stats.quantile(speeds[l], 0.1));
                    p90.append(Stats.quantile(speeds[l], 0.9));
                    seedCount.append(seeds);
                    published.append(PUBLISHED_SPEED[n][l]);
                    XYSeries spread = Charts.line(chart, architecture(depth) + " p10-p90 layer " + (l + 1),
                            new double[]{x[l], x[l]}, new double[]{p10.getDouble(p10.size() - 1), p90.getDouble(p90.size() - 1)});
                    spread.setLineColor(Charts.color(n));
                    spread.setLineStyle(SOLID);
                    spread.setShowInLegend(false);
                }
                XYSeries measured = Charts.points(chart, depth + " hidden: median, bar p10–p90 (" + seeds + " seeds)", x, medians);
                measured.setLineColor(Charts.color(n));
                measured.setMarkerColor(Charts.color(n));
                measured.setLineStyle(SOLID);
                double[] besideBar = Arrays.stream(x).map(l -> l + 0.07).toArray();
                XYSeries nielsen = chart.addSeries(depth + " hidden: Nielsen, published", besideBar, PUBLISHED_SPEED[n]);
                nielsen.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                nielsen.setMarker(SeriesMarkers.CROSS);
                nielsen.setMarkerColor(Charts.color(n).darker());
                run.finding("speed at init " + architecture(depth), "median " + formatAll(medians)
                        + " (published " + formatAll(PUBLISHED_SPEED[n]) + ")");
            }
        }
        chart.getStyler().setMarkerSize(11);
        run.table("speed-at-init", Table.create("speed-at-init", hiddenLayers, layer, median, p10, p90, seedCount, published));
        run.figure("speed-at-init", chart);
    }

    // ---------------------------------------------------------------- Nielsen's training run

    /**
     * Trains one network per architecture as Nielsen's script does (one full-batch step per epoch) and
     * records, per epoch and layer, the mean gradients at the start of the epoch, where his script measures them.
     */
    private static void training(LegacyRun run, DataSet images, int epochs) throws Exception {
        double coefficient = l2Coefficient(LAMBDA, IMAGES);
        // The weight decay alone shrinks every weight by this factor over the run.
        double decay = Math.pow(1 - LEARNING_RATE * coefficient, epochs);
        Table speeds = Table.create("speed-during-training", IntColumn.create("hidden_layers"), IntColumn.create("epoch"),
                IntColumn.create("layer"), DoubleColumn.create("speed"), DoubleColumn.create("weight_grad_norm"));
        Table changes = Table.create("weight-change", IntColumn.create("hidden_layers"), IntColumn.create("layer"),
                StringColumn.create("role"), DoubleColumn.create("relative_change"), DoubleColumn.create("relative_change_from_gradient"));
        try (Progress progress = run.progress("training", (long) NIELSEN_DEPTHS.length * epochs)) {
            for (int depth : NIELSEN_DEPTHS) {
                MultiLayerNetwork net = nielsenNetwork(network(Digits.PIXELS, depth, WIDTH, Activation.SIGMOID)
                        .sgd(LEARNING_RATE).l2(coefficient), run.seed());
                List<INDArray> start = IntStream.rangeClosed(0, depth).mapToObj(l -> net.getParam(l + "_W").dup()).toList();
                GradientRecorder recorder = new GradientRecorder();
                net.setListeners(recorder);
                for (int epoch = 0; epoch < epochs; epoch++) {
                    net.fit(images);
                    progress.step();
                }
                Table recorded = recorder.table();
                for (int row = 0; row < recorded.rowCount(); row++) {
                    if (recorded.stringColumn("role").get(row).equals("hidden")) {
                        speeds.intColumn("hidden_layers").append(depth);
                        speeds.intColumn("epoch").append(recorded.intColumn("iteration").getInt(row));
                        speeds.intColumn("layer").append(recorded.intColumn("layer").getInt(row));
                        speeds.doubleColumn("speed").append(recorded.doubleColumn("bias_grad_norm").getDouble(row));
                        speeds.doubleColumn("weight_grad_norm").append(recorded.doubleColumn("weight_grad_norm").getDouble(row));
                    }
                }
                for (int l = 0; l <= depth; l++) {
                    INDArray before = start.get(l);
                    INDArray after = net.getParam(l + "_W");
                    double size = before.norm2Number().doubleValue();
                    changes.intColumn("hidden_layers").append(depth);
                    changes.intColumn("layer").append(l + 1);
                    changes.stringColumn("role").append(l == depth ? "output" : "hidden");
                    changes.doubleColumn("relative_change").append(after.sub(before).norm2Number().doubleValue() / size);
                    // W_end = decay * W_start - (the gradient steps, each decayed since): what the gradient moved.
                    changes.doubleColumn("relative_change_from_gradient")
                            .append(after.sub(before.mul(decay)).norm2Number().doubleValue() / size);
                }
            }
        }
        run.table("speed-during-training", speeds);
        run.figure("speed-during-training", speedDuringTrainingChart(run, speeds, epochs));
        run.table("weight-change", changes);
        run.figure("weight-change", weightChangeChart(run, changes, epochs, decay));
    }

    private static XYChart speedDuringTrainingChart(LegacyRun run, Table speeds, int epochs) {
        XYChart chart = Charts.xy("Speed of learning during Nielsen's training run",
                "epoch (full-batch gradient descent on 1,000 images, η = 0.1, λ = 5)", "‖mean ∂C/∂bˡ‖ of hidden layer l");
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisMax((double) epochs);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        for (int depth : NIELSEN_DEPTHS) {
            double[][] speedsByLayer = new double[depth][];
            double[] weightOverBias = new double[depth];
            for (int layer = 1; layer <= depth; layer++) {
                Table rows = rowsOf(speeds, depth, layer).sortAscendingOn("epoch");
                speedsByLayer[layer - 1] = rows.doubleColumn("speed").asDoubleArray();
                // XChart restarts the dash pattern at every point: draw about 50 points per curve so dashes show.
                Table drawn = rows.where(rows.intColumn("epoch").remainder(Math.max(1, epochs / 50)).isEqualTo(0)
                        .or(rows.intColumn("epoch").isEqualTo(epochs - 1)));
                XYSeries series = Charts.line(chart, depth + " hidden: layer " + layer,
                        drawn.intColumn("epoch").asDoubleArray(), drawn.doubleColumn("speed").asDoubleArray());
                series.setLineColor(Charts.color(layer - 1));
                series.setLineStyle(stroke(depth));
                weightOverBias[layer - 1] = rows.doubleColumn("weight_grad_norm").getDouble(0) / speedsByLayer[layer - 1][0];
            }
            run.finding(architecture(depth) + ": last/first hidden layer speed in the final epoch",
                    speedsByLayer[depth - 1][epochs - 1] / speedsByLayer[0][epochs - 1], "%.1f");
            // The first layer's weight gradient is large for its speed: dC/dw = a_in * delta, and its inputs are pixels.
            run.finding(architecture(depth) + ": |dC/dW| / |dC/db| per hidden layer at epoch 0", formatAll(weightOverBias));
        }
        return chart;
    }

    /**
     * The weight decay shrinks every layer by the same factor, so the figure also shows the change with
     * the decay of the starting weights removed: what the gradient steps moved. The first hidden layer moves
     * more than its speed suggests, since dC/dw = a_in delta and its inputs are pixels, not sigmoid outputs
     * (the |dC/dW| / |dC/db| finding shows it).
     */
    private static XYChart weightChangeChart(LegacyRun run, Table changes, int epochs, double decay) {
        XYChart chart = Charts.xy("Relative weight change in " + epochs + " epochs of training",
                "hidden layer l (1 = first, next to the input)", "‖W_end − W_start‖ / ‖W_start‖");
        // "minus decay": |W_end - (1 - eta lambda / n)^epochs W_start| / |W_start|.
        chart.getStyler().setYAxisLogarithmic(true);
        integerTicks(chart);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        for (int n = 0; n < NIELSEN_DEPTHS.length; n++) {
            int depth = NIELSEN_DEPTHS[n];
            Table hidden = changes.where(changes.intColumn("hidden_layers").isEqualTo(depth)
                    .and(changes.stringColumn("role").isEqualTo("hidden"))).sortAscendingOn("layer");
            double[] layers = hidden.intColumn("layer").asDoubleArray();
            XYSeries all = Charts.points(chart, depth + " hidden: total", layers, hidden.doubleColumn("relative_change").asDoubleArray());
            all.setLineColor(Charts.color(n));
            all.setMarkerColor(Charts.color(n));
            all.setLineStyle(SOLID);
            double[] fromGradient = hidden.doubleColumn("relative_change_from_gradient").asDoubleArray();
            XYSeries learned = Charts.points(chart, depth + " hidden: minus decay", layers, fromGradient);
            learned.setLineColor(Charts.color(n));
            learned.setMarkerColor(Charts.color(n));
            learned.setMarker(SeriesMarkers.SQUARE);
            learned.setLineStyle(DASHED);
            run.finding(architecture(depth) + ": weight change from gradient steps, first to last hidden layer", formatAll(fromGradient));
        }
        Charts.horizontal(chart, String.format(Locale.ROOT, "decay alone, %.3f", 1 - decay),
                1 - decay, 1, NIELSEN_DEPTHS[NIELSEN_DEPTHS.length - 1]);
        return chart;
    }

    static Table rowsOf(Table table, int hiddenLayers, int layer) {
        return table.where(table.intColumn("hidden_layers").isEqualTo(hiddenLayers).and(table.intColumn("layer").isEqualTo(layer)));
    }

    private static void integerTicks(XYChart chart) {
        chart.setCustomXAxisTickLabelsFormatter(x -> Math.abs(x - Math.rint(x)) < 1e-9 ? String.format(Locale.ROOT, "%.0f", x) : "");
    }

    private static void legendInside(XYChart chart, Styler.LegendPosition position) {
        chart.getStyler().setLegendPosition(position);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        chart.getStyler().setLegendBorderColor(Color.LIGHT_GRAY);
        chart.getStyler().setLegendBackgroundColor(new Color(255, 255, 255, 220));
    }

    private static final BasicStroke SOLID = new BasicStroke(2.2f);
    private static final BasicStroke DASHED = dashed(12f, 7f);
    private static final BasicStroke DOTTED = dashed(2.5f, 4f);

    private static BasicStroke dashed(float on, float off) {
        return new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{on, off}, 0f);
    }

    /** Solid for 2 hidden layers, dashed for 3, dotted for 4. */
    private static BasicStroke stroke(int depth) {
        return depth == 2 ? SOLID : depth == 3 ? DASHED : DOTTED;
    }

    static String architecture(int hiddenLayers) {
        return "[784," + "30,".repeat(hiddenLayers) + "10]";
    }

    private static String formatAll(double[] values) {
        return Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%.3g", v)).collect(Collectors.joining(", "));
    }

    static double[] ratios(Table depthSweep, String activation, int depth) {
        return IntStream.range(0, depthSweep.rowCount())
                .filter(i -> depthSweep.stringColumn("activation").get(i).equals(activation)
                        && depthSweep.intColumn("hidden_layers").getInt(i) == depth)
                .mapToDouble(i -> depthSweep.doubleColumn("ratio").getDouble(i)).toArray();
    }

    private static String name(Activation unit) {
        return unit.name().toLowerCase(Locale.ROOT);
    }

    private static String label(Activation unit) {
        return unit == Activation.RELU ? "ReLU" : name(unit);
    }
}
