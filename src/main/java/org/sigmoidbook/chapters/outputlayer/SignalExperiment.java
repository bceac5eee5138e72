package org.sigmoidbook.chapters.outputlayer;

import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.toolkit.numerics.Sigmoid;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The forward signal at initialisation: how much each hidden layer's output still varies from one
 * held-out digit to the next. If the last hidden layer's output is nearly the same for every
 * digit, the output unit can only learn the class prior.
 */
final class SignalExperiment {

    /** The initial networks compared: a name for the table, the hidden units and the remedy applied. */
    record Network(String name, Activation hidden, Remedy remedy) {
    }

    static final List<Network> NETWORKS = List.of(
            new Network("sigmoid", Activation.SIGMOID, Remedy.NONE),
            new Network("sigmoid-xavier", Activation.SIGMOID, Remedy.XAVIER),
            new Network("sigmoid-x4", Activation.SIGMOID, Remedy.X4),
            new Network("tanh", Activation.TANH, Remedy.NONE),
            new Network("relu", Activation.RELU, Remedy.NONE));

    private SignalExperiment() {
    }

    static void measure(Lab lab, DigitTask task) {
        StringColumn hidden = StringColumn.create("hidden");
        IntColumn layer = IntColumn.create("layer");
        DoubleColumn spread = DoubleColumn.create("spread");
        for (Network network : NETWORKS) {
            double[] spreads = spreads(network.remedy().network(network.hidden(), lab.seed()), task.heldOut().getFeatures());
            for (int l = 0; l < spreads.length; l++) {
                hidden.append(network.name());
                layer.append(l + 1);
                spread.append(spreads[l]);
            }
        }
        Table signal = Table.create("signal", hidden, layer, spread);
        lab.table("signal", signal);
        for (String name : List.of("sigmoid", "tanh")) {
            double[] spreads = spreads(signal, name);
            lab.finding("signal spread at layer 1, " + name, spreads[0], "%.2g");
            lab.finding("signal spread at layer " + spreads.length + ", " + name, spreads[spreads.length - 1], "%.2g");
            lab.finding("signal shrinks per layer, " + name, factorPerLayer(spreads), "%.2f");
        }
        lab.finding("signal shrinks per layer, sigmoid, expected", 1 / expectedSigmoidGain(), "%.2f");
        lab.finding("signal shrinks per layer, sigmoid-x4", factorPerLayer(spreads(signal, "sigmoid-x4")), "%.2f");
        lab.finding("signal spread at layer " + OutputLayerChapter.HIDDEN_LAYERS + ", sigmoid-x4",
                spreads(signal, "sigmoid-x4")[OutputLayerChapter.HIDDEN_LAYERS - 1], "%.2g");
    }

    /**
     * For each hidden layer, first to last: the standard deviation of each unit's output across the
     * examples in {@code features}, averaged over the layer's units.
     */
    static double[] spreads(MultiLayerNetwork net, INDArray features) {
        List<INDArray> activations = net.feedForward(features, false);
        double[] spreads = new double[net.getnLayers() - 1];
        for (int l = 0; l < spreads.length; l++) {
            double[][] a = activations.get(l + 1).toDoubleMatrix();
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

    /** The spreads of one network of the table, layer 1 first. */
    static double[] spreads(Table signal, String name) {
        Table rows = signal.where(signal.stringColumn("hidden").isEqualTo(name));
        return rows.numberColumn("spread").asDoubleArray();
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
