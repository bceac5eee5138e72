package org.sigmoidbook.chapters.today;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.sigmoidbook.book.Lab;
import org.sigmoidbook.book.Progress;
import org.sigmoidbook.chapters.today.HiddenUnits.EpochScore;
import org.sigmoidbook.chapters.today.HiddenUnits.Hidden;
import org.sigmoidbook.chapters.today.HiddenUnits.LayerSpread;
import org.sigmoidbook.chapters.today.MultiLabel.Head;
import org.sigmoidbook.chapters.today.MultiLabel.LabelCombination;
import org.sigmoidbook.toolkit.data.Mnist;

/**
 * The chapter's training runs, each independent of the others: one LSTM, every hidden activation
 * with every seed, every multi-label head with every seed (trained on all digits and without the
 * 9s). They run on the book's workers, the longest first; each returns its rows, and the rows of
 * each table are joined in run order, so the files do not depend on the number of workers.
 */
final class TrainingRuns {

    /**
     * How much of each experiment a run gets. Full size, in CPU seconds of one core of the (shared)
     * development machine: the LSTM about 4, as DL4J's LSTM costs about 25 ms an update even on 14
     * rows of 14 pixels; the twelve hidden-unit networks about 5; the twelve multi-label networks
     * about 4. The quick size only exercises the code.
     */
    record Size(int seeds, MultiLabel.Budget multiLabel, LstmGates.Budget lstm, HiddenUnits.Budget hidden) {
        static Size of(Lab lab) {
            return new Size(lab.size(2, 3), new MultiLabel.Budget(lab.size(1000, 6000), 1),
                    new LstmGates.Budget(lab.size(500, 8000), lab.size(10, 150), lab.size(5, 15), lab.size(50, 200)),
                    new HiddenUnits.Budget(lab.size(400, 800), lab.size(1, 5)));
        }
    }

    /** A row of the table {@code datasets}: how many digits an experiment trains on and is scored on. */
    record Dataset(String experiment, int trainingDigits, int heldoutDigits) {
    }

    /** The rows of every table the runs fill, each in run order. */
    record Measured(LstmGates.Result lstm, LstmGates.LstmRun lstmRun, List<EpochScore> activations, List<LayerSpread> activationScale,
                    MultiLabelResult multiLabel, List<LabelCombination> combinations, List<Dataset> datasets) {

        Dataset dataset(String experiment) {
            return datasets.stream().filter(d -> d.experiment().equals(experiment)).findFirst().orElseThrow();
        }
    }

    /** What one run adds to the tables: the LSTM's result, or a hidden-unit network's rows, or a multi-label head's. */
    private record Part(List<LstmGates.Result> lstm, List<EpochScore> activations, List<LayerSpread> activationScale,
                        MultiLabelResult multiLabel) {

        static final Part NONE = new Part(List.of(), List.of(), List.of(), MultiLabelResult.empty());

        static Part lstm(LstmGates.Result result) {
            return new Part(List.of(result), List.of(), List.of(), MultiLabelResult.empty());
        }

        static Part hiddenUnits(List<EpochScore> activations, List<LayerSpread> activationScale) {
            return new Part(List.of(), activations, activationScale, MultiLabelResult.empty());
        }

        static Part multiLabel(MultiLabelResult result) {
            return new Part(List.of(), List.of(), List.of(), result);
        }

        Part plus(Part other) {
            return new Part(concat(lstm, other.lstm), concat(activations, other.activations),
                    concat(activationScale, other.activationScale), multiLabel.append(other.multiLabel));
        }

        private static <T> List<T> concat(List<T> first, List<T> second) {
            return Stream.concat(first.stream(), second.stream()).toList();
        }
    }

    /** One run. */
    @FunctionalInterface
    private interface Run {
        Part part();
    }

    private TrainingRuns() {
    }

    /** Every run of the chapter with seeds {@code seed}, {@code seed + 1}, ... */
    static Measured measure(Lab lab, Size size, Mnist.Split split) throws Exception {
        List<Long> seeds = new ArrayList<>();
        for (int k = 0; k < size.seeds(); k++) {
            seeds.add(lab.seed() + k);
        }
        LstmGates.Data sequences = LstmGates.Data.of(split, size.lstm().trainingDigits());
        HiddenUnits.Data foursAndNines = HiddenUnits.Data.of(split, size.hidden().trainingDigits());
        MultiLabel.Data allDigits = MultiLabel.Data.of(split, size.multiLabel().trainingDigits());
        MultiLabel.Data withoutNines = MultiLabel.Data.withholding(split, size.multiLabel().trainingDigits(), 9);

        List<Run> runs = new ArrayList<>();
        runs.add(() -> Part.lstm(LstmGates.run(lab.seed(), size.lstm(), sequences)));
        for (Hidden hidden : Hidden.values()) {
            for (long seed : seeds) {
                runs.add(() -> Part.hiddenUnits(HiddenUnits.run(hidden, seed, size.hidden(), foursAndNines),
                        HiddenUnits.scales(hidden, seed, foursAndNines)));
            }
        }
        for (MultiLabel.Data data : List.of(allDigits, withoutNines)) {
            for (long seed : seeds) {
                for (Head head : Head.values()) {
                    runs.add(() -> Part.multiLabel(MultiLabel.run(head, seed, size.multiLabel(), data)));
                }
            }
        }

        List<Part> parts;
        try (Progress progress = lab.progress("training runs", runs.size())) {
            parts = lab.parallel(runs, run -> {
                Part part = run.part();
                progress.step();
                return part;
            });
        }
        Part all = parts.stream().reduce(Part.NONE, Part::plus);
        LstmGates.Result lstm = all.lstm().get(0);
        List<Dataset> datasets = List.of(
                new Dataset("lstm", sequences.train().numExamples(), sequences.test().numExamples()),
                new Dataset("hidden-units", foursAndNines.train().numExamples(), foursAndNines.test().numExamples()),
                new Dataset("multilabel", allDigits.trainDigits().length, allDigits.testDigits().length),
                new Dataset("multilabel-without-9s", withoutNines.trainDigits().length, withoutNines.testDigits().length));
        return new Measured(lstm, new LstmGates.LstmRun(lab.seed(), size.lstm().updates(), lstm.heldOutAccuracy(), lstm.rebuildError()),
                all.activations(), all.activationScale(), all.multiLabel(), MultiLabel.combinations(allDigits), datasets);
    }
}
