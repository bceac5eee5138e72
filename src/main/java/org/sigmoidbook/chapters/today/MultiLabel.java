package org.sigmoidbook.chapters.today;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;
import java.util.stream.IntStream;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.nn.Minibatches;
import org.sigmoidbook.toolkit.nn.NdArrays;
import org.sigmoidbook.toolkit.nn.Networks;

/**
 * Multi-label against multi-class on the book's digits. Every digit carries three yes/no labels at
 * once: even; greater than 4; drawn with a closed loop (0, 4, 6, 8, 9). One network answers them with
 * three sigmoid outputs trained with binary cross-entropy, one per label; the other with a softmax
 * over the 2^3 = 8 combinations of the labels, trained with categorical cross-entropy, the only way
 * mutually exclusive classes can hold independent labels. The networks share the hidden layer, the
 * initial hidden weights, the minibatches and the number of updates.
 */
public final class MultiLabel {

    /** The three labels; label i is bit i of a combination. */
    public enum Label {
        EVEN("even"), GREATER_THAN_4("greater_than_4"), CLOSED_LOOP("closed_loop");

        private final String column;

        Label(String column) {
            this.column = column;
        }

        public String column() {
            return column;
        }

        public boolean of(int digit) {
            return switch (this) {
                case EVEN -> digit % 2 == 0;
                case GREATER_THAN_4 -> digit > 4;
                case CLOSED_LOOP -> digit == 0 || digit == 4 || digit == 6 || digit == 8 || digit == 9;
            };
        }

        public boolean in(int combination) {
            return (combination >> ordinal() & 1) == 1;
        }
    }

    public static final int LABELS = Label.values().length;
    public static final int COMBINATIONS = 1 << LABELS;
    public static final int HIDDEN = 64;
    public static final int BATCH_SIZE = 32;
    public static final double LEARNING_RATE = 0.1;
    /** The name of the exact-match row: all three labels right. */
    public static final String ALL_THREE = "all_three";
    /** The held-out set of every held-out example. */
    public static final String ALL = "all";
    /** The held-out 9s of the runs trained without 9s. */
    public static final String NINES = "9s";
    /** The held-out triplets whose combination no training triplet has. */
    public static final String UNSEEN = "unseen combination";

    /** The two output layers compared. */
    public enum Head {
        /** One sigmoid per label, binary cross-entropy (DL4J's XENT). */
        SIGMOIDS,
        /** A softmax over the eight label combinations, categorical cross-entropy (MCXENT). */
        SOFTMAX
    }

    /** How predictions are read off a head: the rows of the table. */
    public enum Model {
        /** Label i is on when sigmoid output i is at least 1/2, as {@link org.sigmoidbook.toolkit.nn.Accuracy} reads a sigmoid. */
        SIGMOIDS("sigmoid-3"),
        /** The most probable of the eight combinations, decoded into its three labels. */
        SOFTMAX_MOST_LIKELY("softmax-8-argmax"),
        /** Label i is on when the combinations that hold it have at least half the probability. */
        SOFTMAX_MARGINALS("softmax-8-marginal");

        private final String id;

        Model(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** What a run trains on: every digit, every digit but the 9s, or triplets of digits without the 9's combination ({@link Triplets}). */
    public enum TrainingSet {
        ALL_DIGITS("all digits"), NO_NINES("no 9s"), TRIPLETS("triplets");

        private final String id;

        TrainingSet(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** How much training one run gets: {@code trainingExamples} examples, for {@code epochs} epochs. */
    public record Budget(int trainingExamples, int epochs) {
    }

    /** A group of held-out examples a run is scored on, by their rows in the held-out features. */
    public record HeldoutSet(String name, int[] members) {
    }

    /**
     * The examples a run trains on and is scored on, read-only: features and the combination of
     * labels each example carries, and the groups of held-out examples it is scored on.
     */
    public record Data(TrainingSet trainingSet, INDArray trainFeatures, int[] trainCombinations, INDArray testFeatures,
                       int[] testCombinations, List<HeldoutSet> heldoutSets) {

        /** The first {@code trainingDigits} of the training split; scored on all held-out digits. */
        public static Data allDigits(Mnist.Split split, int trainingDigits) {
            Digits train = split.train().first(trainingDigits);
            int[] test = digits(split.test());
            return new Data(TrainingSet.ALL_DIGITS, train.features(DataType.FLOAT), combinations(digits(train)),
                    split.test().features(DataType.FLOAT), combinations(test), List.of(new HeldoutSet(ALL, allOf(test.length))));
        }

        /**
         * The same less every 9, the only digit with the 9's combination (greater than 4, closed loop,
         * odd), which training then never shows; scored on the other held-out digits and on the 9s apart.
         */
        public static Data withoutNines(Mnist.Split split, int trainingDigits) {
            Digits train = split.train().first(trainingDigits).onlyClasses(IntStream.rangeClosed(0, 8).toArray());
            int[] test = digits(split.test());
            return new Data(TrainingSet.NO_NINES, train.features(DataType.FLOAT), combinations(digits(train)),
                    split.test().features(DataType.FLOAT), combinations(test), List.of(
                    new HeldoutSet("other digits", IntStream.range(0, test.length).filter(i -> test[i] != 9).toArray()),
                    new HeldoutSet(NINES, IntStream.range(0, test.length).filter(i -> test[i] == 9).toArray())));
        }

        private static int[] digits(Digits d) {
            return IntStream.range(0, d.size()).map(d::label).toArray();
        }

        private static int[] combinations(int[] digits) {
            return IntStream.of(digits).map(MultiLabel::combination).toArray();
        }

        static int[] allOf(int n) {
            return IntStream.range(0, n).toArray();
        }
    }

    private MultiLabel() {
    }

    /** The combination a digit carries: bit i set when label i holds. */
    public static int combination(int digit) {
        int bits = 0;
        for (Label label : Label.values()) {
            bits |= label.of(digit) ? 1 << label.ordinal() : 0;
        }
        return bits;
    }

    /** A combination as its labels, e.g. "even+closed_loop", or "none". */
    public static String describe(int combination) {
        StringJoiner names = new StringJoiner("+");
        names.setEmptyValue("none");
        for (Label label : Label.values()) {
            if (label.in(combination)) {
                names.add(label.column());
            }
        }
        return names.toString();
    }

    /** The digits that carry a combination; empty when no digit does. */
    public static int[] digitsWith(int combination) {
        return IntStream.rangeClosed(0, 9).filter(d -> combination(d) == combination).toArray();
    }

    /**
     * A row of the table {@code multilabel-combinations}: a combination, the digits that carry it, and
     * how many training and held-out digits that makes.
     */
    public record LabelCombination(String combination, String digits, int trainingDigits, int heldoutDigits) {
    }

    /** The table {@code multilabel-combinations}: the eight combinations, in order, counted in the digits of {@link Data#allDigits}. */
    public static List<LabelCombination> combinations(Mnist.Split split, int trainingDigits) {
        int[] train = split.train().first(trainingDigits).classCounts();
        int[] test = split.test().classCounts();
        List<LabelCombination> rows = new ArrayList<>();
        for (int c = 0; c < COMBINATIONS; c++) {
            int[] carriers = digitsWith(c);
            rows.add(new LabelCombination(describe(c),
                    carriers.length == 0 ? "none" : Arrays.toString(carriers).replaceAll("[\\[\\],]", ""),
                    IntStream.of(carriers).map(d -> train[d]).sum(), IntStream.of(carriers).map(d -> test[d]).sum()));
        }
        return rows;
    }

    /** The network for a head on {@code inputs} features: {@link #HIDDEN} tanh units, weights N(0, 1/n_in), SGD. */
    public static MultiLayerNetwork network(Head head, int inputs, long seed) {
        Networks.Mlp mlp = Networks.mlp(inputs).hidden(HIDDEN).activation(Activation.TANH)
                .sgd(LEARNING_RATE).seed(seed);
        return switch (head) {
            case SIGMOIDS -> mlp.output(LABELS, Activation.SIGMOID, LossFunction.XENT).build();
            case SOFTMAX -> mlp.output(COMBINATIONS, Activation.SOFTMAX, LossFunction.MCXENT).build();
        };
    }

    /** The targets a head is trained on: three 0/1 labels, or the one-hot combination. */
    static INDArray targets(Head head, int[] combinations) {
        INDArray targets = Nd4j.zeros(DataType.FLOAT, combinations.length, head == Head.SIGMOIDS ? LABELS : COMBINATIONS);
        for (int i = 0; i < combinations.length; i++) {
            if (head == Head.SOFTMAX) {
                targets.putScalar(i, combinations[i], 1.0);
            } else {
                for (Label label : Label.values()) {
                    targets.putScalar(i, label.ordinal(), label.in(combinations[i]) ? 1.0 : 0.0);
                }
            }
        }
        return targets;
    }

    /** Trains one head with one seed and scores it on each held-out set of {@code data}. */
    public static MultiLabelResult run(Head head, long seed, Budget budget, Data data) {
        MultiLayerNetwork net = network(head, (int) data.trainFeatures().columns(), seed);
        Minibatches batches = new Minibatches(new DataSet(data.trainFeatures(), targets(head, data.trainCombinations())), BATCH_SIZE, seed);
        for (int epoch = 0; epoch < budget.epochs(); epoch++) {
            for (DataSet batch : batches.epoch()) {
                net.fit(batch);
            }
        }
        double[][] outputs = NdArrays.rows(net.output(data.testFeatures(), false));
        List<Model> models = head == Head.SIGMOIDS ? List.of(Model.SIGMOIDS)
                : List.of(Model.SOFTMAX_MOST_LIKELY, Model.SOFTMAX_MARGINALS);
        MultiLabelResult result = MultiLabelResult.empty();
        for (Model model : models) {
            int[] predicted = Arrays.stream(outputs).mapToInt(row -> predictedCombination(model, row)).toArray();
            for (HeldoutSet set : data.heldoutSets()) {
                result = result.append(MultiLabelResult.score(model, data.trainingSet(), seed, set, predicted, data.testCombinations()));
            }
        }
        return result;
    }

    static int predictedCombination(Model model, double[] output) {
        return switch (model) {
            case SIGMOIDS -> {
                int bits = 0;
                for (int i = 0; i < LABELS; i++) {
                    bits |= output[i] >= 0.5 ? 1 << i : 0;
                }
                yield bits;
            }
            case SOFTMAX_MOST_LIKELY -> {
                int best = 0;
                for (int c = 1; c < COMBINATIONS; c++) {
                    best = output[c] > output[best] ? c : best;
                }
                yield best;
            }
            case SOFTMAX_MARGINALS -> {
                int bits = 0;
                for (Label label : Label.values()) {
                    double p = 0;
                    for (int c = 0; c < COMBINATIONS; c++) {
                        p += label.in(c) ? output[c] : 0;
                    }
                    bits |= p >= 0.5 ? 1 << label.ordinal() : 0;
                }
                yield bits;
            }
        };
    }
}
