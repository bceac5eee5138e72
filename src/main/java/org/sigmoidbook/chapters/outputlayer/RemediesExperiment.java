package org.sigmoidbook.chapters.outputlayer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.nd4j.linalg.activations.Activation;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.book.Progress;
import org.sigmoidbook.chapters.outputlayer.Training.Run;
import org.sigmoidbook.chapters.outputlayer.Training.Trace;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.numerics.Stats;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

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

    private static final List<Remedy> SIGMOID_REMEDIES = List.of(Remedy.XAVIER, Remedy.X4, Remedy.ADAM);

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

        Table remedies = remedies(traces, size.epochs());
        lab.table("remedies", remedies);
        lab.table("plateau", plateau(traces));
        remedyFindings(lab, remedies);
    }

    /** The long runs first, so that the workers start on them early; the tables do not depend on this order. */
    static List<Run> runs(long firstSeed, Size size) {
        List<Run> runs = new ArrayList<>();
        for (int k = 0; k < size.seeds(); k++) {
            boolean isLong = k < size.longSeeds();
            runs.add(new Run(Activation.SIGMOID, isLong ? Remedy.LONG : Remedy.NONE, firstSeed + k,
                    isLong ? size.longEpochs() : size.epochs(), k == 0 ? size.epochs() : 0));
        }
        for (Activation reference : List.of(Activation.TANH, Activation.RELU)) {
            for (int k = 0; k < size.seeds(); k++) {
                runs.add(new Run(reference, Remedy.NONE, firstSeed + k, size.epochs(), k == 0 ? size.epochs() : 0));
            }
        }
        for (Remedy remedy : SIGMOID_REMEDIES) {
            for (int k = 0; k < size.seeds(); k++) {
                runs.add(new Run(Activation.SIGMOID, remedy, firstSeed + k, size.epochs(), 0));
            }
        }
        return runs;
    }

    /** One row per hidden unit, remedy and seed: the state the run ended in (for NONE: after {@code epochs}). */
    static Table remedies(List<Trace> traces, int epochs) {
        List<Row> rows = new ArrayList<>();
        for (Trace trace : traces) {
            Run run = trace.run();
            if (run.remedy() == Remedy.LONG) {
                rows.add(new Row(trace, Remedy.NONE, epochs));
            }
            rows.add(new Row(trace, run.remedy(), trace.lastEpoch()));
        }
        rows.sort(Comparator.comparing((Row r) -> OutputLayerChapter.HIDDEN_ACTIVATIONS.indexOf(r.trace().run().hidden()))
                .thenComparing(Row::remedy).thenComparingLong(r -> r.trace().run().seed()));
        StringColumn hidden = StringColumn.create("hidden");
        StringColumn remedy = StringColumn.create("remedy");
        IntColumn seed = IntColumn.create("seed");
        IntColumn epochColumn = IntColumn.create("epochs");
        DoubleColumn accuracy = DoubleColumn.create("heldout_accuracy");
        DoubleColumn loss = DoubleColumn.create("heldout_loss");
        IntColumn learned = IntColumn.create("first_epoch_above_0_9");
        for (Row row : rows) {
            Trace trace = row.trace();
            hidden.append(trace.run().hiddenName());
            remedy.append(row.remedy().id());
            seed.append((int) trace.run().seed());
            epochColumn.append(row.epoch());
            accuracy.append(trace.accuracy()[row.epoch()]);
            loss.append(trace.loss()[row.epoch()]);
            int first = trace.firstLearnedBy(row.epoch());
            if (first < 0) {
                learned.appendMissing();
            } else {
                learned.append(first);
            }
        }
        return Table.create("remedies", hidden, remedy, seed, epochColumn, accuracy, loss, learned);
    }

    /** A run's state at {@code epoch}, reported under {@code remedy}. */
    private record Row(Trace trace, Remedy remedy, int epoch) {
    }

    /** Held-out accuracy and loss after every epoch of the long runs. */
    static Table plateau(List<Trace> traces) {
        IntColumn seed = IntColumn.create("seed");
        IntColumn epoch = IntColumn.create("epoch");
        DoubleColumn accuracy = DoubleColumn.create("heldout_accuracy");
        DoubleColumn loss = DoubleColumn.create("heldout_loss");
        for (Trace trace : traces) {
            if (trace.run().remedy() == Remedy.LONG) {
                for (int e = 0; e <= trace.lastEpoch(); e++) {
                    seed.append((int) trace.run().seed());
                    epoch.append(e);
                    accuracy.append(trace.accuracy()[e]);
                    loss.append(trace.loss()[e]);
                }
            }
        }
        return Table.create("plateau", seed, epoch, accuracy, loss);
    }

    /** The rows of one hidden unit and remedy. */
    static Table rows(Table remedies, String hidden, Remedy remedy) {
        return remedies.where(remedies.stringColumn("hidden").isEqualTo(hidden).and(remedies.stringColumn("remedy").isEqualTo(remedy.id())));
    }

    private static void remedyFindings(Lab lab, Table remedies) {
        List<String[]> groups = new ArrayList<>();
        for (Remedy remedy : Remedy.values()) {
            groups.add(new String[]{"sigmoid", remedy.id()});
        }
        groups.add(new String[]{"tanh", Remedy.NONE.id()});
        groups.add(new String[]{"relu", Remedy.NONE.id()});
        for (String[] group : groups) {
            Table rows = rows(remedies, group[0], Remedy.byId(group[1]));
            double[] accuracy = rows.doubleColumn("heldout_accuracy").asDoubleArray();
            long learned = rows.intColumn("first_epoch_above_0_9").removeMissing().size();
            String name = group[0] + " " + group[1];
            lab.finding("held-out accuracy over seeds, " + name, String.format(Locale.ROOT, "%.3f to %.3f (median %.3f; %d of %d seeds above %.1f)",
                    Stats.quantile(accuracy, 0), Stats.quantile(accuracy, 1), Stats.median(accuracy), learned, accuracy.length, Training.LEARNED));
        }
        Table longRuns = rows(remedies, "sigmoid", Remedy.LONG);
        IntColumn escapes = longRuns.intColumn("first_epoch_above_0_9");
        lab.finding("long runs that passed 0.9", escapes.removeMissing().size(), "%.0f");
        lab.finding("long runs", longRuns.rowCount(), "%.0f");
        lab.finding("long runs: epochs trained at most", longRuns.intColumn("epochs").max(), "%.0f");
        if (escapes.removeMissing().size() > 0) {
            lab.finding("long runs: earliest epoch above 0.9", escapes.min(), "%.0f");
            lab.finding("long runs: latest epoch above 0.9", escapes.max(), "%.0f");
        } else {
            lab.finding("long runs: earliest epoch above 0.9", "never");
            lab.finding("long runs: latest epoch above 0.9", "never");
        }
        double[] finalAccuracy = longRuns.doubleColumn("heldout_accuracy").asDoubleArray();
        lab.finding("long runs: final held-out accuracy, lowest", Stats.quantile(finalAccuracy, 0), "%.3f");
        lab.finding("long runs: final held-out accuracy, highest", Stats.quantile(finalAccuracy, 1), "%.3f");
    }
}
