package org.sigmoidbook.chapters.outputlayer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sigmoidbook.toolkit.charts.Charts;
import org.sigmoidbook.toolkit.charts.Figure;
import org.sigmoidbook.toolkit.numerics.Stats;
import tech.tablesaw.api.Table;

/** The chapter's figures, each drawn from its tables alone. */
final class OutputLayerFigures {

    private static final int PANEL_WIDTH = 800;
    private static final int PANEL_HEIGHT = 600;
    private static final double LN_2 = Math.log(2);

    private OutputLayerFigures() {
    }

    /** Held-out accuracy and held-out loss per epoch, side by side, one line per hidden unit. */
    static Figure trainingCurves(Table results) {
        XYChart accuracy = Charts.xy(PANEL_WIDTH, PANEL_HEIGHT, "Held-out accuracy", "epoch", "held-out accuracy");
        XYChart loss = Charts.xy(PANEL_WIDTH, PANEL_HEIGHT, "Held-out loss", "epoch", "held-out cross-entropy (nats per digit)");
        List<String> activations = activations(results);
        for (int i = 0; i < activations.size(); i++) {
            Table run = results.where(results.stringColumn("activation").isEqualTo(activations.get(i)));
            double[] epochs = run.numberColumn("epoch").asDoubleArray();
            String name = hiddenLabel(activations.get(i)) + " hidden, sigmoid output";
            Charts.points(accuracy, name, epochs, run.numberColumn("heldout_accuracy").asDoubleArray(), Charts.color(i));
            Charts.points(loss, name, epochs, run.numberColumn("heldout_loss").asDoubleArray(), Charts.color(i));
        }
        double last = results.numberColumn("epoch").max();
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
    static XYChart firstLayerGradient(Table gradient) {
        XYChart chart = Charts.xy("First hidden layer's gradient during training",
                "epoch (0: the initial weights)", "‖∂C/∂W₁‖, mean over the minibatch");
        Charts.logY(chart);
        List<String> activations = activations(gradient);
        for (int i = 0; i < activations.size(); i++) {
            Table run = gradient.where(gradient.stringColumn("activation").isEqualTo(activations.get(i)));
            int epochs = (int) run.numberColumn("epoch").max() + 1;
            double[] x = new double[epochs];
            double[] lower = new double[epochs];
            double[] median = new double[epochs];
            double[] upper = new double[epochs];
            for (int e = 0; e < epochs; e++) {
                double[] norms = run.where(run.intColumn("epoch").isEqualTo(e)).numberColumn("first_layer_grad_norm").asDoubleArray();
                x[e] = e;
                lower[e] = Stats.quantile(norms, 0.25);
                median[e] = Stats.median(norms);
                upper[e] = Stats.quantile(norms, 0.75);
            }
            Charts.band(chart, activations.get(i) + " quartiles", x, lower, upper, Charts.color(i));
            Charts.points(chart, hiddenLabel(activations.get(i)) + " hidden: median over the epoch's updates, band from quartile 1 to 3",
                    x, median, Charts.color(i));
        }
        wholeDecades(chart, gradient.numberColumn("first_layer_grad_norm").asDoubleArray());
        Charts.integerX(chart);
        return chart;
    }

    /**
     * Held-out accuracy of every seed, per configuration: one dot per seed, side by side within the
     * configuration, in the same place for the same seed (which sees the same minibatches everywhere).
     */
    static CategoryChart remedies(Table remedies) {
        List<String[]> groups = new ArrayList<>();
        for (int row = 0; row < remedies.rowCount(); row++) {
            String[] group = {remedies.stringColumn("hidden").get(row), remedies.stringColumn("remedy").get(row)};
            if (groups.stream().noneMatch(g -> g[0].equals(group[0]) && g[1].equals(group[1]))) {
                groups.add(group);
            }
        }
        Table sigmoidNone = RemediesExperiment.rows(remedies, "sigmoid", Remedy.NONE);
        Table longRuns = RemediesExperiment.rows(remedies, "sigmoid", Remedy.LONG);
        CategoryChart chart = Charts.bars("Deep sigmoid hidden layers can learn: what it takes",
                String.format(Locale.ROOT, "hidden units and remedy (%.0f epochs; long: %s)",
                        sigmoidNone.numberColumn("epochs").max(), epochRange(longRuns.numberColumn("epochs").asDoubleArray())),
                "held-out accuracy");
        List<String> labels = groups.stream().map(OutputLayerFigures::shortLabel).toList();
        // First, so that it takes the leftmost place in each configuration and spans the whole chart.
        CategorySeries chance = chart.addSeries("chance: 0.5", labels, groups.stream().map(g -> 0.5).toList());
        chance.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        chance.setLineStyle(Charts.REFERENCE);
        chance.setLineColor(Charts.REFERENCE_COLOR);
        chance.setMarker(SeriesMarkers.NONE);
        int[] seeds = remedies.intColumn("seed").unique().asList().stream().mapToInt(Integer::intValue).sorted().toArray();
        for (int i = 0; i < seeds.length; i++) {
            List<Double> accuracy = new ArrayList<>();
            for (String[] group : groups) {
                Table rows = RemediesExperiment.rows(remedies, group[0], Remedy.byId(group[1]));
                Table seed = rows.where(rows.intColumn("seed").isEqualTo(seeds[i]));
                accuracy.add(seed.rowCount() == 0 ? null : seed.numberColumn("heldout_accuracy").getDouble(0));
            }
            CategorySeries series = chart.addSeries("seed " + seeds[i], labels, accuracy);
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

    private static String shortLabel(String[] group) {
        return switch (group[0]) {
            case "sigmoid" -> "sigmoid" + switch (Remedy.byId(group[1])) {
                case NONE -> " (book)";
                case XAVIER -> " Xavier";
                case X4 -> " ×4";
                case ADAM -> " Adam";
                case LONG -> " long";
            };
            case "relu" -> "ReLU (He)";
            default -> group[0];
        };
    }

    /** The long runs' held-out accuracy and loss per epoch, on a log epoch axis: the plateau and the escape. */
    static Figure plateau(Table plateau) {
        XYChart accuracy = Charts.xy(PANEL_WIDTH, PANEL_HEIGHT, "Held-out accuracy, book setup trained longer", "epoch (log scale)", "held-out accuracy");
        XYChart loss = Charts.xy(PANEL_WIDTH, PANEL_HEIGHT, "Held-out loss, book setup trained longer", "epoch (log scale)", "held-out cross-entropy (nats per digit)");
        Charts.logX(accuracy);
        Charts.logX(loss);
        int[] seeds = plateau.intColumn("seed").unique().asList().stream().mapToInt(Integer::intValue).sorted().toArray();
        double last = plateau.numberColumn("epoch").max();
        for (int i = 0; i < seeds.length; i++) {
            Table run = plateau.where(plateau.intColumn("seed").isEqualTo(seeds[i]).and(plateau.intColumn("epoch").isGreaterThan(0)));
            double[] epochs = run.numberColumn("epoch").asDoubleArray();
            Charts.line(accuracy, "seed " + seeds[i], epochs, run.numberColumn("heldout_accuracy").asDoubleArray(), Charts.color(i), Charts.SOLID);
            Charts.line(loss, "seed " + seeds[i], epochs, run.numberColumn("heldout_loss").asDoubleArray(), Charts.color(i), Charts.SOLID);
        }
        Charts.horizontal(accuracy, "chance (0.5) and the 0.9 mark", 0.5, 1, last);
        Charts.horizontal(accuracy, "0.9", Training.LEARNED, 1, last).setShowInLegend(false);
        Charts.horizontal(loss, "ln 2: the loss of answering 1/2 for every digit", LN_2, 1, last);
        Charts.yRange(accuracy, 0.4, 1.0);
        Charts.yRange(loss, 0, 0.8);
        return Figure.grid(2, List.of(accuracy, loss));
    }

    /** The spread of each hidden layer's output across held-out digits at initialisation, log scale. */
    static XYChart signal(Table signal) {
        XYChart chart = Charts.xy("Digit-to-digit spread of each layer's output, at initialisation",
                "hidden layer", "spread: std across held-out digits, mean over units");
        Charts.logY(chart);
        List<String> names = new ArrayList<>(new LinkedHashSet<>(signal.stringColumn("hidden").asList()));
        for (int i = 0; i < names.size(); i++) {
            double[] spreads = SignalExperiment.spreads(signal, names.get(i));
            Charts.points(chart, signalLabel(names.get(i)), layers(spreads.length), spreads, Charts.color(i));
        }
        double[] sigmoid = SignalExperiment.spreads(signal, "sigmoid");
        double gain = SignalExperiment.expectedSigmoidGain();
        double[] expected = new double[sigmoid.length];
        for (int l = 0; l < expected.length; l++) {
            expected[l] = sigmoid[0] * Math.pow(gain, l);
        }
        Charts.reference(chart, String.format(Locale.ROOT, "first-order theory for the sigmoid: ÷%.2f per layer", 1 / gain),
                layers(expected.length), expected);
        wholeDecades(chart, signal.numberColumn("spread").asDoubleArray());
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

    private static String signalLabel(String name) {
        return switch (name) {
            case "sigmoid" -> "sigmoid, book init N(0, 1/n_in)";
            case "sigmoid-xavier" -> "sigmoid, DL4J Xavier init";
            case "sigmoid-x4" -> "sigmoid, book init ×4";
            case "relu" -> "ReLU, He init N(0, 2/n_in)";
            default -> name + ", book init N(0, 1/n_in)";
        };
    }

    private static double[] layers(int count) {
        return IntStream.rangeClosed(1, count).asDoubleStream().toArray();
    }

    private static String hiddenLabel(String activation) {
        return activation.equals("relu") ? "ReLU (He init)" : activation;
    }

    private static List<String> activations(Table table) {
        return new ArrayList<>(new LinkedHashSet<>(table.stringColumn("activation").asList()));
    }
}
