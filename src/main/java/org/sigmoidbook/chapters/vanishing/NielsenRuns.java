package org.sigmoidbook.chapters.vanishing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.book.Progress;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.nn.GradientRecorder;
import org.sigmoidbook.toolkit.nn.LayerGradient;
import org.sigmoidbook.toolkit.numerics.Stats;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

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

    private record Draw(int depth, long seed) {
    }

    private record Trained(Table speeds, double[] change, double[] changeFromGradient) {
    }

    private NielsenRuns() {
    }

    /**
     * Nielsen measured one network per architecture on the first 1,000 official MNIST training
     * images; here the same architectures are drawn with many seeds on the book's first 1,000 digits,
     * so that his numbers are compared with the spread over seeds. Returns one row per layer.
     */
    static Table speedAtInit(Lab lab, DataSet images, int seeds) throws Exception {
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
                        VanishingChapter.network(Digits.PIXELS, draw.depth(), VanishingChapter.WIDTH, Activation.SIGMOID).frozen(), draw.seed());
                double[] layers = GradientRecorder.meanGradients(net, images).stream()
                        .limit(draw.depth()).mapToDouble(LayerGradient::biasNorm).toArray();
                progress.step();
                return layers;
            });
        }
        Table table = Table.create("speed-at-init", IntColumn.create("hidden_layers"), IntColumn.create("layer"),
                DoubleColumn.create("median_norm"), DoubleColumn.create("p10_norm"), DoubleColumn.create("p90_norm"),
                IntColumn.create("seeds"), DoubleColumn.create("published_norm"));
        for (int n = 0; n < DEPTHS.length; n++) {
            int depth = DEPTHS[n];
            int from = n * seeds;
            double[] medians = new double[depth];
            for (int l = 0; l < depth; l++) {
                int layer = l;
                double[] overSeeds = speeds.subList(from, from + seeds).stream().mapToDouble(s -> s[layer]).toArray();
                medians[l] = Stats.median(overSeeds);
                table.intColumn("hidden_layers").append(depth);
                table.intColumn("layer").append(l + 1);
                table.doubleColumn("median_norm").append(medians[l]);
                table.doubleColumn("p10_norm").append(Stats.quantile(overSeeds, 0.1));
                table.doubleColumn("p90_norm").append(Stats.quantile(overSeeds, 0.9));
                table.intColumn("seeds").append(seeds);
                table.doubleColumn("published_norm").append(PUBLISHED_SPEED[n][l]);
            }
            lab.finding("speed at init " + VanishingChapter.architecture(depth), "median " + formatAll(medians)
                    + " (published " + formatAll(PUBLISHED_SPEED[n]) + ")");
        }
        return table;
    }

    /**
     * Trains one network per architecture as Nielsen's script does (one full-batch step per epoch)
     * and records, per epoch and hidden layer, the mean gradients at the start of the epoch, where
     * his script measures them (speed-during-training), and how far each layer's weights moved
     * (weight-change).
     */
    static List<Table> training(Lab lab, DataSet images, int epochs) throws Exception {
        double coefficient = VanishingChapter.l2Coefficient(VanishingChapter.LAMBDA, VanishingChapter.IMAGES);
        double decay = decayFactor(epochs);
        List<Trained> runs;
        try (Progress progress = lab.progress("training", (long) DEPTHS.length * epochs)) {
            runs = lab.parallel(Arrays.stream(DEPTHS).boxed().toList(), depth -> {
                MultiLayerNetwork net = VanishingChapter.nielsenNetwork(
                        VanishingChapter.network(Digits.PIXELS, depth, VanishingChapter.WIDTH, Activation.SIGMOID)
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
                return new Trained(hiddenRows(recorder.table(), depth), change, fromGradient);
            });
        }
        Table speeds = Table.create("speed-during-training", IntColumn.create("hidden_layers"), IntColumn.create("epoch"),
                IntColumn.create("layer"), DoubleColumn.create("speed"), DoubleColumn.create("weight_grad_norm"));
        Table changes = Table.create("weight-change", IntColumn.create("hidden_layers"), IntColumn.create("layer"),
                StringColumn.create("role"), DoubleColumn.create("relative_change"), DoubleColumn.create("relative_change_from_gradient"));
        for (int n = 0; n < DEPTHS.length; n++) {
            int depth = DEPTHS[n];
            Trained run = runs.get(n);
            speeds.append(run.speeds());
            for (int l = 0; l <= depth; l++) {
                changes.intColumn("hidden_layers").append(depth);
                changes.intColumn("layer").append(l + 1);
                changes.stringColumn("role").append(l == depth ? "output" : "hidden");
                changes.doubleColumn("relative_change").append(run.change()[l]);
                changes.doubleColumn("relative_change_from_gradient").append(run.changeFromGradient()[l]);
            }
        }
        return List.of(speeds, changes);
    }

    /** What the weight decay alone does to every weight over the run: (1 - eta lambda / n)^epochs. */
    static double decayFactor(int epochs) {
        double coefficient = VanishingChapter.l2Coefficient(VanishingChapter.LAMBDA, VanishingChapter.IMAGES);
        return Math.pow(1 - VanishingChapter.LEARNING_RATE * coefficient, epochs);
    }

    private static Table hiddenRows(Table recorded, int depth) {
        Table rows = Table.create("speed-during-training", IntColumn.create("hidden_layers"), IntColumn.create("epoch"),
                IntColumn.create("layer"), DoubleColumn.create("speed"), DoubleColumn.create("weight_grad_norm"));
        for (int row = 0; row < recorded.rowCount(); row++) {
            if (recorded.stringColumn("role").get(row).equals("hidden")) {
                rows.intColumn("hidden_layers").append(depth);
                rows.intColumn("epoch").append(recorded.intColumn("iteration").getInt(row));
                rows.intColumn("layer").append(recorded.intColumn("layer").getInt(row));
                rows.doubleColumn("speed").append(recorded.doubleColumn("bias_grad_norm").getDouble(row));
                rows.doubleColumn("weight_grad_norm").append(recorded.doubleColumn("weight_grad_norm").getDouble(row));
            }
        }
        return rows;
    }

    /**
     * Per network: the last hidden layer's speed over the first's in the final epoch, the weight
     * change from the gradient steps, and |dC/dW| / |dC/db| at epoch 0. The first layer's weight
     * gradient is large for its speed: dC/dw = a_in delta, and its inputs are pixels.
     */
    static void reportTraining(Lab lab, Table speeds, Table changes) {
        for (int depth : DEPTHS) {
            String name = VanishingChapter.architecture(depth);
            int lastEpoch = (int) speeds.numberColumn("epoch").max();
            double[] weightOverBias = new double[depth];
            for (int layer = 1; layer <= depth; layer++) {
                Table start = rows(speeds, depth, layer).where(rows(speeds, depth, layer).intColumn("epoch").isEqualTo(0));
                weightOverBias[layer - 1] = start.doubleColumn("weight_grad_norm").getDouble(0) / start.doubleColumn("speed").getDouble(0);
            }
            lab.finding(name + ": last/first hidden layer speed in the final epoch",
                    speedAt(speeds, depth, depth, lastEpoch) / speedAt(speeds, depth, 1, lastEpoch), "%.1f");
            lab.finding(name + ": |dC/dW| / |dC/db| per hidden layer at epoch 0", formatAll(weightOverBias));
        }
        int epochs = (int) speeds.numberColumn("epoch").max() + 1;
        lab.finding("weight decay alone over the run, 1 - (1 - eta lambda / n)^epochs", 1 - decayFactor(epochs), "%.3f");
        for (int depth : DEPTHS) {
            Table hidden = changes.where(changes.intColumn("hidden_layers").isEqualTo(depth)
                    .and(changes.stringColumn("role").isEqualTo("hidden"))).sortAscendingOn("layer");
            lab.finding(VanishingChapter.architecture(depth) + ": weight change from gradient steps, first to last hidden layer",
                    formatAll(hidden.doubleColumn("relative_change_from_gradient").asDoubleArray()));
        }
    }

    private static double speedAt(Table speeds, int depth, int layer, int epoch) {
        Table rows = rows(speeds, depth, layer);
        return rows.where(rows.intColumn("epoch").isEqualTo(epoch)).doubleColumn("speed").getDouble(0);
    }

    /** The rows of one hidden layer of one network. */
    static Table rows(Table table, int hiddenLayers, int layer) {
        return table.where(table.intColumn("hidden_layers").isEqualTo(hiddenLayers).and(table.intColumn("layer").isEqualTo(layer)));
    }

    static String formatAll(double[] values) {
        return Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%.3g", v)).collect(Collectors.joining(", "));
    }
}
