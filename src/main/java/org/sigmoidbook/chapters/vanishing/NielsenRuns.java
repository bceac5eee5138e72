package org.sigmoidbook.chapters.vanishing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.book.Progress;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.nn.GradientRecorder.Role;
import org.sigmoidbook.toolkit.nn.GradientRecorder;
import org.sigmoidbook.toolkit.nn.HiddenUnit;
import org.sigmoidbook.toolkit.nn.LayerGradient;
import org.sigmoidbook.toolkit.numerics.Stats;

/**
 * Nielsen's experiment (Neural Networks and Deep Learning, chapter 5, fig/generate_gradient.py) on
 * the networks [784, 30 x L, 10], L = 2, 3, 4: the speed of each hidden layer at initialisation,
 * over many seeds, and during his full-batch training run.
 */
final class NielsenRuns {

    /** Nielsen's networks: 2, 3 and 4 hidden layers. */
    static final int[] DEPTHS = {2, 3, 4};
    /** Nielsen's published speeds of learning at initialisation, first to last hidden layer. */
    static final double[][] PUBLISHED_SPEED = {{0.07, 0.31}, {0.012, 0.060, 0.283}, {0.003, 0.017, 0.070, 0.285}};

    /** A row of speed-at-init.csv: one hidden layer's speed at initialisation over the seeds, beside Nielsen's value. */
    record InitSpeed(int hiddenLayers, int layer, double medianNorm, double p10Norm, double p90Norm, int seeds, double publishedNorm) {
    }

    /** A row of speed-during-training.csv: one hidden layer's speed, and its weight gradient, at the start of an epoch. */
    record EpochSpeed(int hiddenLayers, int epoch, int layer, double speed, double weightGradNorm) {
    }

    /** A row of weight-change.csv: how far one layer's weights moved over the run, relative to where they started. */
    record WeightChange(int hiddenLayers, int layer, Role role, double relativeChange, double relativeChangeFromGradient) {
    }

    /** The training runs' two tables. */
    record Training(List<EpochSpeed> speeds, List<WeightChange> changes) {
    }

    private record Draw(int depth, long seed) {
    }

    private record Trained(List<EpochSpeed> speeds, double[] change, double[] changeFromGradient) {
    }

    private NielsenRuns() {
    }

    /**
     * Nielsen measured one network per architecture on the first 1,000 official MNIST training
     * images; here the same architectures are drawn with many seeds on the book's first 1,000 digits,
     * so that his numbers are compared with the spread over seeds. Returns one row per layer.
     */
    static List<InitSpeed> speedAtInit(Lab lab, DataSet images, int seeds) throws Exception {
        List<Draw> draws = new ArrayList<>();
        for (int depth : DEPTHS) {
            for (int s = 0; s < seeds; s++) {
                draws.add(new Draw(depth, lab.seed() + s));
            }
        }
        List<double[]> speeds;
        try (Progress progress = lab.progress("speed at initialisation", draws.size())) {
            speeds = lab.parallel(draws, draw -> {
                MultiLayerNetwork net = VanishingChapter.nielsenNetwork(
                        VanishingChapter.network(Digits.PIXELS, draw.depth(), VanishingChapter.WIDTH, HiddenUnit.SIGMOID).frozen(),
                        draw.seed());
                double[] layers = GradientRecorder.meanGradients(net, images).stream()
                        .limit(draw.depth()).mapToDouble(LayerGradient::biasNorm).toArray();
                progress.step();
                return layers;
            });
        }
        List<InitSpeed> rows = new ArrayList<>();
        for (int n = 0; n < DEPTHS.length; n++) {
            int depth = DEPTHS[n];
            int from = n * seeds;
            double[] medians = new double[depth];
            for (int l = 0; l < depth; l++) {
                int layer = l;
                double[] overSeeds = speeds.subList(from, from + seeds).stream().mapToDouble(s -> s[layer]).toArray();
                medians[l] = Stats.median(overSeeds);
                rows.add(new InitSpeed(depth, l + 1, medians[l], Stats.quantile(overSeeds, 0.1), Stats.quantile(overSeeds, 0.9),
                        seeds, PUBLISHED_SPEED[n][l]));
            }
            lab.finding("speed at init " + VanishingChapter.architecture(depth), "median " + formatAll(medians)
                    + " (published " + formatAll(PUBLISHED_SPEED[n]) + ")");
        }
        return rows;
    }

    /**
     * Trains one network per architecture as Nielsen's script does (one full-batch step per epoch)
     * and records, per epoch and hidden layer, the mean gradients at the start of the epoch, where
     * his script measures them (speed-during-training), and how far each layer's weights moved
     * (weight-change).
     */
    static Training training(Lab lab, DataSet images, int epochs) throws Exception {
        double coefficient = VanishingChapter.l2Coefficient(VanishingChapter.LAMBDA, VanishingChapter.IMAGES);
        double decay = decayFactor(epochs);
        List<Trained> runs;
        try (Progress progress = lab.progress("training", (long) DEPTHS.length * epochs)) {
            runs = lab.parallel(Arrays.stream(DEPTHS).boxed().toList(), depth -> {
                MultiLayerNetwork net = VanishingChapter.nielsenNetwork(
                        VanishingChapter.network(Digits.PIXELS, depth, VanishingChapter.WIDTH, HiddenUnit.SIGMOID)
                                .sgd(VanishingChapter.LEARNING_RATE).l2(coefficient), lab.seed());
                List<INDArray> start = IntStream.rangeClosed(0, depth).mapToObj(l -> net.getParam(l + "_W").dup()).toList();
                GradientRecorder recorder = new GradientRecorder();
                net.setListeners(recorder);
                for (int epoch = 0; epoch < epochs; epoch++) {
                    net.fit(images);
                    progress.step();
                }
                double[] change = new double[depth + 1];
                double[] fromGradient = new double[depth + 1];
                for (int l = 0; l <= depth; l++) {
                    INDArray before = start.get(l);
                    INDArray after = net.getParam(l + "_W");
                    double size = before.norm2Number().doubleValue();
                    change[l] = after.sub(before).norm2Number().doubleValue() / size;
                    // W_end = decay * W_start - (the gradient steps, each decayed since): what the gradient moved.
                    fromGradient[l] = after.sub(before.mul(decay)).norm2Number().doubleValue() / size;
                }
                return new Trained(hiddenRows(recorder.updates(), depth), change, fromGradient);
            });
        }
        List<EpochSpeed> speeds = new ArrayList<>();
        List<WeightChange> changes = new ArrayList<>();
        for (int n = 0; n < DEPTHS.length; n++) {
            int depth = DEPTHS[n];
            Trained run = runs.get(n);
            speeds.addAll(run.speeds());
            for (int l = 0; l <= depth; l++) {
                Role role = l == depth ? Role.OUTPUT : Role.HIDDEN;
                changes.add(new WeightChange(depth, l + 1, role, run.change()[l], run.changeFromGradient()[l]));
            }
        }
        return new Training(speeds, changes);
    }

    /** What the weight decay alone does to every weight over the run: (1 - eta lambda / n)^epochs. */
    static double decayFactor(int epochs) {
        double coefficient = VanishingChapter.l2Coefficient(VanishingChapter.LAMBDA, VanishingChapter.IMAGES);
        return Math.pow(1 - VanishingChapter.LEARNING_RATE * coefficient, epochs);
    }

    /** The hidden layers' rows of what the recorder saw, one full-batch iteration per epoch. */
    private static List<EpochSpeed> hiddenRows(List<GradientRecorder.Update> recorded, int depth) {
        return recorded.stream().filter(u -> u.role() == Role.HIDDEN)
                .map(u -> new EpochSpeed(depth, u.iteration(), u.layer(), u.biasGradNorm(), u.weightGradNorm())).toList();
    }

    /**
     * Per network: the last hidden layer's speed over the first's in the final epoch, the weight
     * change from the gradient steps, and |dC/dW| / |dC/db| at epoch 0. The first layer's weight
     * gradient is large for its speed: dC/dw = a_in delta, and its inputs are pixels.
     */
    static void reportTraining(Lab lab, Training training) {
        List<EpochSpeed> speeds = training.speeds();
        int lastEpoch = lastEpoch(speeds);
        for (int depth : DEPTHS) {
            String name = VanishingChapter.architecture(depth);
            double[] weightOverBias = new double[depth];
            for (int layer = 1; layer <= depth; layer++) {
                EpochSpeed start = at(speeds, depth, layer, 0);
                weightOverBias[layer - 1] = start.weightGradNorm() / start.speed();
            }
            lab.finding(name + ": last/first hidden layer speed in the final epoch",
                    at(speeds, depth, depth, lastEpoch).speed() / at(speeds, depth, 1, lastEpoch).speed(), "%.1f");
            lab.finding(name + ": |dC/dW| / |dC/db| per hidden layer at epoch 0", formatAll(weightOverBias));
        }
        lab.finding("weight decay alone over the run, 1 - (1 - eta lambda / n)^epochs", 1 - decayFactor(lastEpoch + 1), "%.3f");
        for (int depth : DEPTHS) {
            lab.finding(VanishingChapter.architecture(depth) + ": weight change from gradient steps, first to last hidden layer",
                    formatAll(hiddenLayers(training.changes(), depth).stream()
                            .mapToDouble(WeightChange::relativeChangeFromGradient).toArray()));
        }
    }

    static int lastEpoch(List<EpochSpeed> speeds) {
        return speeds.stream().mapToInt(EpochSpeed::epoch).max().orElseThrow();
    }

    private static EpochSpeed at(List<EpochSpeed> speeds, int depth, int layer, int epoch) {
        return rows(speeds, depth, layer).stream().filter(row -> row.epoch() == epoch).findFirst().orElseThrow();
    }

    /** The rows of one hidden layer of one network, by epoch. */
    static List<EpochSpeed> rows(List<EpochSpeed> speeds, int hiddenLayers, int layer) {
        return speeds.stream().filter(row -> row.hiddenLayers() == hiddenLayers && row.layer() == layer)
                .sorted(Comparator.comparingInt(EpochSpeed::epoch)).toList();
    }

    /** The hidden layers of one network, first to last. */
    static List<WeightChange> hiddenLayers(List<WeightChange> changes, int hiddenLayers) {
        return changes.stream().filter(row -> row.hiddenLayers() == hiddenLayers && row.role() == Role.HIDDEN)
                .sorted(Comparator.comparingInt(WeightChange::layer)).toList();
    }

    static String formatAll(double[] values) {
        return Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%.3g", v)).collect(Collectors.joining(", "));
    }
}
