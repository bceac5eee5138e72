package org.sigmoidbook.chapters.saturation;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
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
     * One panel per hidden layer, on the same axes: the mean activation of every seed's run, and a band
     * of one standard deviation of the activations (over units and digits) around the first seed's,
     * on a log step axis so that the first hundred steps, where the top layer collapses, get as much
     * room as the rest. Step 0 has no place on a log axis; every layer starts at 0.5 there.
     */
    static Figure activationsDuringTraining(List<Probe> probes) {
        int last = GlorotRun.lastStep(probes);
        long[] seeds = GlorotRun.seeds(probes);
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
            List<Probe> first = trained(GlorotRun.layer(GlorotRun.run(probes, seeds[0]), l));
            double[] step = first.stream().mapToDouble(Probe::step).toArray();
            double[] low = first.stream().mapToDouble(probe -> Math.max(0, probe.mean() - probe.std())).toArray();
            double[] high = first.stream().mapToDouble(probe -> Math.min(1, probe.mean() + probe.std())).toArray();
            Charts.band(chart, "± 1 std", step, low, high, Charts.color(l - 1));
            for (int s = 0; s < seeds.length; s++) {
                List<Probe> rows = trained(GlorotRun.layer(GlorotRun.run(probes, seeds[s]), l));
                // series names must differ; the legend shows the first two
                String label = switch (s) {
                    case 0 -> "mean, seed " + seeds[0] + " (band: ± 1 std)";
                    case 1 -> "mean, " + otherSeeds(seeds);
                    default -> "seed " + seeds[s];
                };
                XYSeries series = Charts.points(chart, label, step, rows.stream().mapToDouble(Probe::mean).toArray(),
                        s == 0 ? Charts.color(l - 1) : Charts.translucent(Charts.color(l - 1), 0.8));
                series.setShowInLegend(s <= 1);
                if (s > 0) {
                    series.setMarker(SeriesMarkers.NONE);
                    series.setLineStyle(Charts.DOTTED);
                }
            }
            // drawn last, so that it stays in view where a layer runs along it
            Charts.horizontal(chart, "0.5 = σ(0), where every layer starts", 0.5, 1, last);
            Charts.xRange(chart, 1, last);
            Charts.yRange(chart, 0, 1);
            Charts.legendInside(chart, Styler.LegendPosition.InsideNW);
            chart.getStyler().setLegendVisible(l == 1);
            panels.add(chart);
        }
        return Figure.grid(2, panels);
    }

    /** "seed 43" or "seeds 43–46": the seeds after the first. */
    private static String otherSeeds(long[] seeds) {
        return seeds.length == 2 ? "seed " + seeds[1] : "seeds " + seeds[1] + "–" + seeds[seeds.length - 1];
    }

    /** The top layer's mean on log-log axes in every seed's run, with the power law fitted over the last decade of steps. */
    static XYChart topLayerTrend(List<Probe> probes) {
        long[] seeds = GlorotRun.seeds(probes);
        XYChart chart = Charts.xy("The top hidden layer's mean activation on log–log axes",
                "SGD step (minibatches of " + GlorotRun.BATCH + ", log scale)", "mean activation of the top layer (log scale)");
        Charts.logX(chart);
        Charts.logY(chart);
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        double[] exponents = new double[seeds.length];
        List<GlorotRun.PowerLaw> trends = new ArrayList<>();
        for (int s = 0; s < seeds.length; s++) {
            List<Probe> run = GlorotRun.run(probes, seeds[s]);
            for (Probe probe : trained(GlorotRun.layer(run, GlorotRun.LAYERS))) {
                x.add((double) probe.step());
                y.add(probe.mean());
            }
            trends.add(GlorotRun.topLayerTrend(run));
            exponents[s] = trends.get(s).exponent();
        }
        double[] means = y.stream().mapToDouble(Double::doubleValue).toArray();
        // the fits first, so that the measured points stay on top of them
        for (int s = 0; s < seeds.length; s++) {
            GlorotRun.PowerLaw trend = trends.get(s);
            String label = s > 0 ? "fit, seed " + seeds[s] : String.format(Locale.ROOT,
                    "least-squares fit per seed over steps %d–%d: mean ∝ step^k, k from %.2f to %.2f",
                    trend.from(), trend.to(), Arrays.stream(exponents).min().orElseThrow(), Arrays.stream(exponents).max().orElseThrow());
            XYSeries fit = Charts.reference(chart, label, new double[]{trend.from(), trend.to()},
                    new double[]{trend.at(trend.from()), trend.at(trend.to())});
            fit.setShowInLegend(s == 0);
        }
        Charts.scatter(chart, "layer " + GlorotRun.LAYERS + " (top): mean on 300 held-out digits, " + seeds.length + " seeds",
                x.stream().mapToDouble(Double::doubleValue).toArray(), means, Charts.translucent(Charts.color(GlorotRun.LAYERS - 1), 0.75));
        wholeDecadesY(chart, means);
        Charts.xRange(chart, 1, GlorotRun.lastStep(probes));
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

    /** Every seed's run of each neuron: one colour per neuron, the first seed solid, the others dotted. */
    static XYChart frozenNeuron(List<Step> table) {
        long[] seeds = FrozenNeuron.seeds(table);
        XYChart chart = Charts.xy("A saturated neuron barely moves its weights, for a long time",
                String.format(Locale.ROOT, "SGD step t (minibatches of %d, learning rate %s, log scale)",
                        FrozenNeuron.BATCH, FrozenNeuron.LEARNING_RATE),
                "distance moved ‖w_t − w_0‖ (log scale)");
        Charts.logX(chart);
        Charts.logY(chart);
        for (int i = 0; i < FrozenNeuron.NEURONS.size(); i++) {
            FrozenNeuron.Neuron neuron = FrozenNeuron.NEURONS.get(i);
            for (int s = 0; s < seeds.length; s++) {
                List<Step> rows = FrozenNeuron.rows(table, neuron, seeds[s]);
                String label = switch (s) {
                    case 0 -> neuron.name() + ", seed " + seeds[0];
                    case 1 -> neuron.name() + ", " + otherSeeds(seeds);
                    default -> neuron.name() + ", seed " + seeds[s];
                };
                XYSeries series = Charts.line(chart, label,
                        rows.stream().mapToDouble(Step::step).toArray(), rows.stream().mapToDouble(Step::weightDistanceMoved).toArray(),
                        Charts.color(i), s == 0 ? Charts.SOLID : Charts.DOTTED);
                series.setShowInLegend(s <= 1);
            }
        }
        FrozenNeuron.Neuron saturated = FrozenNeuron.NEURONS.stream().filter(n -> n.loss() == LossFunction.MSE && n.bias() != 0)
                .findFirst().orElseThrow();
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (long seed : seeds) {
            FrozenNeuron.rows(table, saturated, seed).stream().filter(row -> row.squaredError() < FrozenNeuron.LEARNED_ERROR)
                    .findFirst().ifPresent(row -> {
                        x.add((double) row.step());
                        y.add(row.weightDistanceMoved());
                    });
        }
        if (!x.isEmpty()) {
            XYSeries learned = Charts.scatter(chart, "saturated, squared error: learned (error < " + FrozenNeuron.LEARNED_ERROR + ")",
                    x.stream().mapToDouble(Double::doubleValue).toArray(), y.stream().mapToDouble(Double::doubleValue).toArray(), Color.BLACK);
            learned.setMarker(SeriesMarkers.DIAMOND);
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
