package org.sigmoidbook.chapters.vanishing;

import java.awt.Color;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sigmoidbook.chapters.vanishing.DepthSweep.Hidden;
import org.sigmoidbook.chapters.vanishing.NielsenRuns.EpochSpeed;
import org.sigmoidbook.chapters.vanishing.NielsenRuns.InitSpeed;
import org.sigmoidbook.chapters.vanishing.NielsenRuns.WeightChange;
import org.sigmoidbook.chapters.vanishing.UnstableWindow.FactorPoint;
import org.sigmoidbook.chapters.vanishing.UnstableWindow.WindowWidth;
import org.sigmoidbook.toolkit.charts.Charts;
import org.sigmoidbook.toolkit.charts.Figure;
import org.sigmoidbook.toolkit.numerics.Stats;

/** The chapter's figures, each drawn from its tables alone. */
final class VanishingFigures {

    private static final String LAYER_AXIS = "hidden layer l (1 = first, next to the input)";
    private static final String RATIO_AXIS = "‖∂C/∂b‖ first ÷ last hidden layer";
    /** The first epochs of training, where the speeds fall by decades and every recorded epoch is drawn. */
    private static final int STEEP_EPOCHS = 40;

    private VanishingFigures() {
    }

    /**
     * Two panels: every sigmoid seed against 0.25^(L-1), which some lie above (the product of the
     * sigma' factors is not a bound: each step also multiplies by W), and the medians of every kind
     * of hidden layer with their range over seeds.
     */
    static Figure depthSweep(List<DepthSweep.Run> sweep) {
        int maxDepth = sweep.stream().mapToInt(DepthSweep.Run::hiddenLayers).max().orElseThrow();
        double[] depths = IntStream.rangeClosed(1, maxDepth).asDoubleStream().toArray();
        double[] quarterPower = Arrays.stream(depths).map(d -> DepthSweep.quarterPower((int) d)).toArray();
        Hidden sigmoid = Hidden.SIGMOID;

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
        Hidden[] all = Hidden.values();
        for (int k = 0; k < all.length; k++) {
            double[] low = new double[maxDepth];
            double[] high = new double[maxDepth];
            for (int depth = 1; depth <= maxDepth; depth++) {
                double[] ratios = DepthSweep.ratios(sweep, all[k], depth);
                low[depth - 1] = Stats.quantile(ratios, 0);
                high[depth - 1] = Stats.quantile(ratios, 1);
            }
            Charts.band(kinds, all[k].id() + " range", depths, low, high, Charts.color(k));
        }
        for (int k = 0; k < all.length; k++) {
            Charts.points(kinds, all[k].label(), depths, medians(sweep, all[k], maxDepth), Charts.color(k));
        }
        Charts.reference(kinds, "0.25^(L−1)", depths, quarterPower);
        Charts.legendInside(kinds, LegendPosition.InsideSW);
        double[] ratios = values(sweep, DepthSweep.Run::ratio);
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

    /** One column of {@code rows}, in row order. */
    private static <R> double[] values(List<R> rows, ToDoubleFunction<R> column) {
        return rows.stream().mapToDouble(column).toArray();
    }

    /** The hidden-layer counts of the networks in {@code rows}, ascending. */
    private static <R> int[] networks(List<R> rows, ToIntFunction<R> hiddenLayers) {
        return rows.stream().mapToInt(hiddenLayers).distinct().sorted().toArray();
    }

    private static double[] medians(List<DepthSweep.Run> sweep, Hidden hidden, int maxDepth) {
        return IntStream.rangeClosed(1, maxDepth).mapToDouble(d -> Stats.median(DepthSweep.ratios(sweep, hidden, d))).toArray();
    }

    static XYChart speedAtInit(List<InitSpeed> table) {
        XYChart chart = Charts.xy("Speed of learning at initialisation vs Nielsen's published values",
                LAYER_AXIS, "‖mean over 1,000 images of ∂C/∂bˡ‖");
        Charts.logY(chart);
        Charts.integerX(chart);
        int[] networks = networks(table, InitSpeed::hiddenLayers);
        for (int n = 0; n < networks.length; n++) {
            int depth = networks[n];
            List<InitSpeed> rows = table.stream().filter(row -> row.hiddenLayers() == depth)
                    .sorted(Comparator.comparingInt(InitSpeed::layer)).toList();
            double[] layers = rows.stream().mapToDouble(InitSpeed::layer).toArray();
            Color color = Charts.color(n);
            for (int l = 0; l < layers.length; l++) {
                XYSeries bar = Charts.line(chart, depth + " hidden: p10–p90 at layer " + (l + 1), new double[]{layers[l], layers[l]},
                        new double[]{rows.get(l).p10Norm(), rows.get(l).p90Norm()}, color, Charts.SOLID);
                bar.setShowInLegend(false);
            }
            Charts.points(chart, depth + " hidden: median, p10–p90 (" + rows.get(0).seeds() + " seeds)",
                    layers, values(rows, InitSpeed::medianNorm), color);
            // Beside the bar, not on it, so that the median stays visible.
            double[] beside = Arrays.stream(layers).map(l -> l + 0.07).toArray();
            XYSeries nielsen = Charts.scatter(chart, depth + " hidden: Nielsen's value", beside,
                    values(rows, InitSpeed::publishedNorm), color);
            nielsen.setMarker(SeriesMarkers.CROSS);
        }
        Charts.legendInside(chart, LegendPosition.InsideSE);
        wholeDecades(chart, table.stream()
                .flatMapToDouble(row -> DoubleStream.of(row.p10Norm(), row.p90Norm(), row.publishedNorm())).toArray());
        chart.getStyler().setMarkerSize(11);
        return chart;
    }

    /**
     * Small multiples, one panel per network as in Nielsen's chapter, on a shared log axis: each
     * hidden layer's median speed over the seeds, with their range as a band.
     */
    static Figure speedDuringTraining(List<EpochSpeed> speeds) {
        int[] networks = networks(speeds, EpochSpeed::hiddenLayers);
        long[] seeds = NielsenRuns.seeds(speeds);
        double[] all = values(speeds, EpochSpeed::speed);
        int epochs = NielsenRuns.lastEpoch(speeds) + 1;
        List<XYChart> panels = new ArrayList<>();
        for (int n = 0; n < networks.length; n++) {
            int depth = networks[n];
            // One y axis title, and the setting and the seeds stated once for the row of panels.
            String epochAxis = switch (n) {
                case 0 -> "epoch (median of " + seeds.length + " seeds, band: range)";
                case 1 -> "epoch (full batch of 1,000 images, η = 0.1, λ = 5)";
                default -> "epoch";
            };
            XYChart panel = Charts.xy(620, 600, VanishingChapter.architecture(depth), epochAxis,
                    n == 0 ? "‖mean ∂C/∂bˡ‖ of hidden layer l" : "");
            Charts.logY(panel);
            for (int layer = 1; layer <= depth; layer++) {
                List<List<EpochSpeed>> perSeed = new ArrayList<>();
                for (long seed : seeds) {
                    perSeed.add(drawn(NielsenRuns.rows(speeds, depth, seed, layer)));
                }
                double[] epoch = values(perSeed.get(0), EpochSpeed::epoch);
                double[] median = new double[epoch.length];
                double[] low = new double[epoch.length];
                double[] high = new double[epoch.length];
                for (int i = 0; i < epoch.length; i++) {
                    int at = i;
                    double[] overSeeds = perSeed.stream().mapToDouble(rows -> rows.get(at).speed()).toArray();
                    median[i] = Stats.median(overSeeds);
                    low[i] = Stats.quantile(overSeeds, 0);
                    high[i] = Stats.quantile(overSeeds, 1);
                }
                String name = "layer " + layer + (layer == 1 ? " (first)" : layer == depth ? " (last)" : "");
                Charts.band(panel, name + " range", epoch, low, high, Charts.color(layer - 1));
                Charts.line(panel, name, epoch, median, Charts.color(layer - 1), Charts.SOLID);
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
     * The recorded epochs a curve is drawn through: all of the first {@link #STEEP_EPOCHS}, where the
     * speeds fall fast, then every third one and the last; the SVG stays small and the curves smooth.
     */
    private static List<EpochSpeed> drawn(List<EpochSpeed> rows) {
        return IntStream.range(0, rows.size()).filter(i -> rows.get(i).epoch() < STEEP_EPOCHS || i % 3 == 0 || i == rows.size() - 1)
                .mapToObj(rows::get).toList();
    }

    /**
     * The weight decay alone shrinks every layer by the same factor, 1 - (1 - eta lambda / n)^epochs
     * (about 0.22 over 500 epochs), which would hide what the gradient did: the figure shows the
     * change with that shrinkage of the starting weights taken out, every seed as a point, and the
     * decay as a reference line.
     */
    static XYChart weightChange(List<WeightChange> changes, List<EpochSpeed> speeds) {
        int epochs = NielsenRuns.lastEpoch(speeds) + 1;
        double decay = 1 - NielsenRuns.decayFactor(epochs);
        long[] seeds = changes.stream().mapToLong(WeightChange::seed).distinct().sorted().toArray();
        XYChart chart = Charts.xy("What the gradient moved in " + epochs + " epochs, weight decay taken out", LAYER_AXIS,
                "‖W_end − (1 − ηλ/n)^epochs · W_start‖ / ‖W_start‖");
        Charts.logY(chart);
        Charts.integerX(chart);
        int[] networks = networks(changes, WeightChange::hiddenLayers);
        for (int n = 0; n < networks.length; n++) {
            int depth = networks[n];
            // The networks side by side at each layer, so that their points do not cover each other.
            double offset = (n - (networks.length - 1) / 2.0) * 0.12;
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (long seed : seeds) {
                for (WeightChange row : NielsenRuns.hiddenLayers(changes, depth, seed)) {
                    x.add(row.layer() + offset);
                    y.add(row.relativeChangeFromGradient());
                }
            }
            Charts.scatter(chart, VanishingChapter.architecture(depth) + ", " + seeds.length + " seeds",
                    x.stream().mapToDouble(Double::doubleValue).toArray(), y.stream().mapToDouble(Double::doubleValue).toArray(),
                    Charts.color(n));
        }
        int layers = Arrays.stream(networks).max().orElseThrow();
        Charts.horizontal(chart, String.format(Locale.ROOT, "reference: weight decay alone, %.3f", decay), decay, 0.5, layers + 0.5);
        // whole numbers at both ends, so that XChart puts its ticks on the layers
        Charts.xRange(chart, 0, layers + 1);
        Charts.legendInside(chart, LegendPosition.InsideSE);
        double[] moved = values(changes, WeightChange::relativeChangeFromGradient);
        wholeDecades(chart, DoubleStream.concat(Arrays.stream(moved), DoubleStream.of(decay)).toArray());
        return chart;
    }

    /**
     * Nielsen's window: the factor over the input a for several |w| (above the dashed line at 1 the
     * error grows going back), and the window's width against |w|, widest near |w| = 6.9.
     */
    static Figure unstableWindow(List<FactorPoint> factors, List<WindowWidth> widths) {
        double[] absW = values(widths, WindowWidth::absW);
        double[] width = values(widths, WindowWidth::width);
        int widest = IntStream.range(0, width.length).reduce((i, j) -> width[j] > width[i] ? j : i).orElseThrow();

        XYChart curves = Charts.xy(800, 640, "One step back through a unit, b = −|w|/2",
                "a, the unit's input", "|w σ′(wa + b)|, the factor on the error");
        double[] weights = factors.stream().mapToDouble(FactorPoint::absW).distinct().sorted().toArray();
        for (int k = 0; k < weights.length; k++) {
            double w = weights[k];
            List<FactorPoint> rows = factors.stream().filter(row -> row.absW() == w).toList();
            String name = w == absW[widest] ? String.format(Locale.ROOT, "|w| = %.2f, widest window", w)
                    : String.format(Locale.ROOT, "|w| = %s", new BigDecimal(w).stripTrailingZeros().toPlainString());
            Charts.line(curves, name, values(rows, FactorPoint::a), values(rows, FactorPoint::factor), Charts.color(k), Charts.SOLID);
        }
        Charts.horizontal(curves, "1: above, the error grows", 1, 0, 1);
        Charts.xRange(curves, 0, 1);
        Charts.legendInside(curves, LegendPosition.InsideNW);

        XYChart window = Charts.xy(800, 640, "Width in a of the window where |w σ′| ≥ 1", "|w| (log scale)", "width of the window in a");
        Charts.logX(window);
        Charts.line(window, "4 arcosh(√|w| / 2) / |w|; none for |w| ≤ 4", absW, width, Charts.color(0), Charts.SOLID);
        Charts.mark(window, String.format(Locale.ROOT, "widest: %.3f at |w| = %.2f", width[widest], absW[widest]), absW[widest], width[widest]);
        Charts.legendInside(window, LegendPosition.InsideNE);
        // XChart's default pattern writes 0.05 as ".05"
        window.setCustomYAxisTickLabelsFormatter(y -> BigDecimal.valueOf(Math.round(y * 1000) / 1000.0).stripTrailingZeros().toPlainString());
        return Figure.grid(2, List.of(curves, window));
    }
}
