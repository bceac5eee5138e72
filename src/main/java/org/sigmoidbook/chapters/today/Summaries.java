package org.sigmoidbook.chapters.today;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Summaries of the chapter's tables. Above all the spread of a result over seeds: for every group
 * of rows that agree on the key columns, the number of seeds and the mean, lowest and highest value.
 * They work on the tables as measured and as read back from CSV alike.
 */
final class Summaries {

    private Summaries() {
    }

    /** The table {@code name}: the key columns (as text), then seeds, mean, min, max of {@code value}; groups in order of first appearance. */
    static Table summary(String name, Table table, String value, String... keys) {
        Map<List<String>, List<Double>> groups = new LinkedHashMap<>();
        for (int row = 0; row < table.rowCount(); row++) {
            List<String> key = new ArrayList<>();
            for (String column : keys) {
                key.add(table.column(column).getUnformattedString(row));
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(((Number) table.column(value).get(row)).doubleValue());
        }
        Table summary = Table.create(name);
        for (String column : keys) {
            summary.addColumns(StringColumn.create(column));
        }
        IntColumn seeds = IntColumn.create("seeds");
        DoubleColumn mean = DoubleColumn.create("mean");
        DoubleColumn min = DoubleColumn.create("min");
        DoubleColumn max = DoubleColumn.create("max");
        for (Map.Entry<List<String>, List<Double>> group : groups.entrySet()) {
            for (int k = 0; k < keys.length; k++) {
                summary.stringColumn(k).append(group.getKey().get(k));
            }
            double[] values = group.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            seeds.append(values.length);
            mean.append(Arrays.stream(values).average().orElseThrow());
            min.append(Arrays.stream(values).min().orElseThrow());
            max.append(Arrays.stream(values).max().orElseThrow());
        }
        return summary.addColumns(seeds, mean, min, max);
    }

    /** The row of a summary whose key columns hold {@code key}, in order. */
    static int row(Table summary, String... key) {
        for (int row = 0; row < summary.rowCount(); row++) {
            boolean match = true;
            for (int k = 0; k < key.length && match; k++) {
                Column<?> column = summary.column(k);
                match = column.getUnformattedString(row).equals(key[k]);
            }
            if (match) {
                return row;
            }
        }
        throw new IllegalArgumentException(summary.name() + " has no row " + String.join(", ", key));
    }

    /**
     * The table {@code multilabel-impossible}: per model and seed, how many held-out digits (trained
     * on all digits) were given one of the combinations no digit carries.
     */
    static Table impossiblePredictions(Table predictions) {
        List<String> impossible = IntStream.range(0, MultiLabel.COMBINATIONS).filter(c -> MultiLabel.digitsWith(c).length == 0)
                .mapToObj(MultiLabel::describe).toList();
        Table rows = predictions.where(predictions.stringColumn("heldout_digits").isEqualTo(MultiLabel.ALL_DIGITS)
                .and(predictions.stringColumn("combination").isIn(impossible)));
        Table counts = Table.create("multilabel-impossible", StringColumn.create("model"), LongColumn.create("seed"),
                IntColumn.create("predicted"));
        Map<List<String>, Integer> sums = new LinkedHashMap<>();
        for (int row = 0; row < rows.rowCount(); row++) {
            sums.merge(List.of(rows.stringColumn("model").get(row), rows.column("seed").getUnformattedString(row)),
                    ((Number) rows.column("predicted").get(row)).intValue(), Integer::sum);
        }
        sums.forEach((key, sum) -> {
            counts.stringColumn("model").append(key.get(0));
            counts.longColumn("seed").append(Long.parseLong(key.get(1)));
            counts.intColumn("predicted").append(sum);
        });
        return counts;
    }

    /**
     * The mean gain per layer of each hidden activation over seeds ({@link HiddenUnits#gainPerLayer}
     * of each network's rows of {@code activation-scale}): hidden, seeds, mean, min, max.
     */
    static Table gainPerLayer(Table scales) {
        Table gains = Table.create("gain", StringColumn.create("hidden"), DoubleColumn.create("gain_per_layer"));
        Map<List<String>, List<Integer>> networks = new LinkedHashMap<>();
        for (int row = 0; row < scales.rowCount(); row++) {
            networks.computeIfAbsent(List.of(scales.stringColumn("hidden").get(row), scales.column("seed").getUnformattedString(row)),
                    k -> new ArrayList<>()).add(row);
        }
        networks.forEach((key, rows) -> {
            gains.stringColumn("hidden").append(key.get(0));
            gains.doubleColumn("gain_per_layer").append(HiddenUnits.gainPerLayer(scales.rows(rows.stream().mapToInt(Integer::intValue).toArray())));
        });
        return summary("gain-per-layer", gains, "gain_per_layer", "hidden");
    }

    /** The share of held-out digits that carry two or more labels at once, from {@code multilabel-combinations}. */
    static double shareWithSeveralLabels(Table combinations) {
        double several = 0;
        for (int c = 0; c < combinations.rowCount(); c++) {
            several += Integer.bitCount(c) >= 2 ? combinations.numberColumn("heldout_digits").getDouble(c) : 0;
        }
        return several / combinations.numberColumn("heldout_digits").sum();
    }
}
