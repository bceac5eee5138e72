package org.sigmoidbook.chapters.today;

import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.sigmoidbook.chapters.outputlayer.OutputLayerChapter;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.nn.Minibatches;
import org.sigmoidbook.toolkit.data.Mnist;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * SiLU hidden units in chapter 7's network: 784 -> 5 hidden layers of 32 -> one sigmoid output with
 * binary cross-entropy, 9 against 4, biases 0, SGD with learning rate 0.1, minibatches of 32. Beside
 * SiLU: tanh with chapter 7's weights N(0, 1/n_in), and ReLU with He's N(0, 2/n_in) (DL4J's
 * WeightInit.RELU), the initialisation ReLU is used with. SiLU runs with both: it resembles ReLU for
 * large inputs. Near 0 SiLU has slope 1/2, so with N(0, 1/n_in) each layer halves the signal
 * the next one receives; He's doubled variance makes up for it.
 */
public final class HiddenUnits {

    /** A hidden activation with the initialisation its weights are drawn from. */
    public enum Hidden {
        TANH("tanh", Activation.TANH, WeightInit.NORMAL),
        RELU_HE("relu-he", Activation.RELU, WeightInit.RELU),
        SILU("silu", Activation.SWISH, WeightInit.NORMAL),
        SILU_HE("silu-he", Activation.SWISH, WeightInit.RELU);

        private final String id;
        private final Activation activation;
        private final WeightInit init;

        Hidden(String id, Activation activation, WeightInit init) {
            this.id = id;
            this.activation = activation;
            this.init = init;
        }

        public String id() {
            return id;
        }
    }

    /** How many training digits (the first n 4s and 9s of the training split) and epochs. */
    public record Budget(int trainingDigits, int epochs) {
    }

    /** The 4s and 9s every run shares, read-only: 1 for a 9. */
    public record Data(DataSet train, DataSet test) {
        public static Data of(Mnist.Split split, int trainingDigits) {
            Digits train = split.train().onlyClasses(Digits.NEGATIVE_DIGIT, Digits.POSITIVE_DIGIT);
            train = train.first(Math.min(trainingDigits, train.size()));
            Digits test = split.test().onlyClasses(Digits.NEGATIVE_DIGIT, Digits.POSITIVE_DIGIT);
            return new Data(train.binary(Digits.POSITIVE_DIGIT, DataType.FLOAT),
                    test.binary(Digits.POSITIVE_DIGIT, DataType.FLOAT));
        }
    }

    private HiddenUnits() {
    }

    /** Chapter 7's network with the given hidden units and initialisation. */
    public static MultiLayerNetwork network(Hidden hidden, long seed) {
        return OutputLayerChapter.network(Digits.PIXELS, OutputLayerChapter.WIDTH, hidden.activation)
                .weights(hidden.init.getWeightInitFunction()).seed(seed).build();
    }

    /**
     * Why the initialisation matters, without training: the standard deviation of each hidden layer's
     * activations at initialisation, over every held-out digit and unit. The table
     * {@code activation-scale}: hidden, seed, layer (1 = first hidden), activation_std.
     */
    public static Table scales(Hidden hidden, long seed, Data data) {
        List<INDArray> activations = network(hidden, seed).feedForward(data.test().getFeatures(), false);
        Table table = Table.create("activation-scale", StringColumn.create("hidden"), LongColumn.create("seed"),
                IntColumn.create("layer"), DoubleColumn.create("activation_std"));
        for (int layer = 1; layer <= OutputLayerChapter.HIDDEN_LAYERS; layer++) {
            table.stringColumn("hidden").append(hidden.id());
            table.longColumn("seed").append(seed);
            table.intColumn("layer").append(layer);
            table.doubleColumn("activation_std").append(activations.get(layer).castTo(DataType.DOUBLE).stdNumber().doubleValue());
        }
        return table;
    }

    /**
     * The mean factor by which a layer scales the spread it receives, from the first hidden layer to
     * the last: (std_last / std_first)^(1 / (layers - 1)), from one network's rows of
     * {@code activation-scale}.
     */
    public static double gainPerLayer(Table scales) {
        double[] std = scales.doubleColumn("activation_std").asDoubleArray();
        return Math.pow(std[std.length - 1] / std[0], 1.0 / (std.length - 1));
    }

    /**
     * Trains one network with one seed and returns its rows of the table {@code activations}: hidden,
     * seed, epoch, heldout_accuracy, heldout_loss, from epoch 0 (the initial network) on.
     */
    public static Table run(Hidden hidden, long seed, Budget budget, Data data) {
        MultiLayerNetwork net = network(hidden, seed);
        Minibatches batches = new Minibatches(data.train(), OutputLayerChapter.BATCH_SIZE, seed);
        Table table = Table.create("activations", StringColumn.create("hidden"), LongColumn.create("seed"),
                IntColumn.create("epoch"), DoubleColumn.create("heldout_accuracy"), DoubleColumn.create("heldout_loss"));
        for (int epoch = 0; ; epoch++) {
            INDArray predicted = net.output(data.test().getFeatures(), false).gt(0.5).castTo(DataType.FLOAT);
            double correct = predicted.eq(data.test().getLabels()).castTo(DataType.FLOAT).sumNumber().doubleValue();
            table.stringColumn("hidden").append(hidden.id());
            table.longColumn("seed").append(seed);
            table.intColumn("epoch").append(epoch);
            table.doubleColumn("heldout_accuracy").append(correct / data.test().numExamples());
            table.doubleColumn("heldout_loss").append(net.score(data.test()));
            if (epoch == budget.epochs()) {
                return table;
            }
            for (DataSet batch : batches.epoch()) {
                net.fit(batch);
            }
        }
    }
}
