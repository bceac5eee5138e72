package org.sigmoidbook.chapters.today;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.sigmoidbook.book.Lab;
import org.sigmoidbook.book.Progress;
import org.sigmoidbook.chapters.today.HiddenUnits.Hidden;
import org.sigmoidbook.chapters.today.MultiLabel.Head;
import org.sigmoidbook.toolkit.data.Mnist;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The chapter's training runs, each independent of the others: one LSTM, every hidden activation
 * with every seed, every multi-label head with every seed (trained on all digits and without the
 * 9s). They run on the book's workers, the longest first; each returns its tables, and tables of the
 * same name are joined in run order, so the files do not depend on the number of workers.
 */
final class TrainingRuns {

    /**
     * How much of each experiment a run gets. Full size, in CPU seconds of one core of the (shared)
     * development machine: the LSTM about 4, as DL4J's LSTM costs about 25 ms an update even on 14
     * rows of 14 pixels; the twelve hidden-unit networks about 5; the twelve multi-label networks
     * about 4. The quick size only exercises the code.
     */
    record Size(int seeds, MultiLabel.Budget multiLabel, LstmGates.Budget lstm, HiddenUnits.Budget hidden) {
        static final Size QUICK = new Size(2, new MultiLabel.Budget(1000, 1), new LstmGates.Budget(500, 10, 5, 50),
                new HiddenUnits.Budget(400, 1));
        static final Size FULL = new Size(3, new MultiLabel.Budget(6000, 1), new LstmGates.Budget(8000, 150, 15, 200),
                new HiddenUnits.Budget(800, 5));
    }

    /** One run: its tables, each named for the file it joins. */
    @FunctionalInterface
    private interface Run {
        List<Table> tables();
    }

    private TrainingRuns() {
    }

    /** Every run of the chapter with seeds {@code seed}, {@code seed + 1}, ...; the tables by name, in the order first returned. */
    static Map<String, Table> measure(Lab lab, Size size, Mnist.Split split) throws Exception {
        List<Long> seeds = new ArrayList<>();
        for (int k = 0; k < size.seeds(); k++) {
            seeds.add(lab.seed() + k);
        }
        LstmGates.Data sequences = LstmGates.Data.of(split, size.lstm().trainingDigits());
        HiddenUnits.Data foursAndNines = HiddenUnits.Data.of(split, size.hidden().trainingDigits());
        MultiLabel.Data allDigits = MultiLabel.Data.of(split, size.multiLabel().trainingDigits());
        MultiLabel.Data withoutNines = MultiLabel.Data.withholding(split, size.multiLabel().trainingDigits(), 9);

        List<Run> runs = new ArrayList<>();
        runs.add(() -> lstm(lab.seed(), size.lstm(), sequences));
        for (Hidden hidden : Hidden.values()) {
            for (long seed : seeds) {
                runs.add(() -> List.of(HiddenUnits.run(hidden, seed, size.hidden(), foursAndNines),
                        HiddenUnits.scales(hidden, seed, foursAndNines)));
            }
        }
        for (MultiLabel.Data data : List.of(allDigits, withoutNines)) {
            for (long seed : seeds) {
                for (Head head : Head.values()) {
                    runs.add(() -> {
                        MultiLabelResult result = MultiLabel.run(head, seed, size.multiLabel(), data);
                        return List.of(result.accuracy(), result.predictions());
                    });
                }
            }
        }

        List<List<Table>> results;
        try (Progress progress = lab.progress("training runs", runs.size())) {
            results = lab.parallel(runs, run -> {
                List<Table> tables = run.tables();
                progress.step();
                return tables;
            });
        }
        Map<String, Table> joined = new LinkedHashMap<>();
        for (List<Table> tables : results) {
            for (Table table : tables) {
                joined.merge(table.name(), table, (all, more) -> all.append(more));
            }
        }
        joined.put("multilabel-combinations", MultiLabel.combinations(allDigits));
        Table datasets = Table.create("datasets", StringColumn.create("experiment"), IntColumn.create("training_digits"),
                IntColumn.create("heldout_digits"));
        addDataset(datasets, "lstm", sequences.train().numExamples(), sequences.test().numExamples());
        addDataset(datasets, "hidden-units", foursAndNines.train().numExamples(), foursAndNines.test().numExamples());
        addDataset(datasets, "multilabel", allDigits.trainDigits().length, allDigits.testDigits().length);
        addDataset(datasets, "multilabel-without-9s", withoutNines.trainDigits().length, withoutNines.testDigits().length);
        joined.put("datasets", datasets);
        return joined;
    }

    private static void addDataset(Table datasets, String experiment, int training, int heldOut) {
        datasets.stringColumn("experiment").append(experiment);
        datasets.intColumn("training_digits").append(training);
        datasets.intColumn("heldout_digits").append(heldOut);
    }

    /** The gates of one LSTM during training, its probe accuracy, and the table {@code lstm}: seed, updates, heldout_accuracy, largest_rebuild_error. */
    private static List<Table> lstm(long seed, LstmGates.Budget budget, LstmGates.Data data) {
        LstmGates.Result result = LstmGates.run(seed, budget, data);
        Table summary = Table.create("lstm", LongColumn.create("seed", new long[]{seed}), IntColumn.create("updates", new int[]{budget.updates()}),
                DoubleColumn.create("heldout_accuracy", result.heldOutAccuracy()),
                DoubleColumn.create("largest_rebuild_error", result.rebuildError()));
        return List.of(result.gates(), result.accuracy(), summary);
    }
}
