package org.sigmoidbook.chapters.outputlayer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sigmoidbook.chapters.outputlayer.RemediesExperiment.Configuration;
import org.sigmoidbook.chapters.outputlayer.RemediesExperiment.LongRunEpoch;
import org.sigmoidbook.chapters.outputlayer.RemediesExperiment.Outcome;
import org.sigmoidbook.chapters.outputlayer.SignalExperiment.Network;
import org.sigmoidbook.chapters.outputlayer.SignalExperiment.Spread;
import org.sigmoidbook.chapters.outputlayer.TrainingTables.EpochResult;
import org.sigmoidbook.chapters.outputlayer.TrainingTables.Update;
import org.sigmoidbook.toolkit.charts.Charts;
import org.sigmoidbook.toolkit.charts.Figure;
import org.sigmoidbook.toolkit.nn.HiddenUnit;
import org.sigmoidbook.toolkit.numerics.Stats;

/** The chapter's figures, each drawn from its tables alone. */
final class OutputLayerFigures {

    private static final int PANEL_WIDTH = 800;
    private static final int PANEL_HEIGHT = 600;
    private static final double LN_2 = Math.log(2);

    private OutputLayerFigures() {
    }

    /** Held-out accuracy and held-out loss per epoch, side by side, one line per hidden unit. */
    static Figure trainingCurves(List<EpochResult> results) {
        XYChart accuracy = Charts.xy(PANEL_WIDTH, PANEL_HEIGHT, "Held-out accuracy", "epoch", "held-out accuracy");
        XYChart loss = Charts.xy(PANEL_WIDTH, PANEL_HEIGHT, "Held-out loss", "epoch", "held-out cross-entropy (nats per digit)");
        List<HiddenUnit> units = results.stream().map(EpochResult::hidden).distinct().toList();
        for (int i = 0; i < units.size(); i++) {
            HiddenUnit unit = units.get(i);
            List<EpochResult> run = results.stream().filter(r -> r.hidden() == unit).toList();
            double[] epochs = run.stream().mapToDouble(EpochResult::epoch).toArray();
            String name = hiddenLabel(unit) + " hidden, sigmoid output";
            Charts.points(accuracy, name, epochs, run.stream().mapToDouble(EpochResult::heldoutAccuracy).toArray(), Charts.color(i));
            Charts.points(loss, name, epochs, run.stream().mapToDouble(EpochResult::heldoutLoss).toArray(), Charts.color(i));
        }
        double last = results.stream().mapToInt(EpochResult::epoch).max().orElseThrow();
        // The references go on top, dashed, so that the sigmoid curve lying on them shows through the gaps.
        Charts.horizontal(accuracy, "chance: 0.5, always the same answer", 0.5, 0, last);
        Charts.horizontal(loss, "ln 2: the loss of answering 1/2 for every digit", LN_2, 0, last);
        Charts.yRange(accuracy, 0.4, 1.0);
        Charts.yRange(loss, 0, 0.8);
        for (XYChart chart : List.of(accuracy, loss)) {
            Charts.integerX(chart);
        }
        return Figure.grid(2, List.of(accuracy, loss));
    }

    /** Per-epoch median of the first layer's gradient norm with its interquartile band, log scale. */
    static XYChart firstLayerGradient(List<Update> gradient) {
        XYChart chart = Charts.xy("First hidden layer's gradient during training",
                "epoch (0: the initial weights)", "‖∂C/∂W₁‖, mean over the minibatch");
        Charts.logY(chart);
        List<HiddenUnit> units = gradient.stream().map(Update::hidden).distinct().toList();
        for (int i = 0; i < units.size(); i++) {
            HiddenUnit unit = units.get(i);
            List<Update> run = gradient.stream().filter(u -> u.hidden() == unit).toList();
            int epochs = run.stream().mapToInt(Update::epoch).max().orElseThrow() + 1;
            double[] x = new double[epochs];
            double[] lower = new double[epochs];
            double[] median = new double[epochs];
            double[] upper = new double[epochs];
            for (int e = 0; e < epochs; e++) {
                int epoch = e;
                double[] norms = run.stream().filter(u -> u.epoch() == epoch).mapToDouble(Update::firstLayerGradNorm).toArray();
                x[e] = e;
                lower[e] = Stats.quantile(norms, 0.25);
                median[e] = Stats.median(norms);
                upper[e] = Stats.quantile(norms, 0.75);
            }
            Charts.band(chart, unit.id() + " quartiles", x, lower, upper, Charts.color(i));
            Charts.points(chart, hiddenLabel(unit) + " hidden: median over the epoch's updates, band from quartile 1 to 3",
                    x, median, Charts.color(i));
        }
        wholeDecades(chart, gradient.stream().mapToDouble(Update::firstLayerGradNorm).toArray());
        Charts.integerX(chart);
        return chart;
    }

    /**
     * Held-out accuracy of every seed, per configuration: one dot per seed, side by side within the
     * configuration, in the same place for the same seed (which sees the same minibatches everywhere).
     */
    static CategoryChart remedies(List<Outcome> remedies) {
        List<Configuration> groups = remedies.stream().map(Outcome::configuration).distinct().toList();
        List<Outcome> sigmoidNone = RemediesExperiment.rows(remedies, HiddenUnit.SIGMOID, Remedy.NONE);
        List<Outcome> longRuns = RemediesExperiment.rows(remedies, HiddenUnit.SIGMOID, Remedy.LONG);
        CategoryChart chart = Charts.bars("Deep sigmoid hidden layers can learn: what it takes",
                String.format(Locale.ROOT, "hidden units and remedy (%d epochs; long: %s)",
                        sigmoidNone.stream().mapToInt(Outcome::epochs).max().orElseThrow(),
                        epochRange(longRuns.stream().mapToDouble(Outcome::epochs).toArray())),
                "held-out accuracy");
        List<String> labels = groups.stream().map(OutputLayerFigures::shortLabel).toList();
        // First, so that it takes the leftmost place in each configuration and spans the whole chart.
        CategorySeries chance = chart.addSeries("chance: 0.5", labels, groups.stream().map(g -> 0.5).toList());
        chance.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        chance.setLineStyle(Charts.REFERENCE);
        chance.setLineColor(Charts.REFERENCE_COLOR);
        chance.setMarker(SeriesMarkers.NONE);
        int[] seeds = remedies.stream().mapToInt(Outcome::seed).distinct().sorted().toArray();
        for (int i = 0; i < seeds.length; i++) {
            int seed = seeds[i];
            List<Double> accuracy = new ArrayList<>();
            for (Configuration group : groups) {
                accuracy.add(RemediesExperiment.rows(remedies, group.hidden(), group.remedy()).stream().filter(o -> o.seed() == seed)
                        .findFirst().map(Outcome::heldoutAccuracy).orElse(null));
            }
            CategorySeries series = chart.addSeries("seed " + seed, labels, accuracy);
            series.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
            series.setMarkerColor(Charts.color(i));
        }
        chart.getStyler().setYAxisMin(0.45).setYAxisMax(1.0);
        return chart;
    }

    private static String epochRange(double[] epochs) {
        double fewest = Stats.quantile(epochs, 0);
        double most = Stats.quantile(epochs, 1);
        return fewest == most ? String.format(Locale.ROOT, "%.0f epochs", most) : String.format(Locale.ROOT, "%.0f to %.0f epochs", fewest, most);
    }

    private static String shortLabel(Configuration group) {
        return switch (group.hidden()) {
            case SIGMOID -> "sigmoid" + switch (group.remedy()) {
                case NONE -> " (book)";
                case XAVIER -> " Xavier";
                case X4 -> " ×4";
                case ADAM -> " Adam";
                case LONG -> " long";
            };
            case RELU -> "ReLU (He)";
            default -> group.hidden().id();
        };
    }

    /** The long runs' held-out accuracy and loss per epoch, on a log epoch axis: the plateau and the escape. */
    static Figure plateau(List<LongRunEpoch> plateau) {
        XYChart accuracy = Charts.xy(PANEL_WIDTH, PANEL_HEIGHT, "Held-out accuracy, book setup trained longer", "epoch (log scale)", "held-out accuracy");
        XYChart loss = Charts.xy(PANEL_WIDTH, PANEL_HEIGHT, "Held-out loss, book setup trained longer", "epoch (log scale)", "held-out cross-entropy (nats per digit)");
        Charts.logX(accuracy);
        Charts.logX(loss);
        int[] seeds = plateau.stream().mapToInt(LongRunEpoch::seed).distinct().sorted().toArray();
        double last = plateau.stream().mapToInt(LongRunEpoch::epoch).max().orElseThrow();
        for (int i = 0; i < seeds.length; i++) {
            int seed = seeds[i];
            List<LongRunEpoch> run = plateau.stream().filter(e -> e.seed() == seed && e.epoch() > 0).toList();
            double[] epochs = run.stream().mapToDouble(LongRunEpoch::epoch).toArray();
            Charts.line(accuracy, "seed " + seed, epochs, run.stream().mapToDouble(LongRunEpoch::heldoutAccuracy).toArray(), Charts.color(i), Charts.SOLID);
            Charts.line(loss, "seed " + seed, epochs, run.stream().mapToDouble(LongRunEpoch::heldoutLoss).toArray(), Charts.color(i), Charts.SOLID);
        }
        Charts.horizontal(accuracy, "chance (0.5) and the 0.9 mark", 0.5, 1, last);
        Charts.horizontal(accuracy, "0.9", Training.LEARNED, 1, last).setShowInLegend(false);
        Charts.horizontal(loss, "ln 2: the loss of answering 1/2 for every digit", LN_2, 1, last);
        Charts.yRange(accuracy, 0.4, 1.0);
        Charts.yRange(loss, 0, 0.8);
        return Figure.grid(2, List.of(accuracy, loss));
    }

    /** The spread of each hidden layer's output across held-out digits at initialisation, log scale. */
    static XYChart signal(List<Spread> signal) {
        XYChart chart = Charts.xy("Digit-to-digit spread of each layer's output, at initialisation",
                "hidden layer", "spread: std across held-out digits, mean over units");
        Charts.logY(chart);
        List<Network> networks = signal.stream().map(Spread::network).distinct().toList();
        for (int i = 0; i < networks.size(); i++) {
            double[] spreads = SignalExperiment.spreads(signal, networks.get(i));
            Charts.points(chart, networks.get(i).label(), layers(spreads.length), spreads, Charts.color(i));
        }
        double[] sigmoid = SignalExperiment.spreads(signal, Network.SIGMOID);
        double gain = SignalExperiment.expectedSigmoidGain();
        double[] expected = new double[sigmoid.length];
        for (int l = 0; l < expected.length; l++) {
            expected[l] = sigmoid[0] * Math.pow(gain, l);
        }
        Charts.reference(chart, String.format(Locale.ROOT, "first-order theory for the sigmoid: ÷%.2f per layer", 1 / gain),
                layers(expected.length), expected);
        wholeDecades(chart, signal.stream().mapToDouble(Spread::spread).toArray());
        Charts.integerX(chart);
        Charts.legendInside(chart, Styler.LegendPosition.InsideSW);
        return chart;
    }

    /**
     * A log y axis from the decade below the smallest value to the one above the largest, so that
     * the axis ends carry labels (XChart drops every label when both ends would read the same).
     */
    private static void wholeDecades(XYChart chart, double[] values) {
        double[] positive = Arrays.stream(values).filter(v -> v > 0).toArray();
        Charts.yRange(chart, Math.pow(10, Math.floor(Math.log10(Stats.quantile(positive, 0)))),
                Math.pow(10, Math.ceil(Math.log10(Stats.quantile(positive, 1)))));
    }

    private static double[] layers(int count) {
        return IntStream.rangeClosed(1, count).asDoubleStream().toArray();
    }

    private static String hiddenLabel(HiddenUnit unit) {
        return unit == HiddenUnit.RELU ? unit.label() + " (He init)" : unit.label();
    }
}
