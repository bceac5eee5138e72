package org.sigmoidbook.chapters.today;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.sigmoidbook.chapters.today.ActivationCurves.CurvePoint;
import org.sigmoidbook.chapters.today.HiddenUnits.EpochScore;
import org.sigmoidbook.chapters.today.HiddenUnits.Hidden;
import org.sigmoidbook.chapters.today.HiddenUnits.LayerSpread;
import org.sigmoidbook.chapters.today.LstmGates.Gate;
import org.sigmoidbook.chapters.today.LstmGates.GateReading;
import org.sigmoidbook.chapters.today.LstmGates.Init;
import org.sigmoidbook.chapters.today.LstmGates.ProbeError;
import org.sigmoidbook.chapters.today.MultiLabel.Label;
import org.sigmoidbook.chapters.today.MultiLabel.Model;
import org.sigmoidbook.chapters.today.MultiLabel.TrainingSet;
import org.sigmoidbook.chapters.today.MultiLabelResult.LabelAccuracy;
import org.sigmoidbook.chapters.today.MultiLabelResult.PredictedCombination;
import org.sigmoidbook.toolkit.charts.Charts;
import org.sigmoidbook.toolkit.charts.Figure;
import org.sigmoidbook.toolkit.numerics.Intervals;
import org.sigmoidbook.toolkit.numerics.Intervals.Interval;
import org.sigmoidbook.toolkit.numerics.Stats;

/** The chapter's figures, each drawn from its tables alone. */
final class TodayFigures {

    private static final int PANEL_WIDTH = 720;
    private static final int PANEL_HEIGHT = 480;

    /** One curve of the table {@code curves}: its name in the figure, its values and its slopes. */
    private record Curve(String name, ToDoubleFunction<CurvePoint> value, ToDoubleFunction<CurvePoint> slope) {
    }

    private static final Map<Model, String> MODEL_NAMES = Map.of(
            Model.SIGMOIDS, "3 sigmoids",
            Model.SOFTMAX_MOST_LIKELY, "softmax, most likely",
            Model.SOFTMAX_MARGINALS, "softmax, label by label");

    private static final Map<Init, String> INIT_NAMES = Map.of(
            Init.DL4J, "DL4J's init",
            Init.CHRONO, "chrono init");

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

    /** Held-out accuracy per label and for all three right, trained and scored on all digits: the two heads side by side. */
    static CategoryChart multiLabel(List<LabelAccuracy> accuracy) {
        return accuracyBars("Trained on all digits", accuracy,
                TrainingSet.ALL_DIGITS, MultiLabel.ALL, List.of(Model.SIGMOIDS, Model.SOFTMAX_MOST_LIKELY), false);
    }

    /**
     * The runs trained without any 9: per-label accuracy on the held-out 9s beside independent coin
     * flips, and the combinations the 9s were given, named by the digits that carry them.
     */
    static Figure nines(List<LabelAccuracy> accuracy, List<PredictedCombination> predictions) {
        CategoryChart labels = accuracyBars("Trained without 9s: the held-out 9s", accuracy, TrainingSet.NO_NINES, MultiLabel.NINES,
                List.of(Model.SIGMOIDS, Model.SOFTMAX_MOST_LIKELY), true);
        List<String> combinations = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int c = 0; c < MultiLabel.COMBINATIONS; c++) {
            int[] digits = MultiLabel.digitsWith(c);
            if (digits.length > 0) {
                combinations.add(MultiLabel.describe(c));
                names.add(Arrays.stream(digits).mapToObj(Integer::toString).collect(Collectors.joining(" ")));
            }
        }
        int seeds = (int) predictions.stream().mapToLong(PredictedCombination::seed).distinct().count();
        CategoryChart readAs = bars("What the 9s were read as",
                String.format(Locale.ROOT, "the digits whose labels a 9 was given (mean of %d seeds, 95%% CI)", seeds), "share of the held-out 9s");
        for (Model model : List.of(Model.SIGMOIDS, Model.SOFTMAX_MOST_LIKELY)) {
            List<Double> mean = new ArrayList<>();
            List<Double> halfWidth = new ArrayList<>();
            for (String combination : combinations) {
                Interval share = Intervals.mean(Summaries.sharePerSeed(predictions, model, TrainingSet.NO_NINES, MultiLabel.NINES, combination));
                mean.add(share.estimate());
                halfWidth.add(share.width() / 2);
            }
            readAs.addSeries(MODEL_NAMES.get(model), names, mean, halfWidth);
        }
        readAs.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        whiskersInGrey(readAs);
        return Figure.grid(2, List.of(labels, readAs));
    }

    /** Triplets of digits, trained without the 9's combination: the held-out triplets with it and those without it. */
    static Figure triplets(List<LabelAccuracy> accuracy) {
        List<Model> models = List.of(Model.SIGMOIDS, Model.SOFTMAX_MOST_LIKELY, Model.SOFTMAX_MARGINALS);
        CategoryChart unseen = accuracyBars("Triplets with the 9's combination, never trained", accuracy, TrainingSet.TRIPLETS,
                MultiLabel.UNSEEN, models, true);
        CategoryChart seen = accuracyBars("Triplets with the combinations trained", accuracy, TrainingSet.TRIPLETS,
                Triplets.SEEN, models, true);
        return Figure.grid(2, List.of(unseen, seen));
    }

    /**
     * Bars of held-out accuracy per label and for all three right, one series per model (mean over
     * seeds, whiskers the 95% interval of the mean), and independent coin flips if asked.
     */
    private static CategoryChart accuracyBars(String title, List<LabelAccuracy> accuracy, TrainingSet trainingSet, String heldoutSet,
                                              List<Model> models, boolean coinFlips) {
        List<String> labels = new ArrayList<>(Arrays.stream(Label.values()).map(Label::column).toList());
        labels.add(MultiLabel.ALL_THREE);
        List<String> names = List.of("even", "greater than 4", "closed loop", "all three right");
        if (trainingSet == TrainingSet.TRIPLETS) {
            names = List.of("1st even", "2nd greater than 4", "3rd closed loop", "all three right");
        }
        int seeds = (int) accuracy.stream().mapToLong(LabelAccuracy::seed).distinct().count();
        CategoryChart chart = bars(title, String.format(Locale.ROOT, "label (mean of %d seeds, 95%% CI)", seeds), "held-out accuracy");
        for (Model model : models) {
            List<Double> mean = new ArrayList<>();
            List<Double> halfWidth = new ArrayList<>();
            for (String label : labels) {
                Interval interval = Intervals.mean(accuracy.stream().filter(a -> a.model() == model && a.trainingSet() == trainingSet
                        && a.heldoutSet().equals(heldoutSet) && a.label().equals(label)).mapToDouble(LabelAccuracy::heldoutAccuracy).toArray());
                mean.add(interval.estimate());
                halfWidth.add(interval.width() / 2);
            }
            chart.addSeries(MODEL_NAMES.get(model), names, mean, halfWidth);
        }
        if (coinFlips) {
            double all = 1.0 / MultiLabel.COMBINATIONS;
            chart.addSeries("coin flips", names, List.of(0.5, 0.5, 0.5, all), List.of(0.0, 0.0, 0.0, 0.0))
                    .setFillColor(Color.LIGHT_GRAY);
        }
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        whiskersInGrey(chart);
        return chart;
    }

    /** A bar chart of a panel's size with the legend in one row below the plot: the bars fill the plot to its top. */
    private static CategoryChart bars(String title, String xTitle, String yTitle) {
        CategoryChart chart = Charts.bars(PANEL_WIDTH, PANEL_HEIGHT, title, xTitle, yTitle);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal).setLegendPosition(LegendPosition.OutsideS);
        return chart;
    }

    /** In the series' colour the lower half of a whisker would vanish into its bar. */
    private static void whiskersInGrey(CategoryChart chart) {
        chart.getStyler().setErrorBarsColorSeriesColor(false).setErrorBarsColor(Charts.REFERENCE_COLOR);
    }

    /**
     * The LSTM on the recall task, from each initialisation: the error on the probe sequences, and the
     * shares of forget-gate values near open and of input-gate values near shut; median over seeds,
     * band from the lowest to the highest seed.
     */
    static Figure gates(List<GateReading> gates, List<ProbeError> errors) {
        XYChart error = panel("Recall error (line: median; band: all seeds)", "update", "squared error / target variance (log scale)");
        Charts.logY(error);
        XYChart shares = panel("Forget > 0.9 (solid), input < 0.1 (dashed)", "update", "share of gate values (%)");
        int last = errors.stream().mapToInt(ProbeError::step).max().orElseThrow();
        for (Init init : Init.values()) {
            Color color = Charts.color(init.ordinal());
            String name = INIT_NAMES.get(init);
            bandAndMedian(error, name, color, Charts.SOLID, errors.stream().filter(e -> e.init() == init).toList(), ProbeError::step,
                    ProbeError::relativeError);
            List<GateReading> mine = gates.stream().filter(g -> g.init() == init).toList();
            bandAndMedian(shares, name + ", forget gates > 0.9", color, Charts.SOLID, mine.stream().filter(g -> g.gate() == Gate.FORGET).toList(),
                    GateReading::step, g -> 100 * g.fractionNearOpen());
            bandAndMedian(shares, name + ", input gates < 0.1", color, Charts.DASHED, mine.stream().filter(g -> g.gate() == Gate.INPUT).toList(),
                    GateReading::step, g -> 100 * g.fractionNearShut());
        }
        Charts.horizontal(error, "always answering 0", 1, 0, last);
        double[] values = errors.stream().mapToDouble(ProbeError::relativeError).toArray();
        Charts.yRange(error, Math.pow(10, Math.floor(Math.log10(Stats.quantile(values, 0)))), Math.max(2, 1.2 * Stats.quantile(values, 1)));
        Charts.legendInside(error, LegendPosition.InsideSW);
        hideLegend(shares);
        Charts.yRange(shares, -2, 102);
        return Figure.grid(2, List.of(error, shares));
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
        // On top: SiLU under N(0, 1/n_in) runs along it, and beneath that line it would vanish.
        Charts.horizontal(loss, "ln 2", Math.log(2), 0, last).setLineColor(Color.BLACK);
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
        return bandAndMedian(chart, hidden.label(), Charts.color(hidden.ordinal()), Charts.SOLID, rows, x, value);
    }

    private static <R> double[] bandAndMedian(XYChart chart, String name, Color color, BasicStroke stroke, List<R> rows,
                                              ToDoubleFunction<R> x, ToDoubleFunction<R> value) {
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
        Charts.band(chart, name + " band", xs, low, high, color);
        Charts.points(chart, name, xs, median, color).setLineStyle(stroke);
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
