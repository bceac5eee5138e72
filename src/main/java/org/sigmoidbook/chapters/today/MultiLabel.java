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
    /** No digit withheld from training. */
    public static final int NONE = -1;
    public static final String ALL_DIGITS = "all";
    /** The name of the exact-match row: all three labels right. */
    public static final String ALL_THREE = "all_three";

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

    /** How much training one run gets: the first {@code trainingDigits} of the training split, for {@code epochs} epochs. */
    public record Budget(int trainingDigits, int epochs) {
    }

    /**
     * The digits a run trains on and is scored on, read-only: the first {@code trainingDigits} of the
     * training split, less every {@code withheld} digit if one is given ({@link #NONE} otherwise), and
     * all held-out digits.
     */
    public record Data(INDArray trainFeatures, int[] trainDigits, INDArray testFeatures, int[] testDigits, int withheld) {

        public static Data of(Mnist.Split split, int trainingDigits) {
            return withholding(split, trainingDigits, NONE);
        }

        /** Training without one digit: with 9 left out, its combination (greater than 4, closed loop) is never seen. */
        public static Data withholding(Mnist.Split split, int trainingDigits, int withheld) {
            Digits train = split.train().first(trainingDigits);
            if (withheld != NONE) {
                train = train.onlyClasses(IntStream.rangeClosed(0, 9).filter(d -> d != withheld).toArray());
            }
            return new Data(train.features(DataType.FLOAT), digits(train), split.test().features(DataType.FLOAT),
                    digits(split.test()), withheld);
        }

        private static int[] digits(Digits d) {
            return IntStream.range(0, d.size()).map(d::label).toArray();
        }

        /** The groups of held-out digits a run is scored on: all of them, or the others and the withheld digit apart. */
        List<String> groups() {
            return withheld == NONE ? List.of(ALL_DIGITS) : List.of("without " + withheld, "only " + withheld);
        }

        boolean inGroup(int digit, String group) {
            return group.equals(ALL_DIGITS) || (digit == withheld) == group.startsWith("only");
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

    /** The table {@code multilabel-combinations}: the eight combinations, in order. Only six of the eight occur. */
    public static List<LabelCombination> combinations(Data data) {
        List<LabelCombination> rows = new ArrayList<>();
        for (int c = 0; c < COMBINATIONS; c++) {
            int combination = c;
            int[] carriers = digitsWith(c);
            rows.add(new LabelCombination(describe(c),
                    carriers.length == 0 ? "none" : Arrays.toString(carriers).replaceAll("[\\[\\],]", ""),
                    (int) Arrays.stream(data.trainDigits()).filter(d -> combination(d) == combination).count(),
                    (int) Arrays.stream(data.testDigits()).filter(d -> combination(d) == combination).count()));
        }
        return rows;
    }

    /** The network for a head: {@link #HIDDEN} tanh units, weights N(0, 1/n_in), SGD. */
    public static MultiLayerNetwork network(Head head, long seed) {
        Networks.Mlp mlp = Networks.mlp(Digits.PIXELS).hidden(HIDDEN).activation(Activation.TANH)
                .sgd(LEARNING_RATE).seed(seed);
        return switch (head) {
            case SIGMOIDS -> mlp.output(LABELS, Activation.SIGMOID, LossFunction.XENT).build();
            case SOFTMAX -> mlp.output(COMBINATIONS, Activation.SOFTMAX, LossFunction.MCXENT).build();
        };
    }

    /** The targets a head is trained on: three 0/1 labels, or the one-hot combination. */
    static INDArray targets(Head head, int[] digits) {
        INDArray targets = Nd4j.zeros(DataType.FLOAT, digits.length, head == Head.SIGMOIDS ? LABELS : COMBINATIONS);
        for (int i = 0; i < digits.length; i++) {
            int combination = combination(digits[i]);
            if (head == Head.SOFTMAX) {
                targets.putScalar(i, combination, 1.0);
            } else {
                for (Label label : Label.values()) {
                    targets.putScalar(i, label.ordinal(), label.in(combination) ? 1.0 : 0.0);
                }
            }
        }
        return targets;
    }

    /** Trains one head with one seed and scores it on the held-out digits, group by group ({@link Data#groups()}). */
    public static MultiLabelResult run(Head head, long seed, Budget budget, Data data) {
        MultiLayerNetwork net = network(head, seed);
        Minibatches batches = new Minibatches(new DataSet(data.trainFeatures(), targets(head, data.trainDigits())), BATCH_SIZE, seed);
        for (int epoch = 0; epoch < budget.epochs(); epoch++) {
            for (DataSet batch : batches.epoch()) {
                net.fit(batch);
            }
        }
        double[][] outputs = net.output(data.testFeatures(), false).toDoubleMatrix();
        List<Model> models = head == Head.SIGMOIDS ? List.of(Model.SIGMOIDS)
                : List.of(Model.SOFTMAX_MOST_LIKELY, Model.SOFTMAX_MARGINALS);
        MultiLabelResult result = MultiLabelResult.empty();
        for (Model model : models) {
            int[] predicted = Arrays.stream(outputs).mapToInt(row -> predictedCombination(model, row)).toArray();
            for (String group : data.groups()) {
                int[] members = IntStream.range(0, predicted.length).filter(i -> data.inGroup(data.testDigits()[i], group)).toArray();
                result = result.append(MultiLabelResult.score(model, seed, group, members, predicted, data.testDigits()));
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
