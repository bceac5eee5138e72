package org.sigmoidbook.chapters.today;

import static tech.tablesaw.aggregate.AggregateFunctions.count;
import static tech.tablesaw.aggregate.AggregateFunctions.max;
import static tech.tablesaw.aggregate.AggregateFunctions.min;
import static tech.tablesaw.aggregate.AggregateFunctions.sum;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.sigmoidbook.book.Rows;
import org.sigmoidbook.chapters.today.HiddenUnits.EpochScore;
import org.sigmoidbook.chapters.today.HiddenUnits.Hidden;
import org.sigmoidbook.chapters.today.HiddenUnits.LayerSpread;
import org.sigmoidbook.chapters.today.MultiLabel.LabelCombination;
import org.sigmoidbook.chapters.today.MultiLabel.Model;
import org.sigmoidbook.chapters.today.MultiLabel.TrainingSet;
import org.sigmoidbook.chapters.today.MultiLabelResult.LabelAccuracy;
import org.sigmoidbook.chapters.today.MultiLabelResult.PredictedCombination;
import tech.tablesaw.aggregate.NumericAggregateFunction;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * Summaries of the chapter's tables, computed by Tablesaw. Above all the spread of a result over
 * seeds: for every group of rows that agree on the key columns, the number of seeds and the mean,
 * lowest and highest value, groups in order of first appearance.
 */
final class Summaries {

    /**
     * The mean of a group as Java's {@code DoubleStream.average()} takes it, with compensated summation.
     * Tablesaw's own mean (Commons Math's, with a correction term) differs from it in the last bit for
     * some groups, which would change the committed summaries and the findings read from them.
     */
    private static final NumericAggregateFunction MEAN = new NumericAggregateFunction("Mean") {
        @Override
        public Double summarize(NumericColumn<?> column) {
            return Arrays.stream(column.asDoubleArray()).average().orElseThrow();
        }
    };

    /** A row of the table {@code multilabel-summary}: one model's accuracy on one label of one held-out set, over seeds. */
    record LabelSummary(Model model, TrainingSet trainingSet, String heldoutSet, String label, int seeds, double mean, double min,
                        double max) {
    }

    /** A row of the table {@code activations-summary}: held-out accuracy after the last epoch over seeds, and the mean held-out loss. */
    record HiddenSummary(Hidden hidden, int seeds, double mean, double min, double max, double meanHeldoutLoss) {
    }

    /** A row of the table {@code gain-per-layer}: {@link HiddenUnits#gainPerLayer} of each seed's network, over seeds. */
    record GainSummary(Hidden hidden, int seeds, double mean, double min, double max) {
    }

    /** A row of the table {@code multilabel-impossible}: how many held-out digits one run put in a combination no digit carries. */
    record ImpossibleCount(Model model, long seed, int predicted) {
    }

    /** One network's {@link HiddenUnits#gainPerLayer}. */
    private record NetworkGain(Hidden hidden, long seed, double gainPerLayer) {
    }

    private Summaries() {
    }

    /** The table {@code multilabel-summary}: per model, training set, held-out set and label. */
    static List<LabelSummary> multiLabel(List<LabelAccuracy> accuracy) {
        Table table = Rows.table("multilabel", LabelAccuracy.class, accuracy);
        return Rows.of(overSeeds(table, "heldout_accuracy", "model", "training_set", "heldout_set", "label"), LabelSummary.class,
                "multilabel-summary");
    }

    /** The table {@code activations-summary}, from the rows of the last epoch. */
    static List<HiddenSummary> hiddenUnits(List<EpochScore> lastEpoch) {
        Table scores = Rows.table("activations", EpochScore.class, lastEpoch);
        Table spread = overSeeds(scores, "heldout_accuracy", "hidden");
        spread.addColumns(scores.summarize("heldout_loss", MEAN).by("hidden").doubleColumn(1).setName("mean_heldout_loss"));
        return Rows.of(spread, HiddenSummary.class, "activations-summary");
    }

    /** The table {@code gain-per-layer}, from the table {@code activation-scale}. */
    static List<GainSummary> gainPerLayer(List<LayerSpread> scales) {
        Table table = Rows.table("gains", NetworkGain.class, networkGains(scales));
        return Rows.of(overSeeds(table, "gain_per_layer", "hidden"), GainSummary.class, "gain-per-layer");
    }

    private static List<NetworkGain> networkGains(List<LayerSpread> scales) {
        return scales.stream()
                .collect(Collectors.groupingBy(s -> List.of(s.hidden(), s.seed()), LinkedHashMap::new, Collectors.toList()))
                .values().stream()
                .map(layers -> new NetworkGain(layers.get(0).hidden(), layers.get(0).seed(), HiddenUnits.gainPerLayer(layers)))
                .toList();
    }

    /**
     * The table {@code multilabel-impossible}: per model and seed, how many held-out digits (trained
     * on all digits) were given one of the combinations no digit carries.
     */
    static List<ImpossibleCount> impossiblePredictions(List<PredictedCombination> predictions) {
        List<String> impossible = IntStream.range(0, MultiLabel.COMBINATIONS).filter(c -> MultiLabel.digitsWith(c).length == 0)
                .mapToObj(MultiLabel::describe).toList();
        Table table = Rows.table("multilabel-predictions", PredictedCombination.class, predictions);
        Table counts = table.where(table.stringColumn("training_set").isEqualTo(TrainingSet.ALL_DIGITS.id())
                .and(table.stringColumn("combination").isIn(impossible))).summarize("predicted", sum).by("model", "seed");
        counts.replaceColumn(2, counts.doubleColumn(2).asIntColumn().setName("predicted"));
        return Rows.of(counts, ImpossibleCount.class, "multilabel-impossible");
    }

    /** Each seed's share of one held-out set that one model put in {@code combination}, from the table {@code multilabel-predictions}. */
    static double[] sharePerSeed(List<PredictedCombination> predictions, Model model, TrainingSet trainingSet, String heldoutSet,
                                 String combination) {
        List<PredictedCombination> rows = predictions.stream()
                .filter(p -> p.model() == model && p.trainingSet() == trainingSet && p.heldoutSet().equals(heldoutSet)).toList();
        return rows.stream().mapToLong(PredictedCombination::seed).distinct().mapToDouble(seed -> {
            List<PredictedCombination> mine = rows.stream().filter(p -> p.seed() == seed).toList();
            double all = mine.stream().mapToInt(PredictedCombination::predicted).sum();
            return mine.stream().filter(p -> p.combination().equals(combination)).mapToInt(PredictedCombination::predicted).sum() / all;
        }).toArray();
    }

    /** {@link HiddenUnits#gainPerLayer} of each seed's network with {@code hidden} units, in seed order. */
    static double[] gainsPerSeed(List<LayerSpread> scales, Hidden hidden) {
        return networkGains(scales).stream().filter(g -> g.hidden() == hidden).mapToDouble(NetworkGain::gainPerLayer).toArray();
    }

    /** The share of held-out digits that carry two or more labels at once; row c of {@code multilabel-combinations} is combination c. */
    static double shareWithSeveralLabels(List<LabelCombination> combinations) {
        double several = 0;
        double all = 0;
        for (int c = 0; c < combinations.size(); c++) {
            several += Integer.bitCount(c) >= 2 ? combinations.get(c).heldoutDigits() : 0;
            all += combinations.get(c).heldoutDigits();
        }
        return several / all;
    }

    /**
     * {@code value} summarized over each group of rows that agree on {@code keys}: the key columns,
     * then seeds (the rows), mean, min and max.
     */
    private static Table overSeeds(Table table, String value, String... keys) {
        Table summary = table.summarize(value, count, MEAN, min, max).by(keys);
        int k = keys.length;
        summary.replaceColumn(k, summary.doubleColumn(k).asIntColumn().setName("seeds"));
        summary.column(k + 1).setName("mean");
        summary.column(k + 2).setName("min");
        summary.column(k + 3).setName("max");
        return summary;
    }
}
