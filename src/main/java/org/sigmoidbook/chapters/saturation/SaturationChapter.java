package org.sigmoidbook.chapters.saturation;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.sigmoidbook.book.ChapterInfo;
import org.sigmoidbook.book.Launcher;
import org.sigmoidbook.chapters.LegacyRun;
import org.sigmoidbook.toolkit.charts.Charts;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.nn.GradientRecorder;
import org.sigmoidbook.toolkit.nn.GradientRecorder.ActivationStats;
import org.sigmoidbook.toolkit.nn.LayerGradient;
import org.sigmoidbook.toolkit.nn.Minibatches;
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.nn.Networks;
import org.sigmoidbook.toolkit.numerics.Sigmoid;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Chapter 4: saturation. Far from zero sigma flattens, its derivative vanishes, and in floating
 * point it vanishes exactly; a deep sigmoid network drives its top layer into that flat region
 * while it trains (Glorot and Bengio 2010), large initial weights put units there from the start,
 * and a unit that sits there learns almost nothing until it drifts out.
 */
@ChapterInfo(number = 4, id = "saturation", title = "Saturation",
        summary = "flat tails freeze learning; Glorot and Bengio's top-layer saturation reproduced", cover = "activations-during-training")
public final class SaturationChapter extends LegacyRun.LegacyChapter {

    /** Glorot and Bengio's learning rate is tuned; this one reproduces their Figure 2 on MNIST. */
    static final double GLOROT_LEARNING_RATE = 0.1;
    static final int GLOROT_BATCH = 10;
    static final int GLOROT_LAYERS = 4;
    static final int PROBE_EXAMPLES = 300;
    static final double FROZEN_LEARNING_RATE = 0.5;
    static final double SATURATING_BIAS = 10.0;
    /** A neuron "has learned" 0 vs 1 once its mean squared error on all those digits is below this. */
    static final double LEARNED_ERROR = 0.05;
    private static final Color LIGHT_ORANGE = new Color(240, 170, 120);

    public static void main(String[] args) {
        Launcher.run(SaturationChapter.class, args);
    }

    @Override
    protected void run(LegacyRun run) throws Exception {
        Mnist.Split mnist = Mnist.load();
        derivativeTail(run);
        activationsDuringTraining(run, mnist);
        initialScale(run, mnist);
        frozenNeuron(run, mnist);
    }

    // ---------------------------------------------------------------- the tails in FLOAT and DOUBLE

    /** One way of computing sigma and sigma' in one number type. */
    record Implementation(String name, DataType type, String formula, DoubleUnaryOperator sigma,
                          DoubleUnaryOperator slope, double rightPrediction, double leftPrediction) {
    }

    static List<Implementation> implementations() {
        double ln2 = Math.log(2);
        return List.of(
                new Implementation("ND4J FLOAT", DataType.FLOAT, "Transforms.sigmoid; sigma' from DL4J's backprop",
                        z -> Sigmoid.at(z, DataType.FLOAT), z -> dl4jSlope(DataType.FLOAT, z),
                        24 * ln2, -Math.log(Float.MAX_VALUE)),
                new Implementation("ND4J DOUBLE", DataType.DOUBLE, "Transforms.sigmoid; sigma' from DL4J's backprop",
                        z -> Sigmoid.at(z, DataType.DOUBLE), z -> dl4jSlope(DataType.DOUBLE, z),
                        53 * ln2, -Math.log(Double.MAX_VALUE)),
                new Implementation("Java float", DataType.FLOAT, "1f / (1f + (float) Math.exp(-z)); s * (1f - s)",
                        SaturationChapter::javaFloatSigmoid, z -> {
                            float s = javaFloatSigmoid(z);
                            return s * (1f - s);
                        }, 24 * ln2, -Math.log(Float.MAX_VALUE)),
                new Implementation("Java double", DataType.DOUBLE, "1 / (1 + Math.exp(-z)); s * (1 - s)",
                        z -> 1.0 / (1.0 + Math.exp(-z)), z -> {
                            double s = 1.0 / (1.0 + Math.exp(-z));
                            return s * (1 - s);
                        }, 53 * ln2, -Math.log(Double.MAX_VALUE)),
                new Implementation("Java double, stable form", DataType.DOUBLE, "Sigmoid.of: e^z / (1 + e^z) for z < 0",
                        Sigmoid::of, z -> Sigmoid.derivativeFromOutput(Sigmoid.of(z)),
                        53 * ln2, -1075 * ln2));
    }

    static float javaFloatSigmoid(double z) {
        float zf = (float) z;
        return 1f / (1f + (float) Math.exp(-zf));
    }

    /** sigma'(z) exactly as a DL4J sigmoid layer computes it during backprop. */
    static double dl4jSlope(DataType type, double z) {
        INDArray in = Sigmoid.vector(type, z);
        return Activation.SIGMOID.getActivationFunction().backprop(in, Nd4j.onesLike(in)).getFirst().getDouble(0);
    }

    /** sigma'(z) = e^-|z| / (1 + e^-|z|)^2 in double: the exact value, free of the 1 - sigma cancellation. */
    static double exactSlope(double z) {
        double e = Math.exp(-Math.abs(z));
        return e / ((1 + e) * (1 + e));
    }

    /** One row of thresholds.csv. */
    record Threshold(Implementation implementation, String quantity, double z, double predicted) {
    }

    static List<Threshold> thresholds() {
        double far = 1e4;
        List<Threshold> rows = new ArrayList<>();
        for (Implementation im : implementations()) {
            DataType t = im.type();
            rows.add(new Threshold(im, "sigma == 1 from z",
                    Representable.firstTrue(t, 0, far, z -> im.sigma().applyAsDouble(z) == 1.0), im.rightPrediction()));
            rows.add(new Threshold(im, "sigma' == 0 from z",
                    Representable.firstTrue(t, 0, far, z -> im.slope().applyAsDouble(z) == 0.0), im.rightPrediction()));
            rows.add(new Threshold(im, "sigma == 0 up to z",
                    Representable.lastTrue(t, -far, 0, z -> im.sigma().applyAsDouble(z) == 0.0), im.leftPrediction()));
            rows.add(new Threshold(im, "sigma' == 0 up to z",
                    Representable.lastTrue(t, -far, 0, z -> im.slope().applyAsDouble(z) == 0.0), im.leftPrediction()));
        }
        return rows;
    }

    private void derivativeTail(LegacyRun run) throws Exception {
        List<Threshold> rows = thresholds();
        run.table("thresholds", Table.create("thresholds",
                StringColumn.create("implementation", rows.stream().map(r -> r.implementation().name())),
                StringColumn.create("data_type", rows.stream().map(r -> r.implementation().type().name())),
                StringColumn.create("formula", rows.stream().map(r -> r.implementation().formula())),
                StringColumn.create("quantity", rows.stream().map(Threshold::quantity)),
                DoubleColumn.create("threshold_z", rows.stream().mapToDouble(Threshold::z)),
                DoubleColumn.create("closed_form_z", rows.stream().mapToDouble(Threshold::predicted)),
                DoubleColumn.create("exact_sigma_prime_there", rows.stream().mapToDouble(r -> exactSlope(r.z())))));
        for (Threshold row : rows) {
            if (row.implementation().name().startsWith("ND4J")) {
                run.finding(row.implementation().name() + ": " + row.quantity(), row.z(), "%.6f");
            }
        }
        run.finding("ND4J's thresholds equal plain Java float/double arithmetic's", sameAsJava(rows) ? "yes" : "no");

        double[] z = Charts.range(-100, 45, 1451);
        double doubleLeft = rows.stream().filter(r -> r.implementation().name().equals("ND4J DOUBLE")
                && r.quantity().equals("sigma' == 0 up to z")).findFirst().orElseThrow().z();
        XYChart chart = Charts.xy("σ'(z) far into the tails, as DL4J computes it",
                String.format(Locale.ROOT, "z   (in DOUBLE, σ' = 0 also for z ≤ %.2f, off this chart)", doubleLeft),
                "log₁₀ σ'(z)");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        Charts.reference(chart, "exact: σ'(z) = e^-|z| / (1 + e^-|z|)²", z,
                Arrays.stream(z).map(v -> Math.log10(exactSlope(v))).toArray()).setLineColor(Color.GRAY);
        XYSeries dbl = Charts.line(chart, "DL4J backprop, DOUBLE", z, log10Slopes(DataType.DOUBLE, z));
        dbl.setLineWidth(7f);
        dbl.setLineColor(LIGHT_ORANGE);
        XYSeries flt = Charts.line(chart, "DL4J backprop, FLOAT", z, log10Slopes(DataType.FLOAT, z));
        flt.setLineWidth(2.5f);
        flt.setLineColor(Charts.color(0));
        Charts.horizontal(chart, "saturated: σ' < 0.01", Math.log10(GradientRecorder.SATURATION_THRESHOLD), -100, 45)
                .setLineColor(Charts.color(2));
        for (Threshold row : rows) {
            if (row.implementation().name().startsWith("ND4J") && row.quantity().startsWith("sigma'")
                    && row.z() > -100 && row.z() < 45) {
                boolean isFloat = row.implementation().type() == DataType.FLOAT;
                Charts.reference(chart, String.format(Locale.ROOT, "%s: σ' = 0 exactly for z %s %.2f",
                                row.implementation().type(), row.z() > 0 ? "≥" : "≤", row.z()),
                        new double[]{row.z(), row.z()}, new double[]{-46, 0})
                        .setLineColor(isFloat ? Charts.color(0) : Charts.color(1));
            }
        }
        run.figure("derivative-tail", chart);
    }

    /** Whether every ND4J threshold equals the one from the naive Java formula in the same type. */
    private static boolean sameAsJava(List<Threshold> rows) {
        for (Threshold nd4j : rows) {
            String javaName = nd4j.implementation().type() == DataType.FLOAT ? "Java float" : "Java double";
            if (nd4j.implementation().name().startsWith("ND4J") && rows.stream().noneMatch(java ->
                    java.implementation().name().equals(javaName) && java.quantity().equals(nd4j.quantity()) && java.z() == nd4j.z())) {
                return false;
            }
        }
        return true;
    }

    /** log10 of DL4J's sigma' on a grid; exact zeros (log = -infinity) become gaps. */
    private static double[] log10Slopes(DataType type, double[] z) {
        INDArray in = Sigmoid.vector(type, z);
        double[] slope = Activation.SIGMOID.getActivationFunction().backprop(in, Nd4j.onesLike(in)).getFirst().toDoubleVector();
        return Arrays.stream(slope).map(s -> s > 0 ? Math.log10(s) : Double.NaN).toArray();
    }

    // ---------------------------------------------------------------- Glorot and Bengio, Figure 2

    /**
     * Glorot and Bengio's Figure 2 on MNIST: four sigmoid layers, zero biases, weights uniform in
     * +-1/sqrt(n_in), softmax and negative log-likelihood, SGD on minibatches of 10; the mean and
     * standard deviation of each hidden layer's activations on 300 fixed held-out digits.
     */
    private void activationsDuringTraining(LegacyRun run, Mnist.Split mnist) throws Exception {
        int width = 1000;
        int steps = run.size(120, 1000);
        int probeEvery = run.size(20, 25);
        run.finding("Glorot run", String.format(Locale.ROOT, "%d hidden layers of %d sigmoid units, SGD lr %.2f, minibatch %d, %d steps",
                GLOROT_LAYERS, width, GLOROT_LEARNING_RATE, GLOROT_BATCH, steps));
        MultiLayerNetwork net = Networks.mlp(Digits.PIXELS).hiddenLayers(GLOROT_LAYERS, width).activation(Activation.SIGMOID)
                .output(10, Activation.SOFTMAX, LossFunction.MCXENT).uniformWeights()
                .sgd(GLOROT_LEARNING_RATE).seed(run.seed()).build();
        INDArray probe = mnist.test().first(PROBE_EXAMPLES).features(DataType.FLOAT);
        Minibatches batches = new Minibatches(mnist.train().tenClass(DataType.FLOAT), GLOROT_BATCH, run.seed());

        IntColumn step = IntColumn.create("step");
        IntColumn layer = IntColumn.create("layer");
        DoubleColumn mean = DoubleColumn.create("mean");
        DoubleColumn std = DoubleColumn.create("std");
        long start = System.nanoTime();
        try (var progress = run.progress("Glorot network", steps)) {
            for (int s = 0; s <= steps; s++) {
                if (s % probeEvery == 0 || s == steps) {
                    for (ActivationStats stats : GradientRecorder.activationStats(net, probe).subList(0, GLOROT_LAYERS)) {
                        step.append(s);
                        layer.append(stats.layer());
                        mean.append(stats.mean());
                        std.append(stats.std());
                    }
                }
                if (s < steps) {
                    net.fit(batches.next());
                    progress.step();
                }
            }
        }
        Table table = Table.create("activations-during-training", step, layer, mean, std);
        run.table("activations-during-training", table);

        Table last = table.where(table.intColumn("step").isEqualTo(steps));
        double top = last.where(last.intColumn("layer").isEqualTo(GLOROT_LAYERS)).doubleColumn("mean").get(0);
        double lowestBelow = last.where(last.intColumn("layer").isLessThan(GLOROT_LAYERS)).doubleColumn("mean").min();
        Table topRows = table.where(table.intColumn("layer").isEqualTo(GLOROT_LAYERS).and(table.doubleColumn("mean").isLessThan(0.2)));
        run.finding("top hidden layer: mean activation at the last step", top, "%.4f");
        run.finding("layers 1-3: lowest mean activation at the last step", lowestBelow, "%.4f");
        run.finding("first probed step with the top layer's mean below 0.2",
                topRows.isEmpty() ? Double.NaN : topRows.intColumn("step").min(), "%.0f");
        run.finding("published (Glorot & Bengio 2010, Fig. 2)",
                "top hidden layer driven to saturation near 0 early in training; lower layers stay above 0.5");

        XYChart chart = Charts.xy("Hidden activations during training (Glorot & Bengio 2010, Fig. 2)",
                "SGD step (minibatches of " + GLOROT_BATCH + ")", "activation σ(z): mean ± std on 300 digits");
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        Charts.horizontal(chart, "0.5 = σ(0), where every layer starts", 0.5, 0, steps);
        for (int l = 1; l <= GLOROT_LAYERS; l++) {
            Table rows = table.where(table.intColumn("layer").isEqualTo(l));
            // a small sideways shift per layer keeps the error bars of different layers apart
            double shift = (l - (GLOROT_LAYERS + 1) / 2.0) * probeEvery * 0.12;
            double[] x = rows.intColumn("step").asDoubleColumn().add(shift).asDoubleArray();
            XYSeries series = chart.addSeries("layer " + l + (l == GLOROT_LAYERS ? " (top)" : ""), x,
                    rows.doubleColumn("mean").asDoubleArray(), rows.doubleColumn("std").asDoubleArray());
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setLineColor(Charts.color(l - 1));
            series.setMarkerColor(Charts.color(l - 1));
        }
        run.figure("activations-during-training", chart);
    }

    // ---------------------------------------------------------------- initial weight scale

    /**
     * The Glorot network at initialisation with every weight matrix multiplied by a factor s from
     * 0.1 to 100 (the issue asks for 0.1 to 10; the next decade shows where saturation takes over):
     * how many units start saturated, and how large the first layer's gradient is.
     */
    private void initialScale(LegacyRun run, Mnist.Split mnist) throws Exception {
        int width = run.size(250, 1000);
        int perDecade = run.size(2, 4);
        int decades = 3;
        DataSet digits = mnist.train().first(PROBE_EXAMPLES).tenClass(DataType.FLOAT);
        IntColumn layer = IntColumn.create("layer");
        DoubleColumn scale = DoubleColumn.create("weight_scale");
        DoubleColumn saturated = DoubleColumn.create("saturated_fraction");
        DoubleColumn mean = DoubleColumn.create("activation_mean");
        DoubleColumn std = DoubleColumn.create("activation_std");
        DoubleColumn gradient = DoubleColumn.create("weight_grad_norm");
        for (int p = 0; p <= decades * perDecade; p++) {
            double factor = Math.pow(10, -1 + (double) p / perDecade);
            MultiLayerNetwork net = Networks.mlp(Digits.PIXELS).hiddenLayers(GLOROT_LAYERS, width)
                    .activation(Activation.SIGMOID).output(10, Activation.SOFTMAX, LossFunction.MCXENT)
                    .uniformWeights().frozen().seed(run.seed()).build();
            Networks.scaleWeights(net, factor);
            List<ActivationStats> stats = GradientRecorder.activationStats(net, digits.getFeatures());
            List<LayerGradient> gradients = GradientRecorder.meanGradients(net, digits);
            for (int l = 0; l < GLOROT_LAYERS; l++) {
                layer.append(l + 1);
                scale.append(factor);
                saturated.append(stats.get(l).saturatedFraction());
                mean.append(stats.get(l).mean());
                std.append(stats.get(l).std());
                gradient.append(gradients.get(l).weightNorm());
            }
        }
        Table table = Table.create("init-scale", scale, layer, saturated, mean, std, gradient);
        run.table("init-scale", table);

        Table first = table.where(table.intColumn("layer").isEqualTo(1));
        double[] factors = first.doubleColumn("weight_scale").asDoubleArray();
        double[] firstGradient = first.doubleColumn("weight_grad_norm").asDoubleArray();
        // While every unit works near z = 0 (sigma' about 1/4), dC/dW1 passes through the L weight
        // matrices above layer 1 and grows like s^L; saturation shows as the fall below that line.
        double[] linearRegime = Arrays.stream(factors)
                .map(f -> firstGradient[0] * Math.pow(f / factors[0], GLOROT_LAYERS)).toArray();
        for (double at : new double[]{1, 10, 100}) {
            int i = nearest(factors, at);
            Table rows = table.where(table.doubleColumn("weight_scale").isEqualTo(factors[i]));
            run.finding(String.format(Locale.ROOT, "saturated fraction of all hidden units at %.0fx", at),
                    rows.doubleColumn("saturated_fraction").mean(), "%.4f");
            run.finding(String.format(Locale.ROOT, "first layer's gradient at %.0fx relative to the s^%d line", at, GLOROT_LAYERS),
                    firstGradient[i] / linearRegime[i], "%.3g");
        }

        String xTitle = "weight scale s (× uniform ±1/√n_in)  (log scale)";
        XYChart saturation = Charts.xy("Units saturated at initialisation against initial weight scale",
                xTitle, "fraction of units with σ'(z) < 0.01");
        saturation.getStyler().setXAxisLogarithmic(true);
        saturation.getStyler().setYAxisMin(0.0);
        saturation.getStyler().setYAxisMax(1.0);
        saturation.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        saturation.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        for (int l = 1; l <= GLOROT_LAYERS; l++) {
            Table rows = table.where(table.intColumn("layer").isEqualTo(l));
            Charts.points(saturation, "hidden layer " + l, rows.doubleColumn("weight_scale").asDoubleArray(),
                    rows.doubleColumn("saturated_fraction").asDoubleArray());
        }
        Charts.mark(saturation, "s = 1: Glorot & Bengio's standard initialisation", 1.0, 0.0);
        run.figure("init-scale", saturation);

        XYChart gradientChart = Charts.xy("First layer's gradient against initial weight scale",
                xTitle, "‖∂C/∂W₁‖, mean over 300 digits (log scale)");
        gradientChart.getStyler().setXAxisLogarithmic(true);
        gradientChart.getStyler().setYAxisLogarithmic(true);
        Charts.reference(gradientChart, "∝ s^" + GLOROT_LAYERS + ": no unit saturated (from s = 0.1)", factors, linearRegime);
        Charts.points(gradientChart, "measured, hidden layer 1", factors, firstGradient);
        Charts.mark(gradientChart, "s = 1", 1.0, firstGradient[nearest(factors, 1)]);
        run.figure("init-scale-gradient", gradientChart);
    }

    private static int nearest(double[] values, double target) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (Math.abs(Math.log(values[i] / target)) < Math.abs(Math.log(values[best] / target))) {
                best = i;
            }
        }
        return best;
    }

    // ---------------------------------------------------------------- a saturated neuron stops learning

    /**
     * Single sigmoid neurons on "is it a 1?" (digits 0 and 1), same data, same initial weights, same
     * learning rate. One starts at z = 0; the others start with a bias that puts every digit at z of
     * about +10, where sigma' is about 5e-5. With squared error the gradient carries that factor and the
     * neuron creeps until it leaves the flat region; with cross-entropy the factor cancels at once.
     */
    private void frozenNeuron(LegacyRun run, Mnist.Split mnist) throws Exception {
        int steps = run.size(120, 1000);
        int early = 100;
        DataSet digits = mnist.train().onlyClasses(0, 1).binary(1, DataType.FLOAT);
        record Neuron(String name, LossFunction loss, double bias) {
        }
        List<Neuron> neurons = List.of(
                new Neuron("unsaturated (b = 0), squared error", LossFunction.MSE, 0.0),
                new Neuron("saturated (b = " + (int) SATURATING_BIAS + "), squared error", LossFunction.MSE, SATURATING_BIAS),
                new Neuron("saturated (b = " + (int) SATURATING_BIAS + "), cross-entropy", LossFunction.XENT, SATURATING_BIAS));
        StringColumn name = StringColumn.create("neuron");
        IntColumn step = IntColumn.create("step");
        DoubleColumn moved = DoubleColumn.create("weight_distance_moved");
        DoubleColumn gradient = DoubleColumn.create("weight_grad_norm");
        DoubleColumn meanSlope = DoubleColumn.create("mean_sigma_prime");
        DoubleColumn squaredError = DoubleColumn.create("squared_error");
        XYChart chart = Charts.xy("A saturated neuron barely moves its weights, for a long time",
                "SGD step t (minibatches of 10, learning rate " + FROZEN_LEARNING_RATE + ")  (log scale)",
                "distance moved ‖w_t − w_0‖  (log scale)");
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        for (Neuron neuron : neurons) {
            MultiLayerNetwork net = Networks.mlp(Digits.PIXELS).output(1, Activation.SIGMOID, neuron.loss())
                    .sgd(FROZEN_LEARNING_RATE).seed(run.seed()).build();
            net.getParam("0_b").assign(neuron.bias());
            INDArray start = net.getParam("0_W").dup();
            GradientRecorder recorder = new GradientRecorder();
            net.setListeners(recorder);
            Minibatches batches = new Minibatches(digits, GLOROT_BATCH, run.seed());
            double[] x = new double[steps];
            double[] y = new double[steps];
            int learned = -1;
            for (int s = 1; s <= steps; s++) {
                net.fit(batches.next());
                INDArray output = net.output(digits.getFeatures());
                double error = output.squaredDistance(digits.getLabels()) / digits.numExamples();
                x[s - 1] = s;
                y[s - 1] = net.getParam("0_W").distance2(start);
                name.append(neuron.name());
                step.append(s);
                moved.append(y[s - 1]);
                meanSlope.append(Sigmoid.derivativeFromOutput(output).meanNumber().doubleValue());
                squaredError.append(error);
                if (learned < 0 && error < LEARNED_ERROR) {
                    learned = s;
                }
            }
            gradient.append(recorder.table().doubleColumn("weight_grad_norm"));
            Charts.line(chart, neuron.name(), x, y);
            run.finding(neuron.name() + ": distance moved in the first " + early + " steps", y[early - 1], "%.3g");
            String label = neuron.name() + ": steps until the squared error on all 0/1 digits is below " + LEARNED_ERROR;
            if (learned > 0) {
                run.finding(label, learned, "%.0f");
            } else {
                run.finding(label, "not within the " + steps + " steps run");
            }
            if (learned > 0 && neuron.loss() == LossFunction.MSE && neuron.bias() != 0) {
                Charts.mark(chart, "saturated, squared error: learned (error < " + LEARNED_ERROR + ") at step " + learned, learned, y[learned - 1]);
            }
        }
        run.table("frozen-neuron", Table.create("frozen-neuron", name, step, moved, gradient, meanSlope, squaredError));
        run.figure("frozen-neuron", chart);
    }
}
