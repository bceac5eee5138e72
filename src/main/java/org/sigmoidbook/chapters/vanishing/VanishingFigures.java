package org.sigmoidbook.chapters.vanishing;

import java.awt.Color;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sigmoidbook.toolkit.charts.Charts;
import org.sigmoidbook.toolkit.charts.Figure;
import org.sigmoidbook.toolkit.numerics.Stats;
import tech.tablesaw.api.Table;

/** The chapter's figures, each drawn from its tables alone. */
final class VanishingFigures {

    private static final String LAYER_AXIS = "hidden layer l (1 = first, next to the input)";
    private static final String RATIO_AXIS = "‖∂C/∂b‖ first ÷ last hidden layer";

    private VanishingFigures() {
    }

    /**
     * Two panels: every sigmoid seed against 0.25^(L-1), which some lie above (the product of the
     * sigma' factors is not a bound: each step also multiplies by W), and the medians of every kind
     * of hidden layer with their range over seeds.
     */
    static Figure depthSweep(Table sweep) {
        int maxDepth = (int) sweep.numberColumn("hidden_layers").max();
        double[] depths = IntStream.rangeClosed(1, maxDepth).asDoubleStream().toArray();
        double[] quarterPower = Arrays.stream(depths).map(d -> DepthSweep.quarterPower((int) d)).toArray();
        String sigmoid = DepthSweep.Hidden.SIGMOID.id;

        XYChart seeds = Charts.xy(800, 680, "Sigmoid, seed by seed",
                "L, hidden layers of 30 units, biases 0", RATIO_AXIS);
        Charts.logY(seeds);
        Charts.integerX(seeds);
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        int above = 0;
        int compared = 0;
        // From L = 2: with one hidden layer, first and last are the same layer and every ratio is 1.
        for (int depth = 2; depth <= maxDepth; depth++) {
            for (double ratio : DepthSweep.ratios(sweep, sigmoid, depth)) {
                x.add((double) depth);
                y.add(ratio);
                compared++;
                above += ratio > DepthSweep.quarterPower(depth) ? 1 : 0;
            }
        }
        Charts.scatter(seeds, String.format(Locale.ROOT, "single seeds (%d of %d above the line)", above, compared),
                x.stream().mapToDouble(Double::doubleValue).toArray(), y.stream().mapToDouble(Double::doubleValue).toArray(),
                Charts.translucent(Charts.color(0), 0.45));
        Charts.points(seeds, "median", depths, medians(sweep, sigmoid, maxDepth), Charts.color(0));
        Charts.reference(seeds, "0.25^(L−1): σ′(0) = 1/4 per step, W left out", depths, quarterPower);
        Charts.legendInside(seeds, LegendPosition.InsideSW);

        // The same y axis as the left panel, so it needs no title of its own.
        XYChart kinds = Charts.xy(800, 680, "Median, band = range over seeds", "L, hidden layers", "");
        Charts.logY(kinds);
        Charts.integerX(kinds);
        DepthSweep.Hidden[] all = DepthSweep.Hidden.values();
        for (int k = 0; k < all.length; k++) {
            double[] low = new double[maxDepth];
            double[] high = new double[maxDepth];
            for (int depth = 1; depth <= maxDepth; depth++) {
                double[] ratios = DepthSweep.ratios(sweep, all[k].id, depth);
                low[depth - 1] = Stats.quantile(ratios, 0);
                high[depth - 1] = Stats.quantile(ratios, 1);
            }
            Charts.band(kinds, all[k].id + " range", depths, low, high, Charts.color(k));
        }
        for (int k = 0; k < all.length; k++) {
            Charts.points(kinds, all[k].label, depths, medians(sweep, all[k].id, maxDepth), Charts.color(k));
        }
        Charts.reference(kinds, "0.25^(L−1)", depths, quarterPower);
        Charts.legendInside(kinds, LegendPosition.InsideSW);
        double[] ratios = sweep.numberColumn("ratio").asDoubleArray();
        wholeDecades(seeds, ratios);
        wholeDecades(kinds, ratios);
        return Figure.grid(2, List.of(seeds, kinds));
    }

    /**
     * A log y axis from the decade below the smallest value to the decade above the largest. The
     * book's log tick labels leave ticks between decades blank, and XChart draws no ticks at all when
     * both ends of the axis read blank, so the ends must be whole decades.
     */
    private static void wholeDecades(XYChart chart, double[] values) {
        double min = Arrays.stream(values).filter(v -> v > 0).min().orElseThrow();
        double max = Arrays.stream(values).max().orElseThrow();
        Charts.yRange(chart, Math.pow(10, Math.floor(Math.log10(min))), Math.pow(10, Math.ceil(Math.log10(max))));
    }

    private static double[] columns(Table table, String... names) {
        return Arrays.stream(names).flatMapToDouble(name -> Arrays.stream(table.numberColumn(name).asDoubleArray())).toArray();
    }

    private static double[] medians(Table sweep, String activation, int maxDepth) {
        return IntStream.rangeClosed(1, maxDepth).mapToDouble(d -> Stats.median(DepthSweep.ratios(sweep, activation, d))).toArray();
    }

    static XYChart speedAtInit(Table table) {
        XYChart chart = Charts.xy("Speed of learning at initialisation vs Nielsen's published values",
                LAYER_AXIS, "‖mean over 1,000 images of ∂C/∂bˡ‖");
        Charts.logY(chart);
        Charts.integerX(chart);
        int[] networks = table.intColumn("hidden_layers").unique().asList().stream().mapToInt(Integer::intValue).sorted().toArray();
        for (int n = 0; n < networks.length; n++) {
            int depth = networks[n];
            Table rows = table.where(table.intColumn("hidden_layers").isEqualTo(depth)).sortAscendingOn("layer");
            double[] layers = rows.numberColumn("layer").asDoubleArray();
            Color color = Charts.color(n);
            for (int l = 0; l < layers.length; l++) {
                XYSeries bar = Charts.line(chart, depth + " hidden: p10–p90 at layer " + (l + 1), new double[]{layers[l], layers[l]},
                        new double[]{rows.numberColumn("p10_norm").getDouble(l), rows.numberColumn("p90_norm").getDouble(l)}, color, Charts.SOLID);
                bar.setShowInLegend(false);
            }
            Charts.points(chart, depth + " hidden: median, p10–p90 (" + (int) rows.numberColumn("seeds").getDouble(0) + " seeds)",
                    layers, rows.numberColumn("median_norm").asDoubleArray(), color);
            // Beside the bar, not on it, so that the median stays visible.
            double[] beside = Arrays.stream(layers).map(l -> l + 0.07).toArray();
            XYSeries nielsen = Charts.scatter(chart, depth + " hidden: Nielsen's value", beside,
                    rows.numberColumn("published_norm").asDoubleArray(), color);
            nielsen.setMarker(SeriesMarkers.CROSS);
        }
        Charts.legendInside(chart, LegendPosition.InsideSE);
        wholeDecades(chart, columns(table, "p10_norm", "p90_norm", "published_norm"));
        chart.getStyler().setMarkerSize(11);
        return chart;
    }

    /** Small multiples, one panel per network as in Nielsen's chapter, on a shared log axis. */
    static Figure speedDuringTraining(Table speeds) {
        int[] networks = speeds.intColumn("hidden_layers").unique().asList().stream().mapToInt(Integer::intValue).sorted().toArray();
        double[] all = speeds.numberColumn("speed").asDoubleArray();
        int epochs = (int) speeds.numberColumn("epoch").max() + 1;
        int stride = Math.max(1, epochs / 100);
        List<XYChart> panels = new ArrayList<>();
        for (int n = 0; n < networks.length; n++) {
            int depth = networks[n];
            // One y axis title and one statement of the setting for the row of panels.
            XYChart panel = Charts.xy(620, 600, VanishingChapter.architecture(depth),
                    n == networks.length / 2 ? "epoch (full batch of 1,000 images, η = 0.1, λ = 5)" : "epoch",
                    n == 0 ? "‖mean ∂C/∂bˡ‖ of hidden layer l" : "");
            Charts.logY(panel);
            for (int layer = 1; layer <= depth; layer++) {
                Table rows = NielsenRuns.rows(speeds, depth, layer).sortAscendingOn("epoch");
                // Every stride-th epoch and the last: full-batch descent gives smooth curves, about a hundred
                // points draw them, and x values that are not all equally spaced let XChart choose round ticks.
                Table drawn = rows.where(rows.intColumn("epoch").remainder(stride).isEqualTo(0)
                        .or(rows.intColumn("epoch").isEqualTo(epochs - 1)));
                Charts.line(panel, "layer " + layer + (layer == 1 ? " (first)" : layer == depth ? " (last)" : ""),
                        drawn.numberColumn("epoch").asDoubleArray(), drawn.numberColumn("speed").asDoubleArray(),
                        Charts.color(layer - 1), Charts.SOLID);
            }
            Charts.xRange(panel, 0, epochs);
            wholeDecades(panel, all);
            Charts.legendInside(panel, LegendPosition.InsideNE);
            // Layer l has the same colour in every panel: one legend, on the deepest network, names them all.
            panel.getStyler().setLegendVisible(n == networks.length - 1);
            panels.add(panel);
        }
        return Figure.grid(networks.length, panels);
    }

    /**
     * The weight decay alone shrinks every layer by the same factor, 1 - (1 - eta lambda / n)^epochs
     * (about 0.22 over 500 epochs), which would hide what the gradient did: the figure shows the
     * change with that shrinkage of the starting weights taken out, and the decay as a reference line.
     */
    static XYChart weightChange(Table changes, Table speeds) {
        int epochs = (int) speeds.numberColumn("epoch").max() + 1;
        double decay = 1 - NielsenRuns.decayFactor(epochs);
        XYChart chart = Charts.xy("What the gradient moved in " + epochs + " epochs, weight decay taken out", LAYER_AXIS,
                "‖W_end − (1 − ηλ/n)^epochs · W_start‖ / ‖W_start‖");
        Charts.logY(chart);
        Charts.integerX(chart);
        int[] networks = changes.intColumn("hidden_layers").unique().asList().stream().mapToInt(Integer::intValue).sorted().toArray();
        for (int n = 0; n < networks.length; n++) {
            int depth = networks[n];
            Table hidden = changes.where(changes.intColumn("hidden_layers").isEqualTo(depth)
                    .and(changes.stringColumn("role").isEqualTo("hidden"))).sortAscendingOn("layer");
            Charts.points(chart, VanishingChapter.architecture(depth), hidden.numberColumn("layer").asDoubleArray(),
                    hidden.numberColumn("relative_change_from_gradient").asDoubleArray(), Charts.color(n));
        }
        Charts.horizontal(chart, String.format(Locale.ROOT, "reference: weight decay alone, %.3f", decay),
                decay, 1, Arrays.stream(networks).max().orElseThrow());
        Charts.legendInside(chart, LegendPosition.InsideSE);
        double[] moved = changes.numberColumn("relative_change_from_gradient").asDoubleArray();
        wholeDecades(chart, DoubleStream.concat(Arrays.stream(moved), DoubleStream.of(decay)).toArray());
        return chart;
    }

    /**
     * Nielsen's window: the factor over the input a for several |w| (above the dashed line at 1 the
     * error grows going back), and the window's width against |w|, widest near |w| = 6.9.
     */
    static Figure unstableWindow(Table factors, Table widths) {
        double[] absW = widths.numberColumn("abs_w").asDoubleArray();
        double[] width = widths.numberColumn("width").asDoubleArray();
        int widest = IntStream.range(0, width.length).reduce((i, j) -> width[j] > width[i] ? j : i).orElseThrow();

        XYChart curves = Charts.xy(800, 640, "One step back through a unit, b = −|w|/2",
                "a, the unit's input", "|w σ′(wa + b)|, the factor on the error");
        double[] weights = Arrays.stream(factors.numberColumn("abs_w").asDoubleArray()).distinct().sorted().toArray();
        for (int k = 0; k < weights.length; k++) {
            double w = weights[k];
            Table rows = factors.where(factors.numberColumn("abs_w").isEqualTo(w));
            String name = w == absW[widest] ? String.format(Locale.ROOT, "|w| = %.2f, widest window", w)
                    : String.format(Locale.ROOT, "|w| = %s", new BigDecimal(w).stripTrailingZeros().toPlainString());
            Charts.line(curves, name, rows.numberColumn("a").asDoubleArray(), rows.numberColumn("factor").asDoubleArray(),
                    Charts.color(k), Charts.SOLID);
        }
        Charts.horizontal(curves, "1: above, the error grows", 1, 0, 1);
        Charts.xRange(curves, 0, 1);
        Charts.legendInside(curves, LegendPosition.InsideNW);

        XYChart window = Charts.xy(800, 640, "Width in a of the window where |w σ′| ≥ 1", "|w| (log scale)", "width of the window in a");
        Charts.logX(window);
        Charts.line(window, "4 arcosh(√|w| / 2) / |w|; none for |w| ≤ 4", absW, width, Charts.color(0), Charts.SOLID);
        Charts.mark(window, String.format(Locale.ROOT, "widest: %.3f at |w| = %.2f", width[widest], absW[widest]), absW[widest], width[widest]);
        Charts.legendInside(window, LegendPosition.InsideNE);
        return Figure.grid(2, List.of(curves, window));
    }
}
