package org.sigmoidbook.chapters.outputlayer;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.toolkit.nn.HiddenUnit;
import org.sigmoidbook.toolkit.nn.NdArrays;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/**
 * The forward signal at initialisation: how much each hidden layer's output still varies from one
 * held-out digit to the next. If the last hidden layer's output is nearly the same for every
 * digit, the output unit can only learn the class prior.
 */
final class SignalExperiment {

    /** The initial networks compared: the hidden units, the remedy applied, and the label the figure gives them. */
    enum Network {
        SIGMOID("sigmoid", HiddenUnit.SIGMOID, Remedy.NONE, "sigmoid, book init N(0, 1/n_in)"),
        SIGMOID_XAVIER("sigmoid-xavier", HiddenUnit.SIGMOID, Remedy.XAVIER, "sigmoid, DL4J Xavier init"),
        SIGMOID_X4("sigmoid-x4", HiddenUnit.SIGMOID, Remedy.X4, "sigmoid, book init ×4"),
        SIGMOID_ORTHOGONAL("sigmoid-orthogonal", HiddenUnit.SIGMOID, Remedy.ORTHOGONAL, "sigmoid, orthogonal ×4"),
        TANH("tanh", HiddenUnit.TANH, Remedy.NONE, "tanh, book init N(0, 1/n_in)"),
        RELU("relu", HiddenUnit.RELU, Remedy.NONE, "ReLU, He init N(0, 2/n_in)");

        private final String id;
        private final HiddenUnit hidden;
        private final Remedy remedy;
        private final String label;

        Network(String id, HiddenUnit hidden, Remedy remedy, String label) {
            this.id = id;
            this.hidden = hidden;
            this.remedy = remedy;
            this.label = label;
        }

        /** The name in the table's {@code network} column and in the findings; public, as {@link Remedy#id()}. */
        public String id() {
            return id;
        }

        String label() {
            return label;
        }

        /** The initial network of the remedies experiment's run of this configuration and seed. */
        MultiLayerNetwork build(Grid grid, int seed) {
            return grid.remedy(new Configuration(hidden, remedy), seed).build();
        }
    }

    /** One hidden layer's spread in one seed's initial network: a row of the table {@code signal}. */
    record Spread(Network network, int seed, int layer, double spread) {
    }

    /** Seeds of the initial networks, in both modes: it costs forward passes only, and the quick run checks the same table. */
    static final int SEEDS = 5;

    private SignalExperiment() {
    }

    /** One initial network of the experiment. */
    private record Start(Network network, int seed) {
    }

    static void measure(Lab lab, Grid grid, DigitTask task) throws Exception {
        List<Start> starts = new ArrayList<>();
        for (Network network : Network.values()) {
            for (int seed = (int) lab.seed(); seed < lab.seed() + SEEDS; seed++) {
                starts.add(new Start(network, seed));
            }
        }
        List<Spread> signal = lab.parallel(starts, start -> {
            double[] spreads = spreads(start.network().build(grid, start.seed()), task.heldOut().getFeatures());
            return IntStream.range(0, spreads.length).mapToObj(l -> new Spread(start.network(), start.seed(), l + 1, spreads[l])).toList();
        }).stream().flatMap(List::stream).toList();
        lab.table("signal", signal);
        int last = OutputLayerChapter.HIDDEN_LAYERS;
        for (Network network : List.of(Network.SIGMOID, Network.TANH)) {
            lab.overSeeds("signal spread at layer 1, " + network.id(), atLayer(signal, network, 1));
            lab.overSeeds("signal spread at layer " + last + ", " + network.id(), atLayer(signal, network, last));
            lab.overSeeds("signal shrinks per layer, " + network.id(), factorsPerLayer(signal, network));
        }
        lab.finding("signal shrinks per layer, sigmoid, expected", 1 / expectedSigmoidGain(), "%.2f");
        for (Network network : List.of(Network.SIGMOID_X4, Network.SIGMOID_ORTHOGONAL)) {
            lab.overSeeds("signal shrinks per layer, " + network.id(), factorsPerLayer(signal, network));
            lab.overSeeds("signal spread at layer " + last + ", " + network.id(), atLayer(signal, network, last));
        }
    }

    /** Each seed's spread at one layer. */
    static double[] atLayer(List<Spread> signal, Network network, int layer) {
        return signal.stream().filter(s -> s.network() == network && s.layer() == layer).mapToDouble(Spread::spread).toArray();
    }

    /** Each seed's factor per layer ({@link #factorPerLayer}). */
    static double[] factorsPerLayer(List<Spread> signal, Network network) {
        return signal.stream().filter(s -> s.network() == network).mapToInt(Spread::seed).distinct()
                .mapToDouble(seed -> factorPerLayer(spreads(signal, network, seed))).toArray();
    }

    /**
     * For each hidden layer, first to last: the standard deviation of each unit's output across the
     * examples in {@code features}, averaged over the layer's units.
     */
    static double[] spreads(MultiLayerNetwork net, INDArray features) {
        List<INDArray> activations = net.feedForward(features, false);
        double[] spreads = new double[net.getnLayers() - 1];
        for (int l = 0; l < spreads.length; l++) {
            double[][] a = NdArrays.rows(activations.get(l + 1));
            int units = a[0].length;
            double sum = 0;
            for (int u = 0; u < units; u++) {
                double mean = 0;
                for (double[] example : a) {
                    mean += example[u] / a.length;
                }
                double squares = 0;
                for (double[] example : a) {
                    squares += (example[u] - mean) * (example[u] - mean);
                }
                sum += Math.sqrt(squares / a.length);
            }
            spreads[l] = sum / units;
        }
        return spreads;
    }

    /** The spreads of one network and seed of the table, layer 1 first. */
    static double[] spreads(List<Spread> signal, Network network, int seed) {
        return signal.stream().filter(s -> s.network() == network && s.seed() == seed).mapToDouble(Spread::spread).toArray();
    }

    /** How many times smaller the spread gets per layer, on average (geometric) from the first hidden layer to the last. */
    static double factorPerLayer(double[] spreads) {
        return Math.pow(spreads[0] / spreads[spreads.length - 1], 1.0 / (spreads.length - 1));
    }

    /**
     * The factor a sigmoid layer with weights N(0, 1/n) multiplies the spread by, to first order.
     * Its inputs are close to 1/2 for every example, so unit j sits at the offset
     * m_j = sum_i w_ij / 2 ~ N(0, 1/4), and its output varies by sigma'(m_j) times the variation of
     * its input sum; that variation has, over the weights, the mean variance of the inputs. The
     * spread is multiplied by sqrt(E[sigma'(m)^2]) with m ~ N(0, 1/4): a little under sigma'(0) = 1/4.
     */
    static double expectedSigmoidGain() {
        double std = 0.5;
        int steps = 4000;
        double from = -8 * std;
        double width = 16 * std / steps;
        double sum = 0;
        for (int k = 0; k < steps; k++) {
            double m = from + (k + 0.5) * width;
            double slope = Sigmoid.derivativeFromOutput(Sigmoid.of(m));
            sum += slope * slope * Math.exp(-m * m / (2 * std * std)) * width;
        }
        return Math.sqrt(sum / (std * Math.sqrt(2 * Math.PI)));
    }
}
