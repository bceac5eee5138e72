package org.sigmoidbook.chapters.vanishing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.book.Progress;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.nn.GradientRecorder;
import org.sigmoidbook.toolkit.nn.LayerGradient;
import org.sigmoidbook.toolkit.nn.Networks;
import org.sigmoidbook.toolkit.numerics.Stats;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The gradient of the first hidden layer against that of the last, at initialisation, for networks
 * of 1 to {@link #MAX_DEPTH} hidden layers and five kinds of hidden layer. Biases are 0 (DL4J's
 * default), so sigmoid units start near z = 0, where sigma' is largest, 1/4. The "speed" of a
 * layer is Nielsen's: the norm of the mean dC/db over the images.
 */
final class DepthSweep {

    static final int MAX_DEPTH = 10;
    /**
     * Images per gradient. Measured on seed 42 with 10 seeds: against 1,000 images, each run's
     * ratio moved by a median of 0.1% (sigmoid) to 2% (ReLU), while the seeds spread it by 22-46%
     * (standard deviation of its logarithm), and no factor per layer moved in its third digit; the
     * sweep costs less than half as much.
     */
    static final int IMAGES = 300;

    /** The hidden layers compared: unit, weight initialisation and a factor on every weight. */
    enum Hidden {
        SIGMOID("sigmoid", "sigmoid, N(0, 1/n_in)", Activation.SIGMOID, WeightInit.NORMAL, 1),
        TANH("tanh", "tanh, N(0, 1/n_in)", Activation.TANH, WeightInit.NORMAL, 1),
        RELU("relu", "ReLU, N(0, 1/n_in)", Activation.RELU, WeightInit.NORMAL, 1),
        /** He et al.'s initialisation for ReLU, N(0, 2/n_in): DL4J's WeightInit.RELU. */
        RELU_HE("relu-he", "ReLU, He: N(0, 2/n_in)", Activation.RELU, WeightInit.RELU, 1),
        /** Glorot and Bengio's factor 4 for the sigmoid, on N(0, 1/n_in). */
        SIGMOID_X4("sigmoid-x4", "sigmoid, weights ×4", Activation.SIGMOID, WeightInit.NORMAL, 4);

        final String id;
        final String label;
        private final Activation unit;
        private final WeightInit init;
        private final double weightFactor;

        Hidden(String id, String label, Activation unit, WeightInit init, double weightFactor) {
            this.id = id;
            this.label = label;
            this.unit = unit;
            this.init = init;
            this.weightFactor = weightFactor;
        }

        MultiLayerNetwork network(int inputs, int depth, long seed) {
            MultiLayerNetwork net = VanishingChapter.network(inputs, depth, VanishingChapter.WIDTH, unit)
                    .weights(init.getWeightInitFunction()).frozen().seed(seed).build();
            if (weightFactor != 1) {
                Networks.scaleWeights(net, weightFactor);
            }
            return net;
        }

        static String label(String id) {
            for (Hidden hidden : values()) {
                if (hidden.id.equals(id)) {
                    return hidden.label;
                }
            }
            throw new IllegalArgumentException("no hidden layer kind '" + id + "'");
        }
    }

    /** One network of the sweep and the speeds of its first and last hidden layers. */
    record Run(Hidden hidden, int depth, long seed, double firstNorm, double lastNorm) {
    }

    private record Config(Hidden hidden, int depth, long seed) {
    }

    private DepthSweep() {
    }

    /** Every kind, depth and seed (seeds lab.seed(), lab.seed() + 1, ...), in that order, one row each. */
    static Table measure(Lab lab, DataSet data, int seeds) throws Exception {
        List<Config> configs = new ArrayList<>();
        for (Hidden hidden : Hidden.values()) {
            for (int depth = 1; depth <= MAX_DEPTH; depth++) {
                for (int s = 0; s < seeds; s++) {
                    configs.add(new Config(hidden, depth, lab.seed() + s));
                }
            }
        }
        try (Progress progress = lab.progress("depth sweep", configs.size())) {
            return table(lab.parallel(configs, config -> {
                MultiLayerNetwork net = config.hidden().network(Digits.PIXELS, config.depth(), config.seed());
                List<LayerGradient> gradients = GradientRecorder.meanGradients(net, data);
                progress.step();
                return new Run(config.hidden(), config.depth(), config.seed(),
                        gradients.get(0).biasNorm(), gradients.get(config.depth() - 1).biasNorm());
            }));
        }
    }

    static Table table(List<Run> runs) {
        StringColumn activation = StringColumn.create("activation");
        IntColumn hiddenLayers = IntColumn.create("hidden_layers");
        LongColumn seed = LongColumn.create("seed");
        DoubleColumn first = DoubleColumn.create("first_layer_norm");
        DoubleColumn last = DoubleColumn.create("last_layer_norm");
        DoubleColumn ratio = DoubleColumn.create("ratio");
        for (Run run : runs) {
            activation.append(run.hidden().id);
            hiddenLayers.append(run.depth());
            seed.append(run.seed());
            first.append(run.firstNorm());
            last.append(run.lastNorm());
            ratio.append(run.firstNorm() / run.lastNorm());
        }
        return Table.create("depth-sweep", activation, hiddenLayers, seed, first, last, ratio);
    }

    /** The first/last ratios of every seed of one kind and depth, in table order. */
    static double[] ratios(Table sweep, String activation, int depth) {
        return IntStream.range(0, sweep.rowCount())
                .filter(i -> sweep.stringColumn("activation").get(i).equals(activation)
                        && sweep.numberColumn("hidden_layers").getDouble(i) == depth)
                .mapToDouble(i -> sweep.numberColumn("ratio").getDouble(i)).toArray();
    }

    /**
     * 0.25^(L-1): the product of the sigma' factors between the first and the last of L hidden
     * layers if every unit sat at z = 0. Not a bound on the ratio: each step back also multiplies by
     * a weight matrix, W^T diag(sigma'), whose norm can exceed 1/4.
     */
    static double quarterPower(int depth) {
        return Math.pow(0.25, depth - 1);
    }

    /** The kind's median ratio at MAX_DEPTH, and that ratio per layer: its (MAX_DEPTH - 1)-th root. */
    static void reportFactors(Lab lab, Table sweep) {
        for (Hidden hidden : Hidden.values()) {
            double median = Stats.median(ratios(sweep, hidden.id, MAX_DEPTH));
            lab.finding(hidden.id + ": first/last gradient ratio at L = " + MAX_DEPTH, median, "%.2e");
            lab.finding(hidden.id + ": factor per layer, (ratio at L = " + MAX_DEPTH + ")^(1/" + (MAX_DEPTH - 1) + ")",
                    Math.pow(median, 1.0 / (MAX_DEPTH - 1)), "%.3f");
        }
        lab.finding("0.25^(L-1) at L = " + MAX_DEPTH, quarterPower(MAX_DEPTH), "%.2e");
    }

    /** How many sigmoid seeds lie above 0.25^(L-1), over L = 2 ... MAX_DEPTH and at L = 2. */
    static void reportSeedsAboveQuarterPower(Lab lab, Table sweep) {
        int above = 0;
        int runs = 0;
        for (int depth = 2; depth <= MAX_DEPTH; depth++) {
            double[] ratios = ratios(sweep, Hidden.SIGMOID.id, depth);
            above += aboveQuarterPower(ratios, depth);
            runs += ratios.length;
        }
        lab.finding("sigmoid: seeds above 0.25^(L-1), L = 2 to " + MAX_DEPTH, above + " of " + runs);
        lab.finding("sigmoid: share of seeds above 0.25^(L-1), L = 2 to " + MAX_DEPTH, (double) above / runs, "%.2f");
        double[] two = ratios(sweep, Hidden.SIGMOID.id, 2);
        lab.finding("sigmoid: seeds above 0.25 at L = 2", aboveQuarterPower(two, 2) + " of " + two.length);
        lab.finding("sigmoid: largest ratio at L = 2", Arrays.stream(two).max().orElseThrow(), "%.3f");
    }

    static int aboveQuarterPower(double[] ratios, int depth) {
        return (int) Arrays.stream(ratios).filter(r -> r > quarterPower(depth)).count();
    }

    /** The variance of DL4J's initial weights times n_in, on the first hidden layer (784 x 30 weights). */
    static double varianceTimesFanIn(Hidden hidden, long seed) {
        MultiLayerNetwork net = hidden.network(Digits.PIXELS, 1, seed);
        double[] w = net.getParam("0_W").ravel().toDoubleVector();
        double mean = Arrays.stream(w).average().orElseThrow();
        double sum = 0;
        for (double v : w) {
            sum += (v - mean) * (v - mean);
        }
        return sum / (w.length - 1) * Digits.PIXELS;
    }
}
