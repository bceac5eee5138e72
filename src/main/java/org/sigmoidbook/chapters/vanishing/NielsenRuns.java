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

    /**
     * A row of speed-during-training.csv: one hidden layer's speed, and its weight gradient, at the
     * start of an epoch, in the run of one seed.
     */
    record EpochSpeed(int hiddenLayers, long seed, int epoch, int layer, double speed, double weightGradNorm) {
    }

    /** A row of weight-change.csv: how far one layer's weights moved over one seed's run, relative to where they started. */
    record WeightChange(int hiddenLayers, long seed, int layer, Role role, double relativeChange, double relativeChangeFromGradient) {
    }

    /** The training runs' two tables. */
    record Training(List<EpochSpeed> speeds, List<WeightChange> changes) {
    }

    private record Draw(int depth, long seed) {
    }

    private record Trained(List<EpochSpeed> speeds, List<WeightChange> changes) {
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
     * Trains every architecture from {@code seeds} seeds (lab.seed(), lab.seed() + 1, ...) as Nielsen's
     * script does (one full-batch step per epoch) and records, per hidden layer, the mean gradients at
     * the start of every {@link #recordedEpoch recorded} epoch, where his script measures them
     * (speed-during-training), and how far each layer's weights moved (weight-change).
     */
    static Training training(Lab lab, DataSet images, int epochs, int seeds) throws Exception {
        List<Draw> draws = new ArrayList<>();
        for (int depth : DEPTHS) {
            for (int s = 0; s < seeds; s++) {
                draws.add(new Draw(depth, lab.seed() + s));
            }
        }
        List<Trained> runs;
        try (Progress progress = lab.progress("training", (long) draws.size() * epochs)) {
            runs = lab.parallel(draws, draw -> train(draw, images, epochs, progress));
        }
        return new Training(runs.stream().flatMap(run -> run.speeds().stream()).toList(),
                runs.stream().flatMap(run -> run.changes().stream()).toList());
    }

    private static Trained train(Draw draw, DataSet images, int epochs, Progress progress) {
        int depth = draw.depth();
        double coefficient = VanishingChapter.l2Coefficient(VanishingChapter.LAMBDA, VanishingChapter.IMAGES);
        MultiLayerNetwork net = VanishingChapter.nielsenNetwork(
                VanishingChapter.network(Digits.PIXELS, depth, VanishingChapter.WIDTH, HiddenUnit.SIGMOID)
                        .sgd(VanishingChapter.LEARNING_RATE).l2(coefficient), draw.seed());
        List<INDArray> start = IntStream.rangeClosed(0, depth).mapToObj(l -> net.getParam(l + "_W").dup()).toList();
        GradientRecorder recorder = new GradientRecorder();
        net.setListeners(recorder);
        for (int epoch = 0; epoch < epochs; epoch++) {
            net.fit(images);
            progress.step();
        }
        double decay = decayFactor(epochs);
        List<WeightChange> changes = new ArrayList<>();
        for (int l = 0; l <= depth; l++) {
            INDArray before = start.get(l);
            INDArray after = net.getParam(l + "_W");
            double size = before.norm2Number().doubleValue();
            // W_end = decay * W_start - (the gradient steps, each decayed since): what the gradient moved.
            changes.add(new WeightChange(depth, draw.seed(), l + 1, l == depth ? Role.OUTPUT : Role.HIDDEN,
                    after.sub(before).norm2Number().doubleValue() / size, after.sub(before.mul(decay)).norm2Number().doubleValue() / size));
        }
        List<EpochSpeed> speeds = recorder.updates().stream()
                .filter(u -> u.role() == Role.HIDDEN && recordedEpoch(u.iteration(), epochs))
                .map(u -> new EpochSpeed(depth, draw.seed(), u.iteration(), u.layer(), u.biasGradNorm(), u.weightGradNorm())).toList();
        return new Trained(speeds, changes);
    }

    /**
     * Whether speed-during-training.csv keeps this epoch: about a hundred evenly spaced epochs and the
     * last. Full-batch descent gives smooth curves, which a hundred points draw.
     */
    static boolean recordedEpoch(int epoch, int epochs) {
        return epoch % Math.max(1, epochs / 100) == 0 || epoch == epochs - 1;
    }

    /** What the weight decay alone does to every weight over the run: (1 - eta lambda / n)^epochs. */
    static double decayFactor(int epochs) {
        double coefficient = VanishingChapter.l2Coefficient(VanishingChapter.LAMBDA, VanishingChapter.IMAGES);
        return Math.pow(1 - VanishingChapter.LEARNING_RATE * coefficient, epochs);
    }

    /**
     * Per network, over the seeds: the last hidden layer's speed over the first's in the final epoch,
     * seed by seed, and the medians of the weight change from the gradient steps and of
     * |dC/dW| / |dC/db| at epoch 0. The first layer's weight gradient is large for its speed:
     * dC/dw = a_in delta, and its inputs are pixels.
     */
    static void reportTraining(Lab lab, Training training) {
        List<EpochSpeed> speeds = training.speeds();
        int lastEpoch = lastEpoch(speeds);
        long[] seeds = seeds(speeds);
        for (int depth : DEPTHS) {
            String name = VanishingChapter.architecture(depth);
            double[] lastOverFirst = new double[seeds.length];
            double[] weightOverBias = new double[depth];
            for (int s = 0; s < seeds.length; s++) {
                lastOverFirst[s] = at(speeds, depth, seeds[s], depth, lastEpoch).speed() / at(speeds, depth, seeds[s], 1, lastEpoch).speed();
            }
            for (int layer = 1; layer <= depth; layer++) {
                int l = layer;
                weightOverBias[layer - 1] = Stats.median(Arrays.stream(seeds).mapToDouble(seed -> {
                    EpochSpeed start = at(speeds, depth, seed, l, 0);
                    return start.weightGradNorm() / start.speed();
                }).toArray());
            }
            lab.finding(name + ": last/first hidden layer speed in the final epoch", perSeedText(lastOverFirst, seeds));
            lab.finding(name + ": |dC/dW| / |dC/db| per hidden layer at epoch 0", mediansText(weightOverBias, seeds.length));
        }
        lab.finding("weight decay alone over the run, 1 - (1 - eta lambda / n)^epochs", 1 - decayFactor(lastEpoch + 1), "%.3f");
        for (int depth : DEPTHS) {
            double[] moved = new double[depth];
            for (int layer = 1; layer <= depth; layer++) {
                int l = layer;
                moved[layer - 1] = Stats.median(training.changes().stream()
                        .filter(row -> row.hiddenLayers() == depth && row.layer() == l).mapToDouble(WeightChange::relativeChangeFromGradient).toArray());
            }
            lab.finding(VanishingChapter.architecture(depth) + ": weight change from gradient steps, first to last hidden layer",
                    mediansText(moved, seeds.length));
        }
    }

    /**
     * The values of a few seeds, each to three significant digits: "2.54, 2.53 and 1.25 (seeds 42, 43
     * and 44)". With as few seeds as the training runs afford, the values say more than a median and
     * range would (and Lab's median and range can round the median outside its own range).
     */
    static String perSeedText(double[] values, long[] seeds) {
        return and(Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%.3g", v)).toList())
                + " (seeds " + and(Arrays.stream(seeds).mapToObj(Long::toString).toList()) + ")";
    }

    private static String and(List<String> items) {
        return items.size() == 1 ? items.get(0)
                : String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** Medians over seeds, to two significant digits, saying what they are: "5.9, 3.0 (medians of 5 seeds)". */
    static String mediansText(double[] medians, int seeds) {
        return Arrays.stream(medians).mapToObj(v -> String.format(Locale.ROOT, "%.2g", v)).collect(Collectors.joining(", "))
                + " (medians of " + seeds + " seeds)";
    }

    /** The seeds of the training runs, ascending. */
    static long[] seeds(List<EpochSpeed> speeds) {
        return speeds.stream().mapToLong(EpochSpeed::seed).distinct().sorted().toArray();
    }

    static int lastEpoch(List<EpochSpeed> speeds) {
        return speeds.stream().mapToInt(EpochSpeed::epoch).max().orElseThrow();
    }

    private static EpochSpeed at(List<EpochSpeed> speeds, int depth, long seed, int layer, int epoch) {
        return rows(speeds, depth, seed, layer).stream().filter(row -> row.epoch() == epoch).findFirst().orElseThrow();
    }

    /** The rows of one hidden layer of one seed's network, by epoch. */
    static List<EpochSpeed> rows(List<EpochSpeed> speeds, int hiddenLayers, long seed, int layer) {
        return speeds.stream().filter(row -> row.hiddenLayers() == hiddenLayers && row.seed() == seed && row.layer() == layer)
                .sorted(Comparator.comparingInt(EpochSpeed::epoch)).toList();
    }

    /** The hidden layers of one seed's network, first to last. */
    static List<WeightChange> hiddenLayers(List<WeightChange> changes, int hiddenLayers, long seed) {
        return changes.stream().filter(row -> row.hiddenLayers() == hiddenLayers && row.seed() == seed && row.role() == Role.HIDDEN)
                .sorted(Comparator.comparingInt(WeightChange::layer)).toList();
    }

    static String formatAll(double[] values) {
        return Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%.3g", v)).collect(Collectors.joining(", "));
    }
}
