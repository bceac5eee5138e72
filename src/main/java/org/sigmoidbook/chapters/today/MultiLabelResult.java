package org.sigmoidbook.chapters.today;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.sigmoidbook.chapters.today.MultiLabel.Label;
import org.sigmoidbook.chapters.today.MultiLabel.Model;
import org.sigmoidbook.toolkit.nn.Accuracy;

/**
 * What multi-label runs found: the rows of the table {@code multilabel} (label {@value MultiLabel#ALL_THREE}
 * is exact match) and of the table {@code multilabel-predictions} (how many digits of each group each
 * model put in each combination).
 */
public record MultiLabelResult(List<LabelAccuracy> accuracy, List<PredictedCombination> predictions) {

    /** A row of the table {@code multilabel}: one model's accuracy on one label over one group of held-out digits. */
    public record LabelAccuracy(Model model, long seed, String heldoutDigits, String label, double heldoutAccuracy) {
    }

    /** A row of the table {@code multilabel-predictions}: how many digits of one group one model put in one combination. */
    public record PredictedCombination(Model model, long seed, String heldoutDigits, String combination, int predicted) {
    }

    static MultiLabelResult empty() {
        return new MultiLabelResult(List.of(), List.of());
    }

    public MultiLabelResult append(MultiLabelResult other) {
        return new MultiLabelResult(Stream.concat(accuracy.stream(), other.accuracy().stream()).toList(),
                Stream.concat(predictions.stream(), other.predictions().stream()).toList());
    }

    /**
     * Scores one model's predicted combinations on the held-out digits {@code members} of one group:
     * each label as a yes/no answer, then all three at once.
     */
    static MultiLabelResult score(Model model, long seed, String group, int[] members, int[] predicted, int[] digits) {
        List<LabelAccuracy> accuracy = new ArrayList<>();
        for (Label label : Label.values()) {
            double[] said = IntStream.of(members).mapToDouble(i -> label.in(predicted[i]) ? 1 : 0).toArray();
            double[] truth = IntStream.of(members).mapToDouble(i -> label.of(digits[i]) ? 1 : 0).toArray();
            accuracy.add(new LabelAccuracy(model, seed, group, label.column(), Accuracy.ofProbabilities(said, truth)));
        }
        long exact = IntStream.of(members).filter(i -> predicted[i] == MultiLabel.combination(digits[i])).count();
        accuracy.add(new LabelAccuracy(model, seed, group, MultiLabel.ALL_THREE, (double) exact / members.length));
        int[] counts = new int[MultiLabel.COMBINATIONS];
        for (int i : members) {
            counts[predicted[i]]++;
        }
        List<PredictedCombination> predictions = new ArrayList<>();
        for (int c = 0; c < MultiLabel.COMBINATIONS; c++) {
            predictions.add(new PredictedCombination(model, seed, group, MultiLabel.describe(c), counts[c]));
        }
        return new MultiLabelResult(accuracy, predictions);
    }
}
