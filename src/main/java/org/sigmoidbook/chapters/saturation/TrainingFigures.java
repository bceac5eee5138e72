package org.sigmoidbook.chapters.saturation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.sigmoidbook.chapters.saturation.FrozenNeuron.Step;
import org.sigmoidbook.chapters.saturation.GlorotRun.Probe;
import org.sigmoidbook.chapters.saturation.InitScale.LayerAtScale;
import org.sigmoidbook.toolkit.charts.Charts;
import org.sigmoidbook.toolkit.charts.Figure;

/** The figures of the training experiments, drawn from their tables alone. */
final class TrainingFigures {

    private TrainingFigures() {
    }

    /**
     * One panel per hidden layer, on the same axes: the mean activation with a band of one standard
     * deviation, on a log step axis so that the first hundred steps, where the top layer collapses, get
     * as much room as the rest. Step 0 has no place on a log axis; every layer starts at 0.5 there.
     */
    static Figure activationsDuringTraining(List<Probe> probes) {
        int last = GlorotRun.lastStep(probes);
        List<XYChart> panels = new ArrayList<>();
        for (int l = 1; l <= GlorotRun.LAYERS; l++) {
            String name = switch (l) {
                case 1 -> "Hidden layer 1 (next to the input)";
                case GlorotRun.LAYERS -> "Hidden layer " + l + " (top)";
                default -> "Hidden layer " + l;
            };
            // axis titles on the outer panels and one legend only: an SVG spells every label out as glyph outlines
            boolean bottom = l > GlorotRun.LAYERS - 2;
            boolean left = l % 2 == 1;
            XYChart chart = Charts.xy(Charts.WIDTH / 2, Charts.HEIGHT * 3 / 5, name,
                    bottom ? "SGD step (minibatches of " + GlorotRun.BATCH + ", log scale)" : "", left ? "activation σ(z)" : "");
            Charts.logX(chart);
            List<Probe> rows = trained(GlorotRun.layer(probes, l));
            double[] step = rows.stream().mapToDouble(Probe::step).toArray();
            double[] mean = rows.stream().mapToDouble(Probe::mean).toArray();
            double[] std = rows.stream().mapToDouble(Probe::std).toArray();
            double[] low = new double[mean.length];
            double[] high = new double[mean.length];
            for (int i = 0; i < mean.length; i++) {
                low[i] = Math.max(0, mean[i] - std[i]);
                high[i] = Math.min(1, mean[i] + std[i]);
            }
            Charts.band(chart, "± 1 std", step, low, high, Charts.color(l - 1));
            Charts.points(chart, "mean on 300 held-out digits; band: ± 1 std", step, mean, Charts.color(l - 1));
            // drawn last, so that it stays in view where a layer runs along it
            Charts.horizontal(chart, "0.5 = σ(0), where every layer starts", 0.5, 1, last);
            Charts.yRange(chart, 0, 1);
            Charts.legendInside(chart, Styler.LegendPosition.InsideNW);
            chart.getStyler().setLegendVisible(l == 1);
            panels.add(chart);
        }
        return Figure.grid(2, panels);
    }

    /** The top layer's mean on log-log axes, with the power law fitted over the last decade of steps. */
    static XYChart topLayerTrend(List<Probe> probes) {
        List<Probe> top = trained(GlorotRun.layer(probes, GlorotRun.LAYERS));
        double[] step = top.stream().mapToDouble(Probe::step).toArray();
        double[] mean = top.stream().mapToDouble(Probe::mean).toArray();
        GlorotRun.PowerLaw trend = GlorotRun.topLayerTrend(probes);
        XYChart chart = Charts.xy("The top hidden layer's mean activation on log–log axes",
                "SGD step (minibatches of " + GlorotRun.BATCH + ", log scale)", "mean activation of the top layer (log scale)");
        Charts.logX(chart);
        Charts.logY(chart);
        Charts.points(chart, "layer " + GlorotRun.LAYERS + " (top): mean on 300 held-out digits", step, mean,
                Charts.color(GlorotRun.LAYERS - 1));
        Charts.reference(chart, String.format(Locale.ROOT, "fit over steps %d–%d: mean ∝ step^%.2f", trend.from(), trend.to(), trend.exponent()),
                new double[]{trend.from(), trend.to()}, new double[]{trend.at(trend.from()), trend.at(trend.to())});
        wholeDecadesY(chart, mean);
        Charts.legendInside(chart, Styler.LegendPosition.InsideSW);
        return chart;
    }

    /** The probes after step 0, which has no place on a log step axis. */
    private static List<Probe> trained(List<Probe> probes) {
        return probes.stream().filter(probe -> probe.step() > 0).toList();
    }

    static XYChart initScale(List<LayerAtScale> table) {
        XYChart chart = Charts.xy("Units saturated at initialisation against initial weight scale",
                "weight scale s (× uniform ±1/√n_in, log scale)", "fraction of units with σ'(z) < 0.01");
        Charts.logX(chart);
        for (int l = 1; l <= GlorotRun.LAYERS; l++) {
            int layer = l;
            List<LayerAtScale> rows = table.stream().filter(row -> row.layer() == layer).toList();
            XYSeries series = Charts.points(chart, "hidden layer " + l + (l == GlorotRun.LAYERS ? " (dashed, nearly on layer 3)" : ""),
                    rows.stream().mapToDouble(LayerAtScale::weightScale).toArray(),
                    rows.stream().mapToDouble(LayerAtScale::saturatedFraction).toArray());
            if (l == GlorotRun.LAYERS) {
                series.setLineStyle(Charts.DASHED);
            }
        }
        Charts.mark(chart, "s = 1: Glorot & Bengio's standard initialisation", 1.0, 0.0);
        Charts.yRange(chart, 0, 1);
        Charts.legendInside(chart, Styler.LegendPosition.InsideNW);
        return chart;
    }

    static XYChart initScaleGradient(List<LayerAtScale> table) {
        List<LayerAtScale> first = InitScale.firstLayer(table);
        double[] factors = first.stream().mapToDouble(LayerAtScale::weightScale).toArray();
        double[] gradient = first.stream().mapToDouble(LayerAtScale::weightGradNorm).toArray();
        XYChart chart = Charts.xy("First layer's gradient against initial weight scale",
                "weight scale s (× uniform ±1/√n_in, log scale)", "‖∂C/∂W₁‖, mean over 300 digits (log scale)");
        Charts.logX(chart);
        Charts.logY(chart);
        double[] line = InitScale.linearRegime(factors, gradient);
        Charts.points(chart, "measured, hidden layer 1", factors, gradient);
        // on top of the measured line, which it follows at small scales
        Charts.reference(chart, "∝ s^" + GlorotRun.LAYERS + ": no unit saturated (from s = " + factors[0] + ")", factors, line);
        Charts.mark(chart, "s = 1", 1.0, gradient[InitScale.nearest(factors, 1)]);
        wholeDecadesY(chart, gradient, line);
        Charts.legendInside(chart, Styler.LegendPosition.InsideNW);
        return chart;
    }

    static XYChart frozenNeuron(List<Step> table) {
        XYChart chart = Charts.xy("A saturated neuron barely moves its weights, for a long time",
                String.format(Locale.ROOT, "SGD step t (minibatches of %d, learning rate %s, log scale)",
                        FrozenNeuron.BATCH, FrozenNeuron.LEARNING_RATE),
                "distance moved ‖w_t − w_0‖ (log scale)");
        Charts.logX(chart);
        Charts.logY(chart);
        for (int i = 0; i < FrozenNeuron.NEURONS.size(); i++) {
            List<Step> rows = FrozenNeuron.rows(table, FrozenNeuron.NEURONS.get(i));
            Charts.line(chart, FrozenNeuron.NEURONS.get(i).name(), rows.stream().mapToDouble(Step::step).toArray(),
                    rows.stream().mapToDouble(Step::weightDistanceMoved).toArray(), Charts.color(i), Charts.SOLID);
        }
        for (FrozenNeuron.Neuron neuron : FrozenNeuron.NEURONS) {
            List<Step> learned = FrozenNeuron.rows(table, neuron).stream()
                    .filter(row -> row.squaredError() < FrozenNeuron.LEARNED_ERROR).toList();
            if (neuron.loss() == LossFunction.MSE && neuron.bias() != 0 && !learned.isEmpty()) {
                int at = learned.get(0).step();
                Charts.mark(chart, "saturated, squared error: learned (error < " + FrozenNeuron.LEARNED_ERROR + ") at step " + at,
                        at, learned.get(0).weightDistanceMoved());
            }
        }
        wholeDecadesY(chart, table.stream().mapToDouble(Step::weightDistanceMoved).toArray());
        Charts.legendInside(chart, Styler.LegendPosition.InsideSE);
        return chart;
    }

    /**
     * A log y axis from the whole decade below the data to the whole decade above: on a range that
     * starts elsewhere, the axis may get no tick at a whole decade, and so no label at all.
     */
    private static void wholeDecadesY(XYChart chart, double[]... series) {
        double low = Arrays.stream(series).flatMapToDouble(Arrays::stream).filter(v -> v > 0).min().orElseThrow();
        double high = Arrays.stream(series).flatMapToDouble(Arrays::stream).filter(v -> v > 0).max().orElseThrow();
        Charts.yRange(chart, Math.pow(10, Math.floor(Math.log10(low))), Math.pow(10, Math.ceil(Math.log10(high))));
    }
}
