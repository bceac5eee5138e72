package org.sigmoidbook.chapters.today;

import org.sigmoidbook.chapters.today.MultiLabel.Label;
import org.sigmoidbook.chapters.today.MultiLabel.Model;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What multi-label runs found: the table {@code multilabel} (model, seed, heldout_digits, label,
 * heldout_accuracy; label {@value MultiLabel#ALL_THREE} is exact match) and the table
 * {@code multilabel-predictions} (how many digits of each group each model put in each combination).
 */
public record MultiLabelResult(Table accuracy, Table predictions) {

    static MultiLabelResult empty() {
        return new MultiLabelResult(Table.create("multilabel", StringColumn.create("model"), LongColumn.create("seed"),
                StringColumn.create("heldout_digits"), StringColumn.create("label"), DoubleColumn.create("heldout_accuracy")),
                Table.create("multilabel-predictions", StringColumn.create("model"), LongColumn.create("seed"),
                        StringColumn.create("heldout_digits"), StringColumn.create("combination"), IntColumn.create("predicted")));
    }

    public MultiLabelResult append(MultiLabelResult other) {
        return new MultiLabelResult(accuracy.copy().append(other.accuracy()), predictions.copy().append(other.predictions()));
    }

    /** Scores one model's predicted combinations on the held-out digits {@code members} of one group. */
    static MultiLabelResult score(Model model, long seed, String group, int[] members, int[] predicted, int[] digits) {
        MultiLabelResult result = empty();
        int exact = 0;
        int[] right = new int[MultiLabel.LABELS];
        int[] counts = new int[MultiLabel.COMBINATIONS];
        for (int i : members) {
            int truth = MultiLabel.combination(digits[i]);
            exact += predicted[i] == truth ? 1 : 0;
            counts[predicted[i]]++;
            for (Label label : Label.values()) {
                right[label.ordinal()] += label.in(predicted[i]) == label.in(truth) ? 1 : 0;
            }
        }
        for (Label label : Label.values()) {
            result.addAccuracy(model, seed, group, label.column(), (double) right[label.ordinal()] / members.length);
        }
        result.addAccuracy(model, seed, group, MultiLabel.ALL_THREE, (double) exact / members.length);
        Table predictions = result.predictions();
        for (int c = 0; c < MultiLabel.COMBINATIONS; c++) {
            predictions.stringColumn("model").append(model.id());
            predictions.longColumn("seed").append(seed);
            predictions.stringColumn("heldout_digits").append(group);
            predictions.stringColumn("combination").append(MultiLabel.describe(c));
            predictions.intColumn("predicted").append(counts[c]);
        }
        return result;
    }

    private void addAccuracy(Model model, long seed, String group, String label, double value) {
        accuracy.stringColumn("model").append(model.id());
        accuracy.longColumn("seed").append(seed);
        accuracy.stringColumn("heldout_digits").append(group);
        accuracy.stringColumn("label").append(label);
        accuracy.doubleColumn("heldout_accuracy").append(value);
    }
}
