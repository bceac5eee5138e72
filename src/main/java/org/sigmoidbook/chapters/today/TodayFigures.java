package org.sigmoidbook.chapters.today;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.sigmoidbook.chapters.today.ActivationCurves.CurvePoint;
import org.sigmoidbook.chapters.today.HiddenUnits.EpochScore;
import org.sigmoidbook.chapters.today.HiddenUnits.Hidden;
import org.sigmoidbook.chapters.today.HiddenUnits.LayerSpread;
import org.sigmoidbook.chapters.today.LstmGates.Gate;
import org.sigmoidbook.chapters.today.LstmGates.GateReading;
import org.sigmoidbook.chapters.today.LstmGates.ProbeAccuracy;
import org.sigmoidbook.chapters.today.MultiLabel.Model;
import org.sigmoidbook.chapters.today.Summaries.LabelSummary;
import org.sigmoidbook.toolkit.charts.Charts;
import org.sigmoidbook.toolkit.charts.Figure;
import org.sigmoidbook.toolkit.numerics.Stats;

/** The chapter's figures, each drawn from its tables alone. */
final class TodayFigures {

    private static final int PANEL_WIDTH = 720;
    private static final int PANEL_HEIGHT = 480;

    /** One curve of the table {@code curves}: its name in the figure, its values and its slopes. */
    private record Curve(String name, ToDoubleFunction<CurvePoint> value, ToDoubleFunction<CurvePoint> slope) {
    }

    private static final List<Curve> CURVES = List.of(new Curve("σ", CurvePoint::sigmoid, CurvePoint::sigmoidPrime),
            new Curve("hard sigmoid", CurvePoint::hardSigmoid, CurvePoint::hardSigmoidPrime),
            new Curve("SiLU", CurvePoint::silu, CurvePoint::siluPrime));

    private TodayFigures() {
    }

    /** The values and the slopes DL4J computes for sigma, its hard version and SiLU, with ReLU for reference. */
    static Figure curves(List<CurvePoint> curves) {
        double[] z = column(curves, CurvePoint::z);
        XYChart values = panel("σ, hard sigmoid and SiLU z·σ(z)", "z", "activation");
        Charts.yRange(values, -0.5, 1.5);
        Charts.reference(values, "ReLU", z, Arrays.stream(z).map(v -> Math.max(0, v)).toArray());
        XYChart slopes = panel("Their derivatives (DL4J's backprop)", "z", "derivative");
        Charts.reference(slopes, "ReLU", z, Arrays.stream(z).map(v -> v > 0 ? 1 : 0).toArray());
        for (int i = 0; i < CURVES.size(); i++) {
            Curve curve = CURVES.get(i);
            Charts.line(values, curve.name(), z, column(curves, curve.value()), Charts.color(i), Charts.SOLID);
            Charts.line(slopes, curve.name(), z, column(curves, curve.slope()), Charts.color(i), Charts.SOLID);
        }
        double[] silu = column(curves, CurvePoint::silu);
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
    static CategoryChart multiLabel(List<LabelSummary> summary) {
        List<String[]> categories = List.of(
                new String[]{MultiLabel.ALL_DIGITS, "even", "even"},
                new String[]{MultiLabel.ALL_DIGITS, "greater_than_4", "greater than 4"},
                new String[]{MultiLabel.ALL_DIGITS, "closed_loop", "closed loop"},
                new String[]{MultiLabel.ALL_DIGITS, MultiLabel.ALL_THREE, "all three right"},
                new String[]{"only 9", MultiLabel.ALL_THREE, "9s all right, no 9 trained"});
        int seeds = summary.stream().mapToInt(LabelSummary::seeds).max().orElseThrow();
        CategoryChart chart = Charts.bars("Three sigmoids against a softmax over the 8 label combinations",
                String.format(Locale.ROOT, "held-out digits (bars: mean of %d seeds; whiskers reach the farthest seed)", seeds),
                "held-out accuracy");
        List<String> names = categories.stream().map(c -> c[2]).toList();
        for (Model model : List.of(Model.SIGMOIDS, Model.SOFTMAX_MOST_LIKELY)) {
            List<Double> mean = new ArrayList<>();
            List<Double> spread = new ArrayList<>();
            for (String[] category : categories) {
                LabelSummary row = Summaries.find(summary, model, category[0], category[1]);
                mean.add(row.mean());
                spread.add(Math.max(row.max() - row.mean(), row.mean() - row.min()));
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
    static Figure gates(List<GateReading> gates, List<ProbeAccuracy> accuracy) {
        XYChart saturated = panel("Gate values above 0.9 (solid) and below 0.1 (dashed)", "update", "share of gate values (%)");
        XYChart mean = panel("Mean gate value, and accuracy on the probe digits", "update", "mean gate value; accuracy");
        for (Gate gate : Gate.values()) {
            List<GateReading> readings = gates.stream().filter(r -> r.gate() == gate).toList();
            double[] step = column(readings, GateReading::step);
            String name = gate.id() + " gate";
            Color color = Charts.color(gate.ordinal());
            Charts.points(saturated, name, step, percent(column(readings, GateReading::fractionNearOpen)), color);
            Charts.line(saturated, name + " < 0.1", step, percent(column(readings, GateReading::fractionNearShut)), color, Charts.DASHED)
                    .setShowInLegend(false);
            Charts.points(mean, name, step, column(readings, GateReading::mean), color);
        }
        Charts.points(mean, "probe accuracy", column(accuracy, ProbeAccuracy::step), column(accuracy, ProbeAccuracy::probeAccuracy),
                Charts.color(3));
        Charts.yRange(mean, 0, 1);
        Charts.legendInside(saturated, LegendPosition.InsideNW);
        Charts.legendInside(mean, LegendPosition.InsideSE);
        return Figure.grid(2, List.of(saturated, mean));
    }

    /** Held-out accuracy and loss per epoch for each hidden activation: median over seeds, band from lowest to highest. */
    static Figure activations(List<EpochScore> activations) {
        XYChart accuracy = panel("Held-out accuracy, 9 against 4", "epoch", "held-out accuracy");
        XYChart loss = panel("Held-out loss (dashed: ln 2)", "epoch", "held-out cross-entropy");
        int last = activations.stream().mapToInt(EpochScore::epoch).max().orElseThrow();
        for (Hidden hidden : Hidden.values()) {
            List<EpochScore> rows = activations.stream().filter(r -> r.hidden() == hidden).toList();
            bandAndMedian(accuracy, hidden, rows, EpochScore::epoch, EpochScore::heldoutAccuracy);
            bandAndMedian(loss, hidden, rows, EpochScore::epoch, EpochScore::heldoutLoss);
        }
        Charts.horizontal(loss, "ln 2", Math.log(2), 0, last);
        Charts.integerX(accuracy);
        Charts.integerX(loss);
        Charts.legendInside(accuracy, LegendPosition.InsideSE);
        hideLegend(loss);
        return Figure.grid(2, List.of(accuracy, loss));
    }

    /** The spread of each hidden layer's activations at initialisation: SiLU under N(0, 1/n_in) halves it layer by layer. */
    static XYChart signal(List<LayerSpread> scales) {
        XYChart chart = Charts.xy("Spread of the activations at initialisation, layer by layer",
                "hidden layer", "standard deviation of the activations (log scale)");
        Charts.logY(chart);
        double[] siluFirst = null;
        for (Hidden hidden : Hidden.values()) {
            List<LayerSpread> rows = scales.stream().filter(r -> r.hidden() == hidden).toList();
            double[] median = bandAndMedian(chart, hidden, rows, LayerSpread::layer, LayerSpread::activationStd);
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

    /**
     * The median over seeds of {@code value} at each {@code x}, as a line over a band from the lowest
     * to the highest seed; returns the medians.
     */
    private static <R> double[] bandAndMedian(XYChart chart, Hidden hidden, List<R> rows, ToDoubleFunction<R> x,
                                              ToDoubleFunction<R> value) {
        double[] xs = Arrays.stream(column(rows, x)).distinct().sorted().toArray();
        double[] median = new double[xs.length];
        double[] low = new double[xs.length];
        double[] high = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            double at = xs[i];
            double[] values = column(rows.stream().filter(r -> x.applyAsDouble(r) == at).toList(), value);
            median[i] = Stats.median(values);
            low[i] = Stats.quantile(values, 0);
            high[i] = Stats.quantile(values, 1);
        }
        Color color = Charts.color(hidden.ordinal());
        Charts.band(chart, hidden.id() + " band", xs, low, high, color);
        Charts.points(chart, hidden.label(), xs, median, color);
        return median;
    }

    /** Panels after the first repeat its legend: leaving it out keeps the figure readable (and its SVG small). */
    private static void hideLegend(XYChart chart) {
        chart.getStyler().setLegendVisible(false);
    }

    private static XYChart panel(String title, String xTitle, String yTitle) {
        return Charts.xy(PANEL_WIDTH, PANEL_HEIGHT, title, xTitle, yTitle);
    }

    private static <R> double[] column(List<R> rows, ToDoubleFunction<R> value) {
        return rows.stream().mapToDouble(value).toArray();
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
