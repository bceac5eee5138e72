package org.sigmoidbook.chapters.vanishing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.dataset.DataSet;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.book.Progress;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.nn.GradientRecorder;
import org.sigmoidbook.toolkit.nn.HiddenUnit;
import org.sigmoidbook.toolkit.nn.LayerGradient;
import org.sigmoidbook.toolkit.nn.Networks;

/**
 * The gradient of the first hidden layer against that of the last, at initialisation, for networks
 * of 1 to {@link #MAX_DEPTH} hidden layers and five kinds of hidden layer. Biases are 0 (DL4J's
 * default), so sigmoid units start near z = 0, where sigma' is largest, 1/4. The "speed" of a
 * layer is Nielsen's: the norm of the mean dC/db over the images.
 */
final class DepthSweep {

    static final int MAX_DEPTH = 10;
    /**
     * Images per gradient in full mode. Measured on seed 42 with 10 seeds: against 1,000 images, each run's
     * ratio moved by a median of 0.1% (sigmoid) to 2% (ReLU), while the seeds spread it by 22-46%
     * (standard deviation of its logarithm), and no factor per layer moved in its third digit; the
     * sweep costs less than half as much.
     */
    static final int IMAGES = 300;

    /** The hidden layers compared: unit, weight initialisation and a factor on every weight. */
    enum Hidden {
        SIGMOID("sigmoid", "sigmoid, N(0, 1/n_in)", HiddenUnit.SIGMOID, WeightInit.NORMAL, 1),
        TANH("tanh", "tanh, N(0, 1/n_in)", HiddenUnit.TANH, WeightInit.NORMAL, 1),
        RELU("relu", "ReLU, N(0, 1/n_in)", HiddenUnit.RELU, WeightInit.NORMAL, 1),
        /** He et al.'s initialisation for ReLU, N(0, 2/n_in): DL4J's WeightInit.RELU. */
        RELU_HE("relu-he", "ReLU, He: N(0, 2/n_in)", HiddenUnit.RELU, WeightInit.RELU, 1),
        /** Glorot and Bengio's factor 4 for the sigmoid, on N(0, 1/n_in). */
        SIGMOID_X4("sigmoid-x4", "sigmoid, weights ×4", HiddenUnit.SIGMOID, WeightInit.NORMAL, 4);

        private final String id;
        private final String label;
        private final HiddenUnit unit;
        private final WeightInit init;
        private final double weightFactor;

        Hidden(String id, String label, HiddenUnit unit, WeightInit init, double weightFactor) {
            this.id = id;
            this.label = label;
            this.unit = unit;
            this.init = init;
            this.weightFactor = weightFactor;
        }

        /** The value of the sweep's {@code hidden} column: the unit's own id where the layer is that unit as the book initialises it. */
        public String id() {
            return id;
        }

        /** The name the figure's legend prints. */
        String label() {
            return label;
        }

        MultiLayerNetwork network(int inputs, int depth, long seed) {
            MultiLayerNetwork net = VanishingChapter.network(inputs, depth, VanishingChapter.WIDTH, unit)
                    .weights(init.getWeightInitFunction()).frozen().seed(seed).build();
            if (weightFactor != 1) {
                Networks.scaleWeights(net, weightFactor);
            }
            return net;
        }
    }

    /** One network of the sweep, a row of depth-sweep.csv: the speeds of its first and last hidden layers, and first / last. */
    record Run(Hidden hidden, int hiddenLayers, long seed, double firstLayerNorm, double lastLayerNorm, double ratio) {

        static Run of(Hidden hidden, int hiddenLayers, long seed, double firstLayerNorm, double lastLayerNorm) {
            return new Run(hidden, hiddenLayers, seed, firstLayerNorm, lastLayerNorm, firstLayerNorm / lastLayerNorm);
        }
    }

    private record Config(Hidden hidden, int depth, long seed) {
    }

    private DepthSweep() {
    }

    /** Every kind, depth and seed (seeds lab.seed(), lab.seed() + 1, ...), in that order, one row each. */
    static List<Run> measure(Lab lab, DataSet data, int seeds) throws Exception {
        List<Config> configs = new ArrayList<>();
        for (Hidden hidden : Hidden.values()) {
            for (int depth = 1; depth <= MAX_DEPTH; depth++) {
                for (int s = 0; s < seeds; s++) {
                    configs.add(new Config(hidden, depth, lab.seed() + s));
                }
            }
        }
        try (Progress progress = lab.progress("depth sweep", configs.size())) {
            return lab.parallel(configs, config -> {
                MultiLayerNetwork net = config.hidden().network(Digits.PIXELS, config.depth(), config.seed());
                List<LayerGradient> gradients = GradientRecorder.meanGradients(net, data);
                progress.step();
                return Run.of(config.hidden(), config.depth(), config.seed(),
                        gradients.get(0).biasNorm(), gradients.get(config.depth() - 1).biasNorm());
            });
        }
    }

    /** The first/last ratios of every seed of one kind and depth, in table order. */
    static double[] ratios(List<Run> sweep, Hidden hidden, int depth) {
        return sweep.stream().filter(run -> run.hidden() == hidden && run.hiddenLayers() == depth).mapToDouble(Run::ratio).toArray();
    }

    /**
     * 0.25^(L-1): the product of the sigma' factors between the first and the last of L hidden
     * layers if every unit sat at z = 0. Not a bound on the ratio: each step back,
     * diag(sigma'(z^l)) (W^(l+1))^T, multiplies by a weight matrix too, so its norm can exceed 1/4.
     */
    static double quarterPower(int depth) {
        return Math.pow(0.25, depth - 1);
    }

    /**
     * Per kind, over the seeds at MAX_DEPTH: the log10 of the last/first ratio (how many decades the
     * gradient loses on the way back) and the first/last ratio per layer, its (MAX_DEPTH - 1)-th root,
     * each a mean with its 95% interval. The ratio itself spans decades from seed to seed; its
     * logarithm and its root do not.
     */
    static void reportFactors(Lab lab, List<Run> sweep) {
        for (Hidden hidden : Hidden.values()) {
            double[] ratios = ratios(sweep, hidden, MAX_DEPTH);
            lab.overSeeds(hidden.id() + ": log10 of the last/first gradient ratio at L = " + MAX_DEPTH,
                    Arrays.stream(ratios).map(r -> -Math.log10(r)).toArray());
            lab.overSeeds(hidden.id() + ": factor per layer, (ratio at L = " + MAX_DEPTH + ")^(1/" + (MAX_DEPTH - 1) + ")",
                    Arrays.stream(ratios).map(r -> factorPerLayer(r, MAX_DEPTH)).toArray());
        }
        lab.finding("0.25^(L-1) at L = " + MAX_DEPTH, quarterPower(MAX_DEPTH), "%.2e");
        lab.finding("log10 of 4^(L-1) at L = " + MAX_DEPTH, -Math.log10(quarterPower(MAX_DEPTH)), "%.2f");
    }

    /** The first/last ratio of a network of {@code depth} hidden layers as a factor per step back: its (depth - 1)-th root. */
    static double factorPerLayer(double ratio, int depth) {
        return Math.pow(ratio, 1.0 / (depth - 1));
    }

    /**
     * How many sigmoid runs lie above 0.25^(L-1), over L = 2 ... MAX_DEPTH and at L = 2, and the
     * largest ratio at L = 2: counts and an extreme of these runs, not estimates.
     */
    static void reportSeedsAboveQuarterPower(Lab lab, List<Run> sweep) {
        int above = 0;
        int runs = 0;
        for (int depth = 2; depth <= MAX_DEPTH; depth++) {
            double[] ratios = ratios(sweep, Hidden.SIGMOID, depth);
            above += aboveQuarterPower(ratios, depth);
            runs += ratios.length;
        }
        lab.finding("sigmoid: seeds above 0.25^(L-1), L = 2 to " + MAX_DEPTH, above + " of " + runs);
        double[] two = ratios(sweep, Hidden.SIGMOID, 2);
        lab.finding("sigmoid: seeds above 0.25 at L = 2", aboveQuarterPower(two, 2) + " of " + two.length);
        lab.finding("sigmoid: largest ratio at L = 2", String.format(Locale.ROOT, "%.2f (the largest of %d seeds)",
                Arrays.stream(two).max().orElseThrow(), two.length));
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
