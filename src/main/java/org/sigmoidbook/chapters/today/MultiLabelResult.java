package org.sigmoidbook.chapters.today;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.sigmoidbook.chapters.today.MultiLabel.HeldoutSet;
import org.sigmoidbook.chapters.today.MultiLabel.Label;
import org.sigmoidbook.chapters.today.MultiLabel.Model;
import org.sigmoidbook.chapters.today.MultiLabel.TrainingSet;
import org.sigmoidbook.toolkit.nn.Accuracy;

/**
 * What multi-label runs found: the rows of the table {@code multilabel} (label {@value MultiLabel#ALL_THREE}
 * is exact match) and of the table {@code multilabel-predictions} (how many examples of each held-out
 * set each model put in each combination).
 */
public record MultiLabelResult(List<LabelAccuracy> accuracy, List<PredictedCombination> predictions) {

    /** A row of the table {@code multilabel}: one model's accuracy on one label over one held-out set. */
    public record LabelAccuracy(Model model, TrainingSet trainingSet, long seed, String heldoutSet, String label, double heldoutAccuracy) {
    }

    /** A row of the table {@code multilabel-predictions}: how many examples of one held-out set one model put in one combination. */
    public record PredictedCombination(Model model, TrainingSet trainingSet, long seed, String heldoutSet, String combination,
                                       int predicted) {
    }

    static MultiLabelResult empty() {
        return new MultiLabelResult(List.of(), List.of());
    }

    public MultiLabelResult append(MultiLabelResult other) {
        return new MultiLabelResult(Stream.concat(accuracy.stream(), other.accuracy().stream()).toList(),
                Stream.concat(predictions.stream(), other.predictions().stream()).toList());
    }

    /**
     * Scores one model's predicted combinations on the held-out examples of {@code set}, whose true
     * combinations are {@code truth}: each label as a yes/no answer, then all three at once.
     */
    static MultiLabelResult score(Model model, TrainingSet trainingSet, long seed, HeldoutSet set, int[] predicted, int[] truth) {
        int[] members = set.members();
        List<LabelAccuracy> accuracy = new ArrayList<>();
        for (Label label : Label.values()) {
            double[] said = IntStream.of(members).mapToDouble(i -> label.in(predicted[i]) ? 1 : 0).toArray();
            double[] holds = IntStream.of(members).mapToDouble(i -> label.in(truth[i]) ? 1 : 0).toArray();
            accuracy.add(new LabelAccuracy(model, trainingSet, seed, set.name(), label.column(), Accuracy.ofProbabilities(said, holds)));
        }
        long exact = IntStream.of(members).filter(i -> predicted[i] == truth[i]).count();
        accuracy.add(new LabelAccuracy(model, trainingSet, seed, set.name(), MultiLabel.ALL_THREE, (double) exact / members.length));
        int[] counts = new int[MultiLabel.COMBINATIONS];
        for (int i : members) {
            counts[predicted[i]]++;
        }
        List<PredictedCombination> predictions = new ArrayList<>();
        for (int c = 0; c < MultiLabel.COMBINATIONS; c++) {
            predictions.add(new PredictedCombination(model, trainingSet, seed, set.name(), MultiLabel.describe(c), counts[c]));
        }
        return new MultiLabelResult(accuracy, predictions);
    }
}
