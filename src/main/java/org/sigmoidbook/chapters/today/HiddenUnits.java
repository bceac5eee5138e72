package org.sigmoidbook.chapters.today;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.sigmoidbook.chapters.outputlayer.OutputLayerChapter;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.nn.Accuracy;
import org.sigmoidbook.toolkit.nn.HiddenUnit;
import org.sigmoidbook.toolkit.nn.Minibatches;

/**
 * SiLU hidden units in chapter 7's network: 784 -> 5 hidden layers of 32 -> one sigmoid output with
 * binary cross-entropy, 9 against 4, biases 0, SGD with learning rate 0.1, minibatches of 32. Beside
 * SiLU: tanh with chapter 7's weights N(0, 1/n_in), and ReLU with He's N(0, 2/n_in) (DL4J's
 * WeightInit.RELU), the initialisation ReLU is used with. SiLU runs with both: it resembles ReLU for
 * large inputs. Near 0 SiLU has slope 1/2, so with N(0, 1/n_in) each layer halves the signal
 * the next one receives; He's doubled variance makes up for it.
 */
public final class HiddenUnits {

    /** The distribution a hidden layer's weights are drawn from. */
    public enum Init {
        /** Chapter 7's N(0, 1/n_in) (DL4J's NORMAL). */
        NORMAL(WeightInit.NORMAL, "N(0, 1/n)"),
        /** He's N(0, 2/n_in) (DL4J's RELU). */
        HE(WeightInit.RELU, "He N(0, 2/n)");

        private final WeightInit weights;
        private final String label;

        Init(WeightInit weights, String label) {
            this.weights = weights;
            this.label = label;
        }

        public IWeightInit weights() {
            return weights.getWeightInitFunction();
        }
    }

    /** A hidden unit with the initialisation its weights are drawn from; the id is what the tables' {@code hidden} column holds. */
    public enum Hidden {
        TANH("tanh", HiddenUnit.TANH, Init.NORMAL),
        RELU_HE("relu-he", HiddenUnit.RELU, Init.HE),
        SILU("silu", HiddenUnit.SILU, Init.NORMAL),
        SILU_HE("silu-he", HiddenUnit.SILU, Init.HE);

        private final String id;
        private final HiddenUnit unit;
        private final Init init;

        Hidden(String id, HiddenUnit unit, Init init) {
            this.id = id;
            this.unit = unit;
            this.init = init;
        }

        public String id() {
            return id;
        }

        public HiddenUnit unit() {
            return unit;
        }

        public Init init() {
            return init;
        }

        /** What the figures print, such as "SiLU, He N(0, 2/n)". */
        public String label() {
            return unit.label() + ", " + init.label;
        }
    }

    /** A row of the table {@code activation-scale}: the spread of a hidden layer's activations at initialisation (1 = first hidden). */
    public record LayerSpread(Hidden hidden, long seed, int layer, double activationStd) {
    }

    /** A row of the table {@code activations}: held-out accuracy and loss after an epoch of training (epoch 0: the initial network). */
    public record EpochScore(Hidden hidden, long seed, int epoch, double heldoutAccuracy, double heldoutLoss) {
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

    /** Chapter 7's network ({@link OutputLayerChapter#network}) with the given hidden units and initialisation. */
    public static MultiLayerNetwork network(Hidden hidden, long seed) {
        return OutputLayerChapter.network(Digits.PIXELS, OutputLayerChapter.WIDTH, hidden.unit()).weights(hidden.init().weights())
                .seed(seed).build();
    }

    /**
     * Why the initialisation matters, without training: the standard deviation of each hidden layer's
     * activations at initialisation, over every held-out digit and unit; one network's rows of the
     * table {@code activation-scale}.
     */
    public static List<LayerSpread> scales(Hidden hidden, long seed, Data data) {
        List<INDArray> activations = network(hidden, seed).feedForward(data.test().getFeatures(), false);
        List<LayerSpread> spreads = new ArrayList<>();
        for (int layer = 1; layer <= OutputLayerChapter.HIDDEN_LAYERS; layer++) {
            spreads.add(new LayerSpread(hidden, seed, layer, activations.get(layer).castTo(DataType.DOUBLE).stdNumber().doubleValue()));
        }
        return spreads;
    }

    /**
     * The mean factor by which a layer scales the spread it receives, from the first hidden layer to
     * the last: (std_last / std_first)^(1 / (layers - 1)), from one network's rows of
     * {@code activation-scale}.
     */
    public static double gainPerLayer(List<LayerSpread> layers) {
        double first = layers.get(0).activationStd();
        double last = layers.get(layers.size() - 1).activationStd();
        return Math.pow(last / first, 1.0 / (layers.size() - 1));
    }

    /** Trains one network with one seed and returns its rows of the table {@code activations}, from epoch 0 (the initial network) on. */
    public static List<EpochScore> run(Hidden hidden, long seed, Budget budget, Data data) {
        MultiLayerNetwork net = network(hidden, seed);
        Minibatches batches = new Minibatches(data.train(), OutputLayerChapter.BATCH_SIZE, seed);
        List<EpochScore> scores = new ArrayList<>();
        for (int epoch = 0; ; epoch++) {
            scores.add(new EpochScore(hidden, seed, epoch, Accuracy.of(net, data.test()), net.score(data.test())));
            if (epoch == budget.epochs()) {
                return scores;
            }
            for (DataSet batch : batches.epoch()) {
                net.fit(batch);
            }
        }
    }
}
