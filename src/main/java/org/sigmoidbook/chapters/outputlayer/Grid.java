package org.sigmoidbook.chapters.outputlayer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.sigmoidbook.book.Lab;
import org.sigmoidbook.toolkit.nn.HiddenUnit;

/**
 * The chapter's experiments, declared before anything runs: every factor with its levels, the
 * seeds and how much each run trains. The page shows it ({@code grid.csv}) before any result, and
 * every experiment takes its runs from here. In full mode every experiment trains the same budget,
 * so the cells that two experiments share (the book's sigmoid network at lr 0.1, say) are one run;
 * quick mode trains less, on fewer seeds, with the same files.
 */
final class Grid {

    /** One factor of an experiment and its levels, as the page lists them: a row of {@code grid.csv}. */
    record Factor(String experiment, String factor, String levels) {
    }

    static final int HIDDEN_LAYERS = OutputLayerChapter.HIDDEN_LAYERS;
    static final List<Configuration> REMEDIES = List.of(
            new Configuration(HiddenUnit.SIGMOID, Remedy.NONE), new Configuration(HiddenUnit.SIGMOID, Remedy.XAVIER),
            new Configuration(HiddenUnit.SIGMOID, Remedy.X4), new Configuration(HiddenUnit.SIGMOID, Remedy.ADAM),
            new Configuration(HiddenUnit.SIGMOID, Remedy.BATCHNORM), new Configuration(HiddenUnit.SIGMOID, Remedy.ORTHOGONAL),
            new Configuration(HiddenUnit.SIGMOID, Remedy.SIGMOID_AS_TANH), new Configuration(HiddenUnit.SIGMOID, Remedy.LONG),
            new Configuration(HiddenUnit.TANH, Remedy.NONE), new Configuration(HiddenUnit.RELU, Remedy.NONE));
    /** The hidden stacks the heads sit on: one that trains in the book's setup, and a sigmoid stack with a remedy that trains. */
    static final List<Configuration> HEAD_STACKS = List.of(new Configuration(HiddenUnit.RELU, Remedy.NONE),
            new Configuration(HiddenUnit.SIGMOID, Remedy.X4));
    static final List<Head> HEADS = List.of(Head.values());
    static final List<HiddenUnit> SWEPT_UNITS = List.of(HiddenUnit.SIGMOID, HiddenUnit.TANH);
    static final List<Double> LEARNING_RATES = List.of(0.1, 0.5, 1.0, 2.0, Remedy.LONG_LEARNING_RATE);
    /** The deep stack's hidden layers, in both modes. */
    static final int DEEP_LAYERS = 10;
    static final List<Configuration> DEEP = List.of(
            new Configuration(HiddenUnit.SIGMOID, Remedy.NONE), new Configuration(HiddenUnit.SIGMOID, Remedy.X4),
            new Configuration(HiddenUnit.SIGMOID, Remedy.BATCHNORM), new Configuration(HiddenUnit.SIGMOID, Remedy.ORTHOGONAL),
            new Configuration(HiddenUnit.TANH, Remedy.NONE), new Configuration(HiddenUnit.RELU, Remedy.NONE));

    private final List<Integer> seeds;
    private final Budget remedies;
    private final Budget others;
    private final Budget longRuns;

    private Grid(List<Integer> seeds, Budget remedies, Budget others, Budget longRuns) {
        this.seeds = seeds;
        this.remedies = remedies;
        this.others = others;
        this.longRuns = longRuns;
    }

    /**
     * Full mode: 5 seeds; every run on the first 1,024 training 4s and 9s (32 minibatches) for 10
     * epochs, long runs for up to 80. Sized to the chapter's
     * budget of CPU time (a training step costs about 2 ms here).
     */
    static Grid of(Lab lab) {
        int first = (int) lab.seed();
        List<Integer> seeds = IntStream.range(first, first + lab.size(2, 5)).boxed().toList();
        Budget remedies = new Budget(lab.size(480, 1024), lab.size(3, 10));
        return new Grid(seeds, remedies, new Budget(lab.size(64, 1024), lab.size(1, 10)),
                new Budget(remedies.trainingDigits(), lab.size(3, 80)));
    }

    List<Integer> seeds() {
        return seeds;
    }

    int firstSeed() {
        return seeds.get(0);
    }

    /** The most training digits any run asks for. */
    int trainingDigits() {
        return Math.max(remedies.trainingDigits(), others.trainingDigits());
    }

    Budget longBudget() {
        return longRuns;
    }

    /** A cell of the remedies experiment: 5 hidden layers, the book's head, SGD at 0.1 (long runs: 4). */
    Setup remedy(Configuration configuration, int seed) {
        boolean isLong = configuration.remedy() == Remedy.LONG;
        return new Setup(configuration.hidden(), configuration.remedy(), Head.SIGMOID_XENT, HIDDEN_LAYERS,
                isLong ? Remedy.LONG_LEARNING_RATE : OutputLayerChapter.LEARNING_RATE, isLong ? longRuns : remedies, seed);
    }

    /** A cell of the heads experiment. */
    Setup head(Configuration stack, Head head, int seed) {
        return new Setup(stack.hidden(), stack.remedy(), head, HIDDEN_LAYERS, OutputLayerChapter.LEARNING_RATE, others, seed);
    }

    /** A cell of the learning-rate sweep: the book's setup at another learning rate. */
    Setup learningRate(HiddenUnit hidden, double learningRate, int seed) {
        return new Setup(hidden, Remedy.NONE, Head.SIGMOID_XENT, HIDDEN_LAYERS, learningRate, others, seed);
    }

    /** A cell of the depth experiment. */
    Setup depth(Configuration configuration, int hiddenLayers, int seed) {
        return new Setup(configuration.hidden(), configuration.remedy(), Head.SIGMOID_XENT, hiddenLayers,
                OutputLayerChapter.LEARNING_RATE, others, seed);
    }

    /** The depths compared: the chapter's and the deep stack's. */
    List<Integer> depths() {
        return List.of(HIDDEN_LAYERS, DEEP_LAYERS);
    }

    /** Every run the grid asks for, each once, the longest first, so that the workers start on them early. */
    List<Setup> setups() {
        List<Setup> all = new ArrayList<>();
        for (int seed : seeds) {
            REMEDIES.forEach(c -> all.add(remedy(c, seed)));
            HEAD_STACKS.forEach(stack -> HEADS.forEach(head -> all.add(head(stack, head, seed))));
            SWEPT_UNITS.forEach(hidden -> LEARNING_RATES.forEach(lr -> all.add(learningRate(hidden, lr, seed))));
            DEEP.forEach(c -> depths().forEach(layers -> all.add(depth(c, layers, seed))));
        }
        List<Setup> distinct = all.stream().distinct().collect(Collectors.toCollection(ArrayList::new));
        distinct.sort((a, b) -> Double.compare(cost(b), cost(a)));
        return distinct;
    }

    /** Relative cost of a run, in layer-epochs; batch normalisation about triples a layer's cost. */
    private static double cost(Setup setup) {
        double perLayer = setup.remedy() == Remedy.BATCHNORM ? 3 : 1;
        return (double) setup.budget().trainingDigits() * setup.budget().epochs() * setup.hiddenLayers() * perLayer;
    }

    /** The runs whose gradients are recorded: the book's setup with each hidden unit, every seed. */
    Set<Setup> recorded() {
        Set<Setup> recorded = new HashSet<>();
        for (int seed : seeds) {
            OutputLayerChapter.HIDDEN_UNITS.forEach(h -> recorded.add(remedy(new Configuration(h, Remedy.NONE), seed)));
        }
        return recorded;
    }

    /** The grid as the page lists it; {@code heldOut} is the number of held-out digits. */
    List<Factor> factors(int heldOut) {
        String budget = budgetText(remedies);
        String otherBudget = others.equals(remedies) ? "as the remedies" : budgetText(others);
        return List.of(
                new Factor("every experiment", "seeds", join(seeds, String::valueOf)),
                new Factor("every experiment", "digits", String.format(Locale.ROOT, "the first %d 4s and 9s of the book's 8,000 "
                        + "training digits; every 4 and 9 of its 2,000 held-out digits (%d)",
                        trainingDigits(), heldOut)),
                new Factor("every experiment", "network", "784 pixels, hidden layers of " + OutputLayerChapter.WIDTH
                        + " units, biases 0, minibatches of " + OutputLayerChapter.BATCH_SIZE),
                new Factor("remedies", "hidden units and remedy", join(REMEDIES, Configuration::label)),
                new Factor("remedies", "fixed", HIDDEN_LAYERS + " hidden layers, " + Head.SIGMOID_XENT.label() + ", SGD lr "
                        + number(OutputLayerChapter.LEARNING_RATE) + " (Adam: lr " + number(Remedy.ADAM_LEARNING_RATE)
                        + "; long: lr " + number(Remedy.LONG_LEARNING_RATE) + ")"),
                new Factor("remedies", "training", budget + "; long: up to " + longRuns.epochs() + " epochs, stopped "
                        + Training.EPOCHS_AFTER_LEARNING + " after passing " + Training.LEARNED),
                new Factor("heads", "hidden stack", join(HEAD_STACKS, Configuration::label)),
                new Factor("heads", "head", join(HEADS, Head::label)),
                new Factor("heads", "fixed", HIDDEN_LAYERS + " hidden layers, SGD lr " + number(OutputLayerChapter.LEARNING_RATE)
                        + "; " + otherBudget),
                new Factor("lr-sweep", "hidden units", join(SWEPT_UNITS, HiddenUnit::label) + " (the book's setup)"),
                new Factor("lr-sweep", "learning rate", join(LEARNING_RATES, Grid::number)),
                new Factor("lr-sweep", "fixed", HIDDEN_LAYERS + " hidden layers, " + Head.SIGMOID_XENT.label() + "; " + otherBudget),
                new Factor("depth", "hidden layers", join(depths(), String::valueOf)),
                new Factor("depth", "hidden units and remedy", join(DEEP, Configuration::label)),
                new Factor("depth", "fixed", Head.SIGMOID_XENT.label() + ", SGD lr " + number(OutputLayerChapter.LEARNING_RATE)
                        + "; " + otherBudget));
    }

    private static String budgetText(Budget budget) {
        return String.format(Locale.ROOT, "%d training digits, %d epochs", budget.trainingDigits(), budget.epochs());
    }

    private static <T> String join(List<T> levels, Function<T, String> text) {
        return levels.stream().map(text).collect(Collectors.joining("; "));
    }

    /** 0.1, 1, 4, 0.001: no trailing zeros. */
    static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
