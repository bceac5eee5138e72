package org.sigmoidbook.chapters.today;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.sigmoidbook.chapters.today.HiddenUnits.Hidden;
import org.sigmoidbook.chapters.today.MultiLabel.Model;
import org.sigmoidbook.toolkit.charts.Charts;
import org.sigmoidbook.toolkit.charts.Figure;
import org.sigmoidbook.toolkit.numerics.Stats;
import tech.tablesaw.api.Table;

/** The chapter's figures, each drawn from its tables alone. */
final class TodayFigures {

    private static final int PANEL_WIDTH = 720;
    private static final int PANEL_HEIGHT = 480;
    private static final List<String> GATES = List.of("input", "forget", "output");

    private TodayFigures() {
    }

    /** The values and the slopes DL4J computes for sigma, its hard version and SiLU, with ReLU for reference. */
    static Figure curves(Table curves) {
        double[] z = column(curves, "z");
        XYChart values = panel("σ, hard sigmoid and SiLU z·σ(z)", "z", "activation");
        Charts.yRange(values, -0.5, 1.5);
        Charts.reference(values, "ReLU", z, Arrays.stream(z).map(v -> Math.max(0, v)).toArray());
        XYChart slopes = panel("Their derivatives (DL4J's backprop)", "z", "derivative");
        Charts.reference(slopes, "ReLU", z, Arrays.stream(z).map(v -> v > 0 ? 1 : 0).toArray());
        List<String> names = List.of("σ", "hard sigmoid", "SiLU");
        List<String> columns = List.of("sigmoid", "hard_sigmoid", "silu");
        for (int i = 0; i < names.size(); i++) {
            Charts.line(values, names.get(i), z, column(curves, columns.get(i)), Charts.color(i), Charts.SOLID);
            Charts.line(slopes, names.get(i), z, column(curves, columns.get(i) + "_prime"), Charts.color(i), Charts.SOLID);
        }
        double[] silu = column(curves, "silu");
        int lowest = argMin(silu);
        Charts.mark(values, String.format(Locale.ROOT, "SiLU's minimum %.3f", silu[lowest]), z[lowest], silu[lowest]);
        Charts.legendInside(values, LegendPosition.InsideNW);
        hideLegend(slopes);
        return Figure.grid(2, List.of(values, slopes));
    }

    /**
     * Per-label held-out accuracy of the two heads, and the held-out 9s of the runs trained without
     * 9s: bars at the mean over seeds, whiskers reaching the seed farthest from it.
     */
    static CategoryChart multiLabel(Table summary) {
        List<String[]> categories = List.of(
                new String[]{MultiLabel.ALL_DIGITS, "even", "even"},
                new String[]{MultiLabel.ALL_DIGITS, "greater_than_4", "greater than 4"},
                new String[]{MultiLabel.ALL_DIGITS, "closed_loop", "closed loop"},
                new String[]{MultiLabel.ALL_DIGITS, MultiLabel.ALL_THREE, "all three right"},
                new String[]{"only 9", MultiLabel.ALL_THREE, "9s all right, no 9 trained"});
        int seeds = (int) summary.numberColumn("seeds").max();
        CategoryChart chart = Charts.bars("Three sigmoids against a softmax over the 8 label combinations",
                String.format(Locale.ROOT, "held-out digits (bars: mean of %d seeds; whiskers reach the farthest seed)", seeds),
                "held-out accuracy");
        List<String> names = categories.stream().map(c -> c[2]).toList();
        for (Model model : List.of(Model.SIGMOIDS, Model.SOFTMAX_MOST_LIKELY)) {
            List<Double> mean = new ArrayList<>();
            List<Double> spread = new ArrayList<>();
            for (String[] category : categories) {
                int row = Summaries.row(summary, model.id(), category[0], category[1]);
                double m = summary.numberColumn("mean").getDouble(row);
                mean.add(m);
                spread.add(Math.max(summary.numberColumn("max").getDouble(row) - m, m - summary.numberColumn("min").getDouble(row)));
            }
            chart.addSeries(model == Model.SIGMOIDS ? "3 sigmoids, binary cross-entropy" : "softmax over 8 combinations (most likely)",
                    names, mean, spread);
        }
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setLegendPosition(LegendPosition.InsideNE);
        // In the series' colour the lower half of a whisker would vanish into its bar.
        chart.getStyler().setErrorBarsColorSeriesColor(false).setErrorBarsColor(Charts.REFERENCE_COLOR);
        return chart;
    }

    /** The LSTM's gates on the probe digits during training: the shares near open and near shut, the means, and the probe accuracy. */
    static Figure gates(Table gates, Table accuracy) {
        XYChart saturated = panel("Gate values above 0.9 (solid) and below 0.1 (dashed)", "update", "share of gate values (%)");
        XYChart mean = panel("Mean gate value, and accuracy on the probe digits", "update", "mean gate value; accuracy");
        for (int g = 0; g < GATES.size(); g++) {
            Table rows = gates.where(gates.stringColumn("gate").isEqualTo(GATES.get(g)));
            double[] step = column(rows, "step");
            String name = GATES.get(g) + " gate";
            Charts.points(saturated, name, step, percent(column(rows, "fraction_above_0_9")), Charts.color(g));
            Charts.line(saturated, name + " < 0.1", step, percent(column(rows, "fraction_below_0_1")), Charts.color(g), Charts.DASHED)
                    .setShowInLegend(false);
            Charts.points(mean, name, step, column(rows, "mean"), Charts.color(g));
        }
        Charts.points(mean, "probe accuracy", column(accuracy, "step"), column(accuracy, "probe_accuracy"), Charts.color(3));
        Charts.yRange(mean, 0, 1);
        Charts.legendInside(saturated, LegendPosition.InsideNW);
        Charts.legendInside(mean, LegendPosition.InsideSE);
        return Figure.grid(2, List.of(saturated, mean));
    }

    /** Held-out accuracy and loss per epoch for each hidden activation: median over seeds, band from lowest to highest. */
    static Figure activations(Table activations) {
        XYChart accuracy = panel("Held-out accuracy, 9 against 4", "epoch", "held-out accuracy");
        XYChart loss = panel("Held-out loss (dashed: ln 2)", "epoch", "held-out cross-entropy");
        int last = (int) activations.numberColumn("epoch").max();
        for (Hidden hidden : Hidden.values()) {
            Table rows = activations.where(activations.stringColumn("hidden").isEqualTo(hidden.id()));
            bandAndMedian(accuracy, hidden, rows, "epoch", "heldout_accuracy");
            bandAndMedian(loss, hidden, rows, "epoch", "heldout_loss");
        }
        Charts.horizontal(loss, "ln 2", Math.log(2), 0, last);
        Charts.integerX(accuracy);
        Charts.integerX(loss);
        Charts.legendInside(accuracy, LegendPosition.InsideSE);
        hideLegend(loss);
        return Figure.grid(2, List.of(accuracy, loss));
    }

    /** The spread of each hidden layer's activations at initialisation: SiLU under N(0, 1/n_in) halves it layer by layer. */
    static XYChart signal(Table scales) {
        XYChart chart = Charts.xy("Spread of the activations at initialisation, layer by layer",
                "hidden layer", "standard deviation of the activations (log scale)");
        Charts.logY(chart);
        double[] siluFirst = null;
        for (Hidden hidden : Hidden.values()) {
            Table rows = scales.where(scales.stringColumn("hidden").isEqualTo(hidden.id()));
            double[] median = bandAndMedian(chart, hidden, rows, "layer", "activation_std");
            if (hidden == Hidden.SILU) {
                siluFirst = median;
            }
        }
        double[] layers = {1, 2, 3, 4, 5};
        double start = siluFirst[0];
        Charts.reference(chart, "halving per layer", layers, Arrays.stream(layers).map(l -> start * Math.pow(0.5, l - 1)).toArray());
        Charts.integerX(chart);
        Charts.legendInside(chart, LegendPosition.InsideSW);
        return chart;
    }

    /** The median over seeds of {@code value} at each {@code x}, as a line over a band from the lowest to the highest seed; returns the medians. */
    private static double[] bandAndMedian(XYChart chart, Hidden hidden, Table rows, String x, String value) {
        double[] xs = Arrays.stream(column(rows, x)).distinct().sorted().toArray();
        double[] median = new double[xs.length];
        double[] low = new double[xs.length];
        double[] high = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            double at = xs[i];
            Table point = rows.where(rows.numberColumn(x).isEqualTo(at));
            double[] values = column(point, value);
            median[i] = Stats.median(values);
            low[i] = Stats.quantile(values, 0);
            high[i] = Stats.quantile(values, 1);
        }
        Color color = Charts.color(hidden.ordinal());
        Charts.band(chart, hidden.id() + " band", xs, low, high, color);
        Charts.points(chart, label(hidden), xs, median, color);
        return median;
    }

    private static String label(Hidden hidden) {
        return switch (hidden) {
            case TANH -> "tanh, N(0, 1/n)";
            case RELU_HE -> "ReLU, He N(0, 2/n)";
            case SILU -> "SiLU, N(0, 1/n)";
            case SILU_HE -> "SiLU, He N(0, 2/n)";
        };
    }

    /** Panels after the first repeat its legend: leaving it out keeps the figure readable (and its SVG small). */
    private static void hideLegend(XYChart chart) {
        chart.getStyler().setLegendVisible(false);
    }

    private static XYChart panel(String title, String xTitle, String yTitle) {
        return Charts.xy(PANEL_WIDTH, PANEL_HEIGHT, title, xTitle, yTitle);
    }

    private static double[] column(Table table, String name) {
        return table.numberColumn(name).asDoubleArray();
    }

    private static double[] percent(double[] fractions) {
        return Arrays.stream(fractions).map(f -> 100 * f).toArray();
    }

    private static int argMin(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            best = values[i] < values[best] ? i : best;
        }
        return best;
    }
}
