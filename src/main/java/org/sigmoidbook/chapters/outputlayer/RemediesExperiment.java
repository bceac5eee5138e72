package org.sigmoidbook.chapters.outputlayer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.sigmoidbook.book.CsvColumn;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.book.Progress;
import org.sigmoidbook.chapters.outputlayer.Training.Run;
import org.sigmoidbook.chapters.outputlayer.Training.Trace;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.nn.HiddenUnit;
import org.sigmoidbook.toolkit.numerics.Stats;

/**
 * Trains the chapter's network over several seeds: with sigmoid, tanh and ReLU hidden units in the
 * book's setup, and with sigmoid hidden units under each {@link Remedy}. The book's sigmoid setup
 * and {@link Remedy#LONG} are the same training, so a long run also gives the {@link Remedy#NONE}
 * row of its seed (its state after the chapter's epochs). The runs of the first seed with each
 * hidden unit are recorded in detail for the training-curve figures.
 */
final class RemediesExperiment {

    /** How much to train: the full book, or a quick run with fewer digits, epochs and seeds. */
    record Size(int trainingDigits, int epochs, int seeds, int longSeeds, int longEpochs) {

        static Size of(Lab lab) {
            return new Size(lab.size(480, Integer.MAX_VALUE), lab.size(3, 10), lab.size(2, 5), lab.size(1, 3), lab.size(6, 500));
        }
    }

    /** A hidden unit and what is changed to get it to learn. */
    record Configuration(HiddenUnit hidden, Remedy remedy) {
    }

    /**
     * The state a run of one configuration and seed ended in, after {@code epochs} epochs, and the
     * first epoch whose held-out accuracy passed 0.9 (null if none did).
     */
    record Outcome(HiddenUnit hidden, Remedy remedy, int seed, int epochs, double heldoutAccuracy, double heldoutLoss,
                   @CsvColumn("first_epoch_above_0_9") Integer firstEpochAbove09) {

        Configuration configuration() {
            return new Configuration(hidden, remedy);
        }

        boolean learned() {
            return firstEpochAbove09 != null;
        }
    }

    /** A long run's held-out accuracy and loss after one epoch (0: the initial network). */
    record LongRunEpoch(int seed, int epoch, double heldoutAccuracy, double heldoutLoss) {
    }

    private static final List<Remedy> SIGMOID_REMEDIES = List.of(Remedy.XAVIER, Remedy.X4, Remedy.ADAM);

    /** The configurations the page sums up over seeds: sigmoid with every remedy, then the references. */
    private static final List<Configuration> FINDING_GROUPS = Stream.concat(
            Arrays.stream(Remedy.values()).map(remedy -> new Configuration(HiddenUnit.SIGMOID, remedy)),
            Stream.of(new Configuration(HiddenUnit.TANH, Remedy.NONE), new Configuration(HiddenUnit.RELU, Remedy.NONE))).toList();

    private RemediesExperiment() {
    }

    static void measure(Lab lab, DigitTask task, Size size) throws Exception {
        lab.finding("task", String.format(Locale.ROOT, "%d vs %d: %d training digits, %d held out; %d hidden layers of %d, "
                        + "weights N(0, 1/n_in) (ReLU: He's N(0, 2/n_in)), biases 0, SGD lr %.2f, minibatch %d, %d epochs",
                Digits.POSITIVE_DIGIT, Digits.NEGATIVE_DIGIT, task.train().numExamples(), task.heldOut().numExamples(),
                OutputLayerChapter.HIDDEN_LAYERS, OutputLayerChapter.WIDTH, OutputLayerChapter.LEARNING_RATE,
                OutputLayerChapter.BATCH_SIZE, size.epochs()));
        lab.finding("held-out share of 9s", Arrays.stream(task.heldOutLabels()).average().orElseThrow(), "%.4f");
        lab.finding("seed of the recorded runs", lab.seed(), "%.0f");
        lab.finding("remedies", String.format(Locale.ROOT, "%d seeds per configuration (%d to %d), %d epochs each; DL4J's Xavier init: "
                        + "weights N(0, 2/(n_in + n_out)); weights ×4: the book's initial weights times %.0f; Adam: learning rate %s; "
                        + "trained for longer: the book's setup on the first %d seeds for up to %d epochs, stopped %d epochs after "
                        + "held-out accuracy first passed %.1f", size.seeds(), lab.seed(), lab.seed() + size.seeds() - 1, size.epochs(),
                Remedy.GLOROT_SIGMOID_FACTOR, Double.toString(Remedy.ADAM_LEARNING_RATE), size.longSeeds(), size.longEpochs(),
                Training.EPOCHS_AFTER_LEARNING, Training.LEARNED));
        lab.finding("published: Nielsen's [784, 30, 30, 30, 30, 10] sigmoid network, MNIST test accuracy",
                "about 96.5% (Nielsen, Neural Networks and Deep Learning, chapter 5)");

        List<Run> runs = runs(lab.seed(), size);
        List<Trace> traces;
        try (Progress progress = lab.progress("training", runs.stream().mapToLong(Run::epochs).sum())) {
            traces = lab.parallel(runs, run -> Training.train(run, task, progress));
        }
        List<Trace> recorded = traces.stream().filter(t -> t.recording() != null).toList();
        lab.table("results", TrainingTables.results(recorded));
        lab.table("first-layer-gradient", TrainingTables.firstLayerGradient(recorded));
        TrainingTables.gradientFindings(lab, recorded);

        List<Outcome> remedies = remedies(traces, size.epochs());
        lab.table("remedies", remedies);
        lab.table("plateau", plateau(traces));
        remedyFindings(lab, remedies);
    }

    /** The long runs first, so that the workers start on them early; the tables do not depend on this order. */
    static List<Run> runs(long firstSeed, Size size) {
        List<Run> runs = new ArrayList<>();
        for (int k = 0; k < size.seeds(); k++) {
            boolean isLong = k < size.longSeeds();
            runs.add(new Run(HiddenUnit.SIGMOID, isLong ? Remedy.LONG : Remedy.NONE, firstSeed + k,
                    isLong ? size.longEpochs() : size.epochs(), k == 0 ? size.epochs() : 0));
        }
        for (HiddenUnit reference : List.of(HiddenUnit.TANH, HiddenUnit.RELU)) {
            for (int k = 0; k < size.seeds(); k++) {
                runs.add(new Run(reference, Remedy.NONE, firstSeed + k, size.epochs(), k == 0 ? size.epochs() : 0));
            }
        }
        for (Remedy remedy : SIGMOID_REMEDIES) {
            for (int k = 0; k < size.seeds(); k++) {
                runs.add(new Run(HiddenUnit.SIGMOID, remedy, firstSeed + k, size.epochs(), 0));
            }
        }
        return runs;
    }

    /** One row per hidden unit, remedy and seed: the state the run ended in (for NONE: after {@code epochs}). */
    static List<Outcome> remedies(List<Trace> traces, int epochs) {
        List<Outcome> rows = new ArrayList<>();
        for (Trace trace : traces) {
            if (trace.run().remedy() == Remedy.LONG) {
                rows.add(outcome(trace, Remedy.NONE, epochs));
            }
            rows.add(outcome(trace, trace.run().remedy(), trace.lastEpoch()));
        }
        rows.sort(Comparator.comparing((Outcome o) -> OutputLayerChapter.HIDDEN_UNITS.indexOf(o.hidden()))
                .thenComparing(Outcome::remedy).thenComparingInt(Outcome::seed));
        return rows;
    }

    /** A run's state at {@code epoch}, reported under {@code remedy}. */
    private static Outcome outcome(Trace trace, Remedy remedy, int epoch) {
        int first = trace.firstLearnedBy(epoch);
        return new Outcome(trace.run().hidden(), remedy, (int) trace.run().seed(), epoch, trace.accuracy()[epoch], trace.loss()[epoch],
                first < 0 ? null : first);
    }

    /** Held-out accuracy and loss after every epoch of the long runs. */
    static List<LongRunEpoch> plateau(List<Trace> traces) {
        List<LongRunEpoch> rows = new ArrayList<>();
        for (Trace trace : traces) {
            if (trace.run().remedy() == Remedy.LONG) {
                for (int e = 0; e <= trace.lastEpoch(); e++) {
                    rows.add(new LongRunEpoch((int) trace.run().seed(), e, trace.accuracy()[e], trace.loss()[e]));
                }
            }
        }
        return rows;
    }

    /** The rows of one hidden unit and remedy. */
    static List<Outcome> rows(List<Outcome> remedies, HiddenUnit hidden, Remedy remedy) {
        return remedies.stream().filter(o -> o.hidden() == hidden && o.remedy() == remedy).toList();
    }

    private static void remedyFindings(Lab lab, List<Outcome> remedies) {
        for (Configuration group : FINDING_GROUPS) {
            List<Outcome> rows = rows(remedies, group.hidden(), group.remedy());
            double[] accuracy = rows.stream().mapToDouble(Outcome::heldoutAccuracy).toArray();
            long learned = rows.stream().filter(Outcome::learned).count();
            String name = group.hidden().id() + " " + group.remedy().id();
            lab.finding("held-out accuracy over seeds, " + name, String.format(Locale.ROOT, "%.3f to %.3f (median %.3f; %d of %d seeds above %.1f)",
                    Stats.quantile(accuracy, 0), Stats.quantile(accuracy, 1), Stats.median(accuracy), learned, accuracy.length, Training.LEARNED));
        }
        List<Outcome> longRuns = rows(remedies, HiddenUnit.SIGMOID, Remedy.LONG);
        int[] escapes = longRuns.stream().filter(Outcome::learned).mapToInt(Outcome::firstEpochAbove09).toArray();
        lab.finding("long runs that passed 0.9", escapes.length, "%.0f");
        lab.finding("long runs", longRuns.size(), "%.0f");
        lab.finding("long runs: epochs trained at most", longRuns.stream().mapToInt(Outcome::epochs).max().orElseThrow(), "%.0f");
        if (escapes.length > 0) {
            lab.finding("long runs: earliest epoch above 0.9", IntStream.of(escapes).min().orElseThrow(), "%.0f");
            lab.finding("long runs: latest epoch above 0.9", IntStream.of(escapes).max().orElseThrow(), "%.0f");
        } else {
            lab.finding("long runs: earliest epoch above 0.9", "never");
            lab.finding("long runs: latest epoch above 0.9", "never");
        }
        double[] finalAccuracy = longRuns.stream().mapToDouble(Outcome::heldoutAccuracy).toArray();
        lab.finding("long runs: final held-out accuracy, lowest", Stats.quantile(finalAccuracy, 0), "%.3f");
        lab.finding("long runs: final held-out accuracy, highest", Stats.quantile(finalAccuracy, 1), "%.3f");
    }
}
