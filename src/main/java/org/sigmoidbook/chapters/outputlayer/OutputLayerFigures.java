package org.sigmoidbook.chapters.outputlayer;

import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.stream.IntStream;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
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
    private static final int PLATEAU_PANEL_WIDTH = 600;
    private static final int PLATEAU_PANEL_HEIGHT = 420;
    private static final int PLATEAU_COLUMNS = 3;
    private static final double LN_2 = Math.log(2);
    private static final BasicStroke HALO = new BasicStroke(12f);

    private OutputLayerFigures() {
    }

    /** Held-out accuracy and held-out loss per epoch, side by side, one line per hidden unit. */
    static Figure trainingCurves(List<EpochResult> results) {
        XYChart accuracy = Charts.xy(PANEL_WIDTH, PANEL_HEIGHT, "Held-out accuracy", "epoch", "held-out accuracy");
        XYChart loss = Charts.xy(PANEL_WIDTH, PANEL_HEIGHT, "Held-out loss", "epoch", "held-out cross-entropy (nats per digit)");
        double last = results.stream().mapToInt(EpochResult::epoch).max().orElseThrow();
        // First and wide, so that the sigmoid's curve, which lies on it, runs along its middle and both stay visible.
        halo(accuracy, "chance: 0.5, always the same answer", 0.5, 0, last);
        halo(loss, "ln 2: the loss of answering 1/2 for every digit", LN_2, 0, last);
        List<HiddenUnit> units = results.stream().map(EpochResult::hidden).distinct().toList();
        for (int i = 0; i < units.size(); i++) {
            HiddenUnit unit = units.get(i);
            List<EpochResult> run = results.stream().filter(r -> r.hidden() == unit).toList();
            double[] epochs = run.stream().mapToDouble(EpochResult::epoch).toArray();
            String name = hiddenLabel(unit) + " hidden, sigmoid output";
            Charts.points(accuracy, name, epochs, run.stream().mapToDouble(EpochResult::heldoutAccuracy).toArray(), Charts.color(i));
            Charts.points(loss, name, epochs, run.stream().mapToDouble(EpochResult::heldoutLoss).toArray(), Charts.color(i));
        }
        Charts.yRange(accuracy, 0.4, 1.0);
        Charts.yRange(loss, 0, 0.8);
        for (XYChart chart : List.of(accuracy, loss)) {
            Charts.integerX(chart);
        }
        return Figure.grid(2, List.of(accuracy, loss));
    }

    /** Tick marks twice as far apart as XChart's default on both axes. */
    static void sparseTicks(XYChart chart) {
        chart.getStyler().setXAxisTickMarkSpacingHint(2 * chart.getStyler().getXAxisTickMarkSpacingHint());
        chart.getStyler().setYAxisTickMarkSpacingHint(2 * chart.getStyler().getYAxisTickMarkSpacingHint());
    }

    /** A reference at height y from x = from to to, wide and pale, to be added before the data that may lie on it. */
    static void halo(XYChart chart, String name, double y, double from, double to) {
        Charts.line(chart, name, new double[]{from, to}, new double[]{y, y}, Charts.translucent(Charts.REFERENCE_COLOR, 0.3), HALO);
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

    /** Held-out accuracy per configuration after the same epochs, every seed and the mean; the long runs are in {@link #plateau}. */
    static XYChart remedies(List<Outcome> remedies) {
        List<Configuration> configurations = remedies.stream().map(Outcome::configuration).distinct()
                .filter(c -> c.remedy() != Remedy.LONG).toList();
        int epochs = remedies.stream().filter(o -> o.remedy() != Remedy.LONG).mapToInt(Outcome::epochs).max().orElseThrow();
        XYChart chart = DotPlot.chart(Charts.WIDTH + 500, Charts.HEIGHT, "Deep sigmoid hidden layers can learn: what it takes",
                "hidden units and remedy, " + epochs + " epochs each (the longer runs at lr 4: see the plateau figure)",
                "held-out accuracy", configurations.stream().map(OutputLayerFigures::shortLabel).toList());
        List<double[]> values = configurations.stream().map(c -> RemediesExperiment.rows(remedies, c.hidden(), c.remedy()).stream()
                .mapToDouble(Outcome::heldoutAccuracy).toArray()).toList();
        Charts.horizontal(chart, "chance: 0.5", 0.5, -0.5, configurations.size() - 0.5);
        DotPlot.group(chart, "dots: seeds; diamond and whiskers: mean and 95% CI", 0, 1, values, Charts.color(0), DotPlot::meanAccuracy);
        Charts.yRange(chart, 0.4, 1.0);
        Charts.legendInside(chart, Styler.LegendPosition.InsideS);
        return chart;
    }

    private static String shortLabel(Configuration group) {
        return switch (group.hidden()) {
            case SIGMOID -> switch (group.remedy()) {
                case NONE -> "sigmoid (book)";
                case SIGMOID_AS_TANH -> "sigmoid as tanh";
                default -> group.remedy().label();
            };
            case RELU -> "ReLU (He)";
            default -> group.hidden().label();
        };
    }

    /**
     * The long runs' held-out accuracy per epoch, a small panel per seed on a linear epoch axis:
     * the plateau at 0.5 and the escape past 0.9.
     */
    static Figure plateau(List<LongRunEpoch> plateau) {
        int[] seeds = plateau.stream().mapToInt(LongRunEpoch::seed).distinct().sorted().toArray();
        int last = plateau.stream().mapToInt(LongRunEpoch::epoch).max().orElseThrow();
        List<XYChart> panels = new ArrayList<>();
        for (int seed : seeds) {
            List<LongRunEpoch> run = plateau.stream().filter(e -> e.seed() == seed).toList();
            OptionalInt passed = run.stream().filter(e -> e.heldoutAccuracy() > Training.LEARNED).mapToInt(LongRunEpoch::epoch).findFirst();
            String title = "seed " + seed + (passed.isPresent() ? ": past 0.9 at epoch " + passed.getAsInt() : ": not past 0.9");
            // The y title on the first panel of each row only, and ticks twice as far apart as usual: the SVG stays small.
            XYChart chart = Charts.xy(PLATEAU_PANEL_WIDTH, PLATEAU_PANEL_HEIGHT, title, "epoch",
                    panels.size() % PLATEAU_COLUMNS == 0 ? "held-out accuracy" : "");
            sparseTicks(chart);
            halo(chart, "chance: 0.5", 0.5, 0, last);
            Charts.line(chart, "0.9: counted as learned", new double[]{0, last}, new double[]{Training.LEARNED, Training.LEARNED},
                    Charts.color(2), Charts.DOTTED);
            Charts.line(chart, "held-out accuracy", run.stream().mapToDouble(LongRunEpoch::epoch).toArray(),
                    run.stream().mapToDouble(LongRunEpoch::heldoutAccuracy).toArray(), Charts.color(0), Charts.SOLID);
            // Room below the chance line for the legend, where no run goes.
            Charts.yRange(chart, 0.2, 1.0);
            Charts.xRange(chart, 0, last);
            Charts.integerX(chart);
            chart.getStyler().setLegendVisible(panels.isEmpty());
            Charts.legendInside(chart, Styler.LegendPosition.InsideS);
            panels.add(chart);
        }
        return Figure.grid(PLATEAU_COLUMNS, panels);
    }

    /** The spread of each hidden layer's output across held-out digits at initialisation, log scale: median and range over seeds. */
    static XYChart signal(List<Spread> signal) {
        int seeds = (int) signal.stream().mapToInt(Spread::seed).distinct().count();
        XYChart chart = Charts.xy("Digit-to-digit spread of each layer's output, at initialisation",
                "hidden layer", "spread: std across held-out digits, mean over units");
        Charts.logY(chart);
        List<Network> networks = signal.stream().map(Spread::network).distinct().toList();
        for (int i = 0; i < networks.size(); i++) {
            Network network = networks.get(i);
            int layers = signal.stream().filter(s -> s.network() == network).mapToInt(Spread::layer).max().orElseThrow();
            double[] low = new double[layers];
            double[] median = new double[layers];
            double[] high = new double[layers];
            for (int l = 1; l <= layers; l++) {
                double[] spreads = SignalExperiment.atLayer(signal, network, l);
                low[l - 1] = Stats.quantile(spreads, 0);
                median[l - 1] = Stats.median(spreads);
                high[l - 1] = Stats.quantile(spreads, 1);
            }
            Charts.band(chart, network.id() + " range", layers(layers), low, high, Charts.color(i));
            Charts.points(chart, network.label() + ": median of " + seeds + " seeds, band: range", layers(layers), median, Charts.color(i));
        }
        double sigmoidFirst = Stats.median(SignalExperiment.atLayer(signal, Network.SIGMOID, 1));
        double gain = SignalExperiment.expectedSigmoidGain();
        int layers = signal.stream().mapToInt(Spread::layer).max().orElseThrow();
        double[] expected = new double[layers];
        for (int l = 0; l < expected.length; l++) {
            expected[l] = sigmoidFirst * Math.pow(gain, l);
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
