package org.sigmoidbook.chapters.outputlayer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.sigmoidbook.chapters.outputlayer.DepthExperiment.DepthRun;
import org.sigmoidbook.chapters.outputlayer.HeadsExperiment.HeadRun;
import org.sigmoidbook.chapters.outputlayer.LearningRateExperiment.LearningRateRun;
import org.sigmoidbook.toolkit.charts.Charts;
import org.sigmoidbook.toolkit.charts.Figure;
import org.sigmoidbook.toolkit.nn.HiddenUnit;
import org.sigmoidbook.toolkit.numerics.Intervals;

/** The figures of the grid's newer experiments: output heads, learning rates and depth, each from its table alone. */
final class GridFigures {

    private static final int PANEL_WIDTH = 900;
    private static final int PANEL_HEIGHT = 600;
    private static final String SPREAD = "dots: seeds; diamonds and whiskers: mean and 95% CI";

    private GridFigures() {
    }

    /** Held-out accuracy and ECE per head, on the two hidden stacks. */
    static Figure heads(List<HeadRun> heads) {
        List<Head> order = heads.stream().map(HeadRun::head).distinct().toList();
        List<String> names = order.stream().map(GridFigures::shortName).toList();
        int epochs = heads.stream().mapToInt(HeadRun::epochs).max().orElseThrow();
        XYChart accuracy = DotPlot.chart(PANEL_WIDTH, PANEL_HEIGHT, "Accuracy: seeds, mean and 95% CI",
                "output head", "held-out accuracy after " + epochs + " epochs", names);
        XYChart ece = DotPlot.chart(PANEL_WIDTH, PANEL_HEIGHT, "Calibration: seeds, median and range",
                "output head", "held-out ECE (10 bins)", names);
        OutputLayerFigures.sparseTicks(accuracy);
        OutputLayerFigures.sparseTicks(ece);
        List<HiddenUnit> stacks = heads.stream().map(HeadRun::hidden).distinct().toList();
        for (int g = 0; g < stacks.size(); g++) {
            HiddenUnit stack = stacks.get(g);
            List<double[]> accuracyPerHead = new ArrayList<>();
            List<double[]> ecePerHead = new ArrayList<>();
            for (Head head : order) {
                accuracyPerHead.add(HeadsExperiment.column(heads, stack, head, false));
                double[] finite = Arrays.stream(HeadsExperiment.column(heads, stack, head, true)).filter(Double::isFinite).toArray();
                ecePerHead.add(finite.length >= 2 ? finite : null);
            }
            String name = stack == HiddenUnit.RELU ? "ReLU hidden (He init)" : "sigmoid hidden ×4";
            DotPlot.group(accuracy, name, g, stacks.size(), accuracyPerHead, Charts.color(g), DotPlot::meanAccuracy);
            DotPlot.group(ece, name, g, stacks.size(), ecePerHead, Charts.color(g), Intervals::medianAndRange);
        }
        Charts.legendInside(accuracy, LegendPosition.InsideSW);
        Charts.legendInside(ece, LegendPosition.InsideNW);
        Charts.yRange(accuracy, 0.4, 1.0);
        Charts.yRange(ece, 0, Math.max(0.1, heads.stream().filter(r -> !r.diverged()).mapToDouble(HeadRun::heldoutEce).max().orElse(0) * 1.1));
        ece.getStyler().setYAxisDecimalPattern("0.00");
        return Figure.grid(2, List.of(accuracy, ece));
    }

    /** Held-out accuracy and loss against the SGD learning rate, log scale, for the book's sigmoid and tanh networks. */
    static Figure learningRates(List<LearningRateRun> sweep) {
        int epochs = sweep.stream().mapToInt(LearningRateRun::epochs).max().orElseThrow();
        XYChart accuracy = Charts.xy(PANEL_WIDTH, PANEL_HEIGHT, "Accuracy after " + epochs + " epochs",
                "SGD learning rate (log scale)", "held-out accuracy");
        XYChart loss = Charts.xy(PANEL_WIDTH, PANEL_HEIGHT, "Loss after " + epochs + " epochs",
                "SGD learning rate (log scale)", "held-out cross-entropy (nats per digit)");
        Charts.logX(accuracy);
        Charts.logX(loss);
        List<HiddenUnit> units = sweep.stream().map(LearningRateRun::hidden).distinct().toList();
        double[] rates = sweep.stream().mapToDouble(LearningRateRun::learningRate).distinct().sorted().toArray();
        double from = rates[0] / 1.3;
        double to = rates[rates.length - 1] * 1.3;
        // First, so that the sigmoid's means, which lie on them, run along their middle.
        OutputLayerFigures.halo(accuracy, "chance: 0.5", 0.5, from, to);
        OutputLayerFigures.halo(loss, "ln 2: 1/2 for every digit", Math.log(2), from, to);
        OutputLayerFigures.sparseTicks(accuracy);
        OutputLayerFigures.sparseTicks(loss);
        for (int i = 0; i < units.size(); i++) {
            HiddenUnit unit = units.get(i);
            // The two units' dots sit a little left and right of their learning rate, so that neither hides the other.
            double shift = Math.pow(1.06, i - (units.size() - 1) / 2.0);
            List<LearningRateRun> runs = sweep.stream().filter(r -> r.hidden() == unit).toList();
            double[] x = runs.stream().mapToDouble(r -> r.learningRate() * shift).toArray();
            Charts.scatter(accuracy, unit.label() + " seeds", x, runs.stream().mapToDouble(LearningRateRun::heldoutAccuracy).toArray(),
                    Charts.translucent(Charts.color(i), 0.55)).setShowInLegend(false);
            List<LearningRateRun> finite = runs.stream().filter(r -> r.heldoutLoss() != null).toList();
            Charts.scatter(loss, unit.label() + " seeds", finite.stream().mapToDouble(r -> r.learningRate() * shift).toArray(),
                    finite.stream().mapToDouble(LearningRateRun::heldoutLoss).toArray(), Charts.translucent(Charts.color(i), 0.55))
                    .setShowInLegend(false);
            double[] meanX = Arrays.stream(rates).map(r -> r * shift).toArray();
            String name = unit.label() + ": mean of the seeds (dots)";
            Charts.points(accuracy, name, meanX, means(runs, rates, LearningRateRun::heldoutAccuracy), Charts.color(i));
            double[] lossRates = Arrays.stream(rates).filter(rate -> finite.stream().anyMatch(r -> r.learningRate() == rate)).toArray();
            Charts.points(loss, name + " that did not diverge", Arrays.stream(lossRates).map(r -> r * shift).toArray(),
                    means(finite, lossRates, LearningRateRun::heldoutLoss), Charts.color(i));
        }
        // Room below the chance line for the legend, where no run goes.
        Charts.yRange(accuracy, 0.25, 1.0);
        Charts.yRange(loss, 0, Math.max(1.0, sweep.stream().filter(r -> r.heldoutLoss() != null)
                .mapToDouble(LearningRateRun::heldoutLoss).max().orElse(1) * 1.05));
        Charts.legendInside(accuracy, LegendPosition.InsideS);
        Charts.legendInside(loss, LegendPosition.InsideNW);
        return Figure.grid(2, List.of(accuracy, loss));
    }

    private static double[] means(List<LearningRateRun> runs, double[] rates, ToDoubleFunction<LearningRateRun> value) {
        return Arrays.stream(rates).map(rate -> runs.stream().filter(r -> r.learningRate() == rate).mapToDouble(value).average()
                .orElseThrow()).toArray();
    }

    /** Held-out accuracy per configuration at the chapter's depth and in the deep stack. */
    static XYChart depth(List<DepthRun> depth) {
        List<Configuration> configurations = depth.stream().map(r -> new Configuration(r.hidden(), r.remedy())).distinct().toList();
        int[] layers = depth.stream().mapToInt(DepthRun::hiddenLayers).distinct().sorted().toArray();
        int epochs = depth.stream().mapToInt(DepthRun::epochs).max().orElseThrow();
        XYChart chart = DotPlot.chart(Charts.WIDTH + 600, Charts.HEIGHT, "Deeper stacks: which remedies still train",
                "hidden units and remedy (" + SPREAD + ")", "held-out accuracy after " + epochs + " epochs",
                configurations.stream().map(GridFigures::shortName).toList());
        for (int g = 0; g < layers.length; g++) {
            int hiddenLayers = layers[g];
            List<double[]> values = configurations.stream().map(c -> depth.stream()
                    .filter(r -> r.hidden() == c.hidden() && r.remedy() == c.remedy() && r.hiddenLayers() == hiddenLayers)
                    .mapToDouble(DepthRun::heldoutAccuracy).toArray()).toList();
            DotPlot.group(chart, String.format(Locale.ROOT, "%d hidden layers", hiddenLayers), g, layers.length, values, Charts.color(g), DotPlot::meanAccuracy);
        }
        Charts.horizontal(chart, "chance: 0.5", 0.5, -0.5, configurations.size() - 0.5);
        Charts.yRange(chart, 0.4, 1.0);
        Charts.legendInside(chart, LegendPosition.InsideSE);
        return chart;
    }

    static String shortName(Head head) {
        return switch (head) {
            case SIGMOID_XENT -> "sigmoid, XENT";
            case SIGMOID_FUSED -> "fused BCE";
            case SOFTMAX_2 -> "softmax-2";
            case SIGMOID_MSE -> "sigmoid, MSE";
            case IDENTITY_MSE -> "identity, MSE";
        };
    }

    /** "sigmoid (book)", "sigmoid, weights ×4", "sigmoid, batch norm", "tanh", "ReLU (He)": short enough to share an axis. */
    static String shortName(Configuration configuration) {
        if (configuration.hidden() != HiddenUnit.SIGMOID) {
            return configuration.hidden() == HiddenUnit.RELU ? "ReLU (He)" : configuration.hidden().label();
        }
        return configuration.remedy() == Remedy.NONE ? "sigmoid (book)" : "sigmoid, " + configuration.remedy().label();
    }
}
