package org.sigmoidbook.chapters.outputlayer;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
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
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.nn.Networks;
import org.sigmoidbook.book.Progress;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Chapter 7: the article's conclusion, measured. Keep sigmoid where a probability is wanted, in the
 * output unit of a binary classifier trained with cross-entropy, and use tanh or ReLU in the hidden
 * layers. The same deep MLP (same initial weights, same minibatches, same learning rate) is trained
 * on "is this digit a 9 or a 4?" with sigmoid, tanh and ReLU hidden units.
 */
@ChapterInfo(number = 7, id = "output-layer", title = "Sigmoid belongs in the output layer",
        summary = "the conclusion, measured: sigmoid on the output layer, not in deep hidden layers", cover = "training-curves")
public final class OutputLayerChapter extends LegacyRun.LegacyChapter {

    public static final int POSITIVE_DIGIT = 9;
    public static final int NEGATIVE_DIGIT = 4;
    public static final int HIDDEN_LAYERS = 5;
    public static final int WIDTH = 32;
    public static final int BATCH_SIZE = 32;
    public static final double LEARNING_RATE = 0.1;
    public static final List<Activation> HIDDEN_ACTIVATIONS = List.of(Activation.SIGMOID, Activation.TANH, Activation.RELU);

    public static void main(String[] args) {
        Launcher.run(OutputLayerChapter.class, args);
    }

    /**
     * The network all three runs share but for the hidden activation: {@link #HIDDEN_LAYERS} hidden
     * layers, one sigmoid output unit with binary cross-entropy, weights N(0, 1/n_in), biases 0.
     */
    public static Networks.Mlp network(int inputs, int width, Activation hidden) {
        return Networks.mlp(inputs).hiddenLayers(HIDDEN_LAYERS, width).activation(hidden)
                .output(1, Activation.SIGMOID, LossFunction.XENT).normalWeights().sgd(LEARNING_RATE);
    }

    /** One row of the results table: the state after {@code epoch} passes over the training digits. */
    private record EpochResult(int epoch, double heldOutAccuracy, double heldOutLoss, double trainLoss,
                               double firstLayerGradNorm) {
    }

    /** A whole training run of one network, plus the first layer's gradient norm at every update. */
    private record Run(Activation activation, List<EpochResult> epochs, int updatesPerEpoch, double[] firstLayerGradNorms) {
        EpochResult last() {
            return epochs.get(epochs.size() - 1);
        }

        String name() {
            return activation.name().toLowerCase(Locale.ROOT);
        }
    }

    @Override
    protected void run(LegacyRun run) throws Exception {
        Mnist.Split mnist = Mnist.load();
        Digits trainDigits = mnist.train().onlyClasses(NEGATIVE_DIGIT, POSITIVE_DIGIT);
        trainDigits = trainDigits.first(run.size(800, trainDigits.size()));
        DataSet train = trainDigits.binary(POSITIVE_DIGIT, DataType.FLOAT);
        DataSet test = mnist.test().onlyClasses(NEGATIVE_DIGIT, POSITIVE_DIGIT).binary(POSITIVE_DIGIT, DataType.FLOAT);
        int epochs = run.size(5, 10);
        run.finding("task", String.format(Locale.ROOT, "%d vs %d: %d training digits, %d held out; %d hidden layers of %d, "
                        + "weights N(0, 1/n_in), biases 0, SGD lr %.2f, minibatch %d, %d epochs",
                POSITIVE_DIGIT, NEGATIVE_DIGIT, train.numExamples(), test.numExamples(), HIDDEN_LAYERS, WIDTH,
                LEARNING_RATE, BATCH_SIZE, epochs));

        List<Run> runs = new ArrayList<>();
        try (Progress progress = run.progress("training", (long) HIDDEN_ACTIVATIONS.size() * epochs)) {
            for (Activation activation : HIDDEN_ACTIVATIONS) {
                runs.add(train(activation, run.seed(), train, test, epochs, progress));
            }
        }

        Run sigmoid = runs.get(0);
        for (Run r : runs) {
            run.finding("final held-out accuracy, " + r.name() + " hidden", r.last().heldOutAccuracy(), "%.4f");
        }
        for (Run r : runs) {
            run.finding("final held-out loss, " + r.name() + " hidden", r.last().heldOutLoss(), "%.4f");
        }
        for (Run r : runs.subList(1, runs.size())) {
            run.finding("first-layer gradient norm at init, " + r.name() + " / sigmoid",
                    r.epochs().get(0).firstLayerGradNorm() / sigmoid.epochs().get(0).firstLayerGradNorm(), "%.1f");
            run.finding("first-layer gradient norm during training (median), " + r.name() + " / sigmoid",
                    median(r.firstLayerGradNorms()) / median(sigmoid.firstLayerGradNorms()), "%.1f");
        }

        run.table("results", results(runs));
        run.figure("training-curves", trainingCurves(runs));
        run.figure("first-layer-gradient", firstLayerGradient(runs));
    }

    private static Run train(Activation activation, long seed, DataSet train, DataSet test, int epochs, Progress progress) {
        MultiLayerNetwork net = network(Digits.PIXELS, WIDTH, activation).seed(seed).build();
        // The same minibatch order for every activation: the runs differ only in the hidden units.
        Random order = new Random(seed);
        List<DataSet> firstBatches = minibatches(train, order);
        List<EpochResult> results = new ArrayList<>();
        results.add(evaluate(net, 0, train, test, medianFirstLayerNorm(net, firstBatches)));

        GradientRecorder recorder = new GradientRecorder();
        net.setListeners(recorder);
        int recorded = 0;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            List<DataSet> batches = epoch == 1 ? firstBatches : minibatches(train, order);
            net.fit(new ExistingDataSetIterator(batches));
            double[] norms = firstLayerNorms(recorder.table());
            double epochMedian = median(Arrays.copyOfRange(norms, recorded, norms.length));
            recorded = norms.length;
            results.add(evaluate(net, epoch, train, test, epochMedian));
            progress.step();
        }
        return new Run(activation, results, firstBatches.size(), firstLayerNorms(recorder.table()));
    }

    /** Median over the minibatches of ||dC/dW1||, measured at the current weights without training. */
    private static double medianFirstLayerNorm(MultiLayerNetwork net, List<DataSet> batches) {
        return median(batches.stream()
                .mapToDouble(b -> GradientRecorder.meanGradients(net, b).get(0).weightNorm()).toArray());
    }

    private static double[] firstLayerNorms(Table recorded) {
        Table first = recorded.where(recorded.intColumn("layer").isEqualTo(1));
        return first.doubleColumn("weight_grad_norm").asDoubleArray();
    }

    private static EpochResult evaluate(MultiLayerNetwork net, int epoch, DataSet train, DataSet test, double gradNorm) {
        INDArray predicted = net.output(test.getFeatures(), false).gt(0.5).castTo(DataType.FLOAT);
        double correct = predicted.eq(test.getLabels()).castTo(DataType.FLOAT).sumNumber().doubleValue();
        return new EpochResult(epoch, correct / test.numExamples(), net.score(test), net.score(train), gradNorm);
    }

    /** The training set in a fresh random order, cut into minibatches. */
    private static List<DataSet> minibatches(DataSet all, Random order) {
        int n = all.numExamples();
        int[] index = new int[n];
        Arrays.setAll(index, i -> i);
        for (int i = n - 1; i > 0; i--) {
            int j = order.nextInt(i + 1);
            int swap = index[i];
            index[i] = index[j];
            index[j] = swap;
        }
        List<DataSet> batches = new ArrayList<>();
        for (int start = 0; start < n; start += BATCH_SIZE) {
            int[] rows = Arrays.copyOfRange(index, start, Math.min(n, start + BATCH_SIZE));
            batches.add(new DataSet(all.getFeatures().getRows(rows), all.getLabels().getRows(rows)));
        }
        return batches;
    }

    private static Table results(List<Run> runs) {
        StringColumn activation = StringColumn.create("activation");
        IntColumn epoch = IntColumn.create("epoch");
        DoubleColumn accuracy = DoubleColumn.create("heldout_accuracy");
        DoubleColumn heldOutLoss = DoubleColumn.create("heldout_loss");
        DoubleColumn trainLoss = DoubleColumn.create("train_loss");
        DoubleColumn gradNorm = DoubleColumn.create("first_layer_grad_norm");
        for (Run r : runs) {
            for (EpochResult e : r.epochs()) {
                activation.append(r.name());
                epoch.append(e.epoch());
                accuracy.append(e.heldOutAccuracy());
                heldOutLoss.append(e.heldOutLoss());
                trainLoss.append(e.trainLoss());
                gradNorm.append(e.firstLayerGradNorm());
            }
        }
        return Table.create("results", activation, epoch, accuracy, heldOutLoss, trainLoss, gradNorm);
    }

    private static XYChart trainingCurves(List<Run> runs) {
        XYChart chart = Charts.xy("Deep MLP with a sigmoid output: held-out accuracy and loss",
                "epoch", "held-out accuracy (solid)");
        chart.setYAxisGroupTitle(1, "held-out cross-entropy loss, nats (dashed)");
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            double[] epochs = r.epochs().stream().mapToDouble(EpochResult::epoch).toArray();
            XYSeries accuracy = Charts.points(chart, r.name() + " accuracy", epochs,
                    r.epochs().stream().mapToDouble(EpochResult::heldOutAccuracy).toArray());
            accuracy.setLineColor(Charts.color(i));
            accuracy.setMarkerColor(Charts.color(i));
            XYSeries loss = Charts.reference(chart, r.name() + " loss", epochs,
                    r.epochs().stream().mapToDouble(EpochResult::heldOutLoss).toArray());
            loss.setLineColor(Charts.color(i));
            loss.setYAxisGroup(1);
        }
        double lastEpoch = runs.get(0).last().epoch();
        Charts.horizontal(chart, "chance (50%)", 0.5, 0, lastEpoch).setLineColor(Color.GRAY);
        Charts.horizontal(chart, "ln 2: loss at chance", Math.log(2), 0, lastEpoch).setYAxisGroup(1);
        chart.getStyler().setYAxisMin(0, 0.4);
        chart.getStyler().setYAxisMax(0, 1.0);
        chart.getStyler().setYAxisMin(1, 0.0);
        chart.getStyler().setYAxisDecimalPattern("0.00");
        return chart;
    }

    private static XYChart firstLayerGradient(List<Run> runs) {
        XYChart chart = Charts.xy("First hidden layer's gradient norm during training",
                "minibatch update (" + runs.get(0).updatesPerEpoch() + " per epoch)", "‖∂C/∂W₁‖, mean over the minibatch");
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            double[] updates = new double[r.firstLayerGradNorms().length];
            Arrays.setAll(updates, u -> u + 1);
            Color c = Charts.color(i);
            XYSeries series = Charts.line(chart, r.name() + " hidden", updates, r.firstLayerGradNorms());
            series.setLineColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 120));
            series.setLineWidth(1.2f);
        }
        double lastUpdate = runs.get(0).firstLayerGradNorms().length;
        double sigmoidMedian = median(runs.get(0).firstLayerGradNorms());
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            double median = median(r.firstLayerGradNorms());
            String name = i == 0 ? r.name() + " median" : String.format(Locale.ROOT, "%s median (%.0f× sigmoid)",
                    r.name(), median / sigmoidMedian);
            // Spanning half an update beyond the data also keeps XChart from placing a tick at every
            // few updates, as it does when all x values are equally spaced.
            Charts.horizontal(chart, name, median, 0.5, lastUpdate + 0.5).setLineColor(Charts.color(i));
        }
        chart.getStyler().setXAxisMin(0.0);
        return chart;
    }
    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
