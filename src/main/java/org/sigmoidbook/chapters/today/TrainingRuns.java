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
 * The chapter's training runs, each independent of the others: the LSTM with each initialisation
 * and seed, every hidden activation with every seed, every multi-label head with every seed on each
 * training set. They run on the book's workers, the longest first; each returns its rows, and the
 * rows of each table are joined in run order, so the files do not depend on the number of workers.
 */
final class TrainingRuns {

    /**
     * How much of each experiment a run gets. The LSTM dominates the cost: DL4J's LSTM runs a handful
     * of small operations per time step, and one run of 150 updates on 40 steps, with its gate
     * readings, took 3 to 5 CPU seconds on the (shared) development machine. The quick size only
     * exercises the code.
     */
    record Size(int seeds, int lstmSeeds, MultiLabel.Budget multiLabel, int heldoutTriplets, LstmGates.Budget lstm,
                HiddenUnits.Budget hidden) {
        static Size of(Lab lab) {
            return new Size(lab.size(2, 5), lab.size(2, 5), new MultiLabel.Budget(lab.size(500, 6000), 1), lab.size(300, 2000),
                    new LstmGates.Budget(lab.size(6, 40), lab.size(6, 150), lab.size(3, 15), lab.size(20, 200), lab.size(100, 1000)),
                    new HiddenUnits.Budget(lab.size(400, 800), lab.size(1, 5)));
        }
    }

    /** A row of the table {@code datasets}: how many examples an experiment trains on and is scored on. */
    record Dataset(String experiment, String examples, int trainingExamples, int heldoutExamples) {
    }

    /** The rows of every table the runs fill, each in run order. */
    record Measured(List<LstmGates.Result> lstm, List<EpochScore> activations, List<LayerSpread> activationScale,
                    MultiLabelResult multiLabel, List<LabelCombination> combinations, List<Dataset> datasets) {

        Dataset dataset(String experiment) {
            return datasets.stream().filter(d -> d.experiment().equals(experiment)).findFirst().orElseThrow();
        }
    }

    /** What one run adds to the tables: an LSTM's result, or a hidden-unit network's rows, or a multi-label head's. */
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
        LstmGates.Budget lstm = size.lstm();
        RecallTask.Data sequences = RecallTask.Data.of(lstm.steps(), lstm.trainingSequences(), lstm.heldoutSequences(), lab.seed());
        HiddenUnits.Data foursAndNines = HiddenUnits.Data.of(split, size.hidden().trainingDigits());
        int digits = size.multiLabel().trainingExamples();
        List<MultiLabel.Data> multiLabel = List.of(MultiLabel.Data.allDigits(split, digits), MultiLabel.Data.withoutNines(split, digits),
                Triplets.data(split, digits, size.heldoutTriplets(), lab.seed()));

        List<Run> runs = new ArrayList<>();
        for (LstmGates.Init init : LstmGates.Init.values()) {
            for (long seed : seeds(lab, size.lstmSeeds())) {
                runs.add(() -> Part.lstm(LstmGates.run(init, seed, lstm, sequences)));
            }
        }
        for (Hidden hidden : Hidden.values()) {
            for (long seed : seeds(lab, size.seeds())) {
                runs.add(() -> Part.hiddenUnits(HiddenUnits.run(hidden, seed, size.hidden(), foursAndNines),
                        HiddenUnits.scales(hidden, seed, foursAndNines)));
            }
        }
        for (MultiLabel.Data data : multiLabel) {
            for (long seed : seeds(lab, size.seeds())) {
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
        List<Dataset> datasets = new ArrayList<>(List.of(
                new Dataset("lstm", "sequences", sequences.train().numExamples(), sequences.test().numExamples()),
                new Dataset("hidden-units", "digits", foursAndNines.train().numExamples(), foursAndNines.test().numExamples())));
        for (MultiLabel.Data data : multiLabel) {
            datasets.add(new Dataset("multilabel, " + data.trainingSet().id(),
                    data.trainingSet() == MultiLabel.TrainingSet.TRIPLETS ? "digit triplets" : "digits",
                    data.trainCombinations().length, data.testCombinations().length));
        }
        return new Measured(all.lstm(), all.activations(), all.activationScale(), all.multiLabel(),
                MultiLabel.combinations(split, digits), datasets);
    }

    private static List<Long> seeds(Lab lab, int count) {
        List<Long> seeds = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            seeds.add(lab.seed() + k);
        }
        return seeds;
    }
}
