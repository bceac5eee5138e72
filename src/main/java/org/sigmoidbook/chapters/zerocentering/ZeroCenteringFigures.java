package org.sigmoidbook.chapters.zerocentering;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sigmoidbook.chapters.zerocentering.Conditioning.Eigenvalue;
import org.sigmoidbook.chapters.zerocentering.Conditioning.Spectrum;
import org.sigmoidbook.chapters.zerocentering.Convergence.Epoch;
import org.sigmoidbook.chapters.zerocentering.SameSign.ByBatchSize;
import org.sigmoidbook.chapters.zerocentering.SameSign.ByFanIn;
import org.sigmoidbook.chapters.zerocentering.ZigZag.Input;
import org.sigmoidbook.chapters.zerocentering.ZigZag.Inputs;
import org.sigmoidbook.chapters.zerocentering.ZigZag.PathPoint;
import org.sigmoidbook.toolkit.charts.Charts;
import org.sigmoidbook.toolkit.charts.Figure;
import org.sigmoidbook.toolkit.nn.HiddenUnit;

/** The chapter's figures, each drawn from its tables alone. */
final class ZeroCenteringFigures {

    private static final int PANEL_WIDTH = 800;
    private static final int PANEL_HEIGHT = 620;
    private static final List<HiddenUnit> UNITS = ZeroCenteringChapter.UNITS;
    /** Palette entries lighter than the paths' colours 0 and 1 and close to them in hue: sky blue, orange. */
    private static final int[] CONTOUR_COLOURS = {5, 4};
    /** The loss of a uniform guess over ten digits. */
    private static final double CHANCE = Math.log(10);

    private ZeroCenteringFigures() {
    }

    private static Color colour(HiddenUnit unit) {
        return Charts.color(UNITS.indexOf(unit));
    }

    /** A unit's name in a legend: LeCun's tanh by its author, the formula is on the page (legend text makes SVGs large). */
    private static String label(HiddenUnit unit) {
        return unit == HiddenUnit.LECUN_TANH ? "LeCun tanh" : unit.label();
    }

    /** The rows of {@code rows} whose {@code key} is {@code value}, in order. */
    private static <R, K> List<R> rows(List<R> rows, Function<R, K> key, K value) {
        return rows.stream().filter(row -> key.apply(row).equals(value)).toList();
    }

    private static <R> double[] numbers(List<R> rows, ToDoubleFunction<R> column) {
        return rows.stream().mapToDouble(column).toArray();
    }

    private static double[][] points(List<Input> inputs) {
        return inputs.stream().map(x -> new double[]{x.x1(), x.x2()}).toArray(double[][]::new);
    }

    /** Both descents over the loss contours of their inputs (ellipses from the inputs' E[xx']). */
    static XYChart zigzag(List<Input> inputs, List<PathPoint> paths) {
        XYChart chart = Charts.xy("Two weights: positive vs centred inputs", "weight w₁", "weight w₂");
        Charts.legendRight(chart);
        double[] levels = {1, 0.4, 0.15, 0.04};
        Inputs[] sets = Inputs.values();
        for (int k = 0; k < levels.length; k++) {
            for (int s = 0; s < sets.length; s++) {
                double[][] x = points(rows(inputs, Input::inputs, sets[s]));
                double[][] ring = ZigZag.contour(x, levels[k] * ZigZag.loss(x, ZigZag.START), 241);
                XYSeries series = Charts.line(chart, "loss contours, " + sets[s].id() + " inputs" + (k == 0 ? "" : " " + k),
                        ring[0], ring[1], Charts.color(CONTOUR_COLOURS[s]), Charts.SOLID);
                series.setShowInLegend(k == 0);
            }
        }
        for (int s = 0; s < sets.length; s++) {
            List<PathPoint> path = rows(paths, PathPoint::inputs, sets[s]);
            double[] w1 = numbers(path, PathPoint::w1);
            double[] w2 = numbers(path, PathPoint::w2);
            int steps = w1.length - 1;
            boolean reached = ZigZag.withinTolerance(w1[steps], w2[steps]);
            String label = (s == 0 ? "x = σ(u) > 0: " : "centred x − x̄: ") + steps + " steps" + (reached ? " to 1% of the distance" : ", not within 1%");
            Charts.points(chart, label, w1, w2, Charts.color(s));
        }
        // about the same length per unit on both axes, so that a step at 45 degrees looks like one
        Charts.xRange(chart, -4.5, 7.0);
        Charts.yRange(chart, -6.5, 3.5);
        Charts.mark(chart, "start", ZigZag.START[0], ZigZag.START[1]);
        Charts.mark(chart, "optimum w*", ZigZag.OPTIMUM[0], ZigZag.OPTIMUM[1]).setMarker(SeriesMarkers.CROSS);
        return chart;
    }

    /**
     * Units whose values agree within a relative {@code tolerance} everywhere, in groups (the first
     * unit's values stand for its group): one line and one legend entry each, so that no line hides
     * under another.
     */
    private static <R> Map<HiddenUnit, List<HiddenUnit>> coinciding(List<R> table, Function<R, HiddenUnit> hidden,
                                                                    ToDoubleFunction<R> column, double tolerance) {
        Map<HiddenUnit, List<HiddenUnit>> groups = new LinkedHashMap<>();
        for (HiddenUnit unit : UNITS.stream().filter(u -> table.stream().anyMatch(row -> hidden.apply(row) == u)).toList()) {
            double[] values = numbers(rows(table, hidden, unit), column);
            HiddenUnit match = groups.keySet().stream()
                    .filter(first -> agree(numbers(rows(table, hidden, first), column), values, tolerance)).findFirst().orElse(unit);
            groups.computeIfAbsent(match, m -> new ArrayList<>()).add(unit);
        }
        return groups;
    }

    private static boolean agree(double[] a, double[] b, double tolerance) {
        for (int i = 0; i < a.length; i++) {
            if (Math.abs(a[i] - b[i]) > tolerance * Math.max(Math.abs(a[i]), Math.abs(b[i]))) {
                return false;
            }
        }
        return true;
    }

    private static String together(List<HiddenUnit> units, String alone, String agreement) {
        List<String> names = units.stream().map(ZeroCenteringFigures::label).toList();
        return units.size() == 1 ? names.get(0) + alone : String.join(", ", names) + " (" + agreement + ")";
    }

    /** Single examples over the fan-in, and minibatch means over the batch size. */
    static Figure sameSign(List<ByFanIn> perExample, List<ByBatchSize> perBatch) {
        XYChart examples = Charts.xy(PANEL_WIDTH, PANEL_HEIGHT, "One digit: all gradients of one sign?",
                "fan-in n (log scale)", "fraction of (digit, neuron) pairs");
        Charts.logX(examples);
        double[] fanIns = numbers(rows(perExample, ByFanIn::hidden, UNITS.get(0)), ByFanIn::fanIn);
        for (var group : coinciding(perExample, ByFanIn::hidden, ByFanIn::sameSignFraction, 0).entrySet()) {
            Charts.points(examples, together(group.getValue(), " inputs", "identical"), fanIns,
                    numbers(rows(perExample, ByFanIn::hidden, group.getKey()), ByFanIn::sameSignFraction), colour(group.getKey()));
        }
        Charts.reference(examples, "2^(1−n): independent signs", fanIns,
                Arrays.stream(fanIns).map(n -> Math.pow(2, 1 - n)).toArray());
        Charts.yRange(examples, -0.02, 1.05);
        Charts.legendInside(examples, LegendPosition.InsideNE);

        int fanIn = SameSign.BATCH_FAN_IN;
        XYChart batches = Charts.xy(PANEL_WIDTH, PANEL_HEIGHT, "Minibatch mean, fan-in " + fanIn,
                "minibatch size B (log scale)", "fraction of (minibatch, neuron) pairs");
        Charts.logX(batches);
        for (var group : coinciding(perBatch, ByBatchSize::hidden, ByBatchSize::sameSignFraction, 0).entrySet()) {
            List<ByBatchSize> first = rows(perBatch, ByBatchSize::hidden, group.getKey());
            Charts.points(batches, together(group.getValue(), " inputs", "identical"), numbers(first, ByBatchSize::batchSize),
                    numbers(first, ByBatchSize::sameSignFraction), colour(group.getKey()));
        }
        Charts.yRange(batches, -0.02, 1.05);
        Charts.legendInside(batches, LegendPosition.InsideNE);
        return Figure.grid(2, List.of(examples, batches));
    }

    /** Condition number of E[xx'] over the number of inputs, and the spectrum of the MNIST layer. */
    static Figure conditioning(List<Spectrum> conditioning, List<Eigenvalue> eigenvalues) {
        List<Spectrum> gaussian = rows(conditioning, Spectrum::inputs, Conditioning.Inputs.GAUSSIAN);
        XYChart growth = Charts.xy(PANEL_WIDTH, PANEL_HEIGHT, "Condition number of E[xxᵀ], u ~ N(0, 1)",
                "inputs n (log scale), " + gaussian.get(0).examples() + " samples of x",
                "largest / smallest eigenvalue (log scale)");
        Charts.logX(growth);
        Charts.logY(growth);
        List<Spectrum> sigmoid = rows(gaussian, Spectrum::hidden, UNITS.get(0));
        double[] n = numbers(sigmoid, Spectrum::n);
        Charts.reference(growth, "closed form 1 + n m²/v, σ: m = ½", n, numbers(sigmoid, Spectrum::closedFormConditionNumber));
        Charts.horizontal(growth, "closed form, centred: 1", 1, 1, 100);
        for (var group : coinciding(gaussian, Spectrum::hidden, Spectrum::conditionNumber, 0.01).entrySet()) {
            List<Spectrum> measured = rows(gaussian, Spectrum::hidden, group.getKey());
            Charts.points(growth, together(group.getValue(), "", "within 1%"), numbers(measured, Spectrum::n),
                    numbers(measured, Spectrum::conditionNumber), colour(group.getKey()));
        }
        Charts.xRange(growth, 1, 100);
        Charts.legendInside(growth, LegendPosition.InsideNW);

        XYChart spectrum = Charts.xy(PANEL_WIDTH, PANEL_HEIGHT, "Eigenvalues of E[xxᵀ], MNIST layer 1",
                "rank, 1 = largest (log scale)", "eigenvalue (log scale)");
        Charts.logX(spectrum);
        Charts.logY(spectrum);
        for (HiddenUnit unit : UNITS) {
            List<Eigenvalue> spectrumOf = rows(eigenvalues, Eigenvalue::hidden, unit);
            Charts.line(spectrum, label(unit), numbers(spectrumOf, Eigenvalue::rank), numbers(spectrumOf, Eigenvalue::eigenvalue),
                    colour(unit), Charts.SOLID);
        }
        // XChart labels a log axis only when its ends are whole decades
        double[] eigen = numbers(eigenvalues, Eigenvalue::eigenvalue);
        Charts.yRange(spectrum, Math.pow(10, Math.floor(Math.log10(Arrays.stream(eigen).min().orElseThrow()))),
                Math.pow(10, Math.ceil(Math.log10(Arrays.stream(eigen).max().orElseThrow()))));
        Charts.xRange(spectrum, 1, 100);
        Charts.legendInside(spectrum, LegendPosition.InsideNE);
        return Figure.grid(2, List.of(growth, spectrum));
    }

    private static List<Epoch> runsAt(List<Epoch> convergence, double scale) {
        return convergence.stream().filter(row -> row.hiddenWeightScale() == scale).toList();
    }

    private static int lastEpoch(List<Epoch> runs) {
        return runs.stream().mapToInt(Epoch::epoch).max().orElseThrow();
    }

    /** A loss chart whose chance line goes in first, so that curves at chance lie on it without hiding it. */
    private static XYChart lossChart(int width, int height, String title, String yTitle, int epochs) {
        XYChart chart = Charts.xy(width, height, title, "epoch", yTitle);
        Charts.integerX(chart);
        Charts.horizontal(chart, "ln 10: chance", CHANCE, 0, epochs);
        return chart;
    }

    /** Training loss as a solid line with points, held-out loss dashed, in the unit's colour. */
    private static void addRun(XYChart chart, List<Epoch> run, String label, boolean heldOutInLegend) {
        Color colour = colour(run.get(0).hidden());
        double[] epoch = numbers(run, Epoch::epoch);
        Charts.points(chart, heldOutInLegend ? label + ": training" : label, epoch, numbers(run, Epoch::trainLoss), colour);
        Charts.line(chart, label + ": held out", epoch, numbers(run, Epoch::heldoutLoss), colour, Charts.DASHED)
                .setShowInLegend(heldOutInLegend);
    }

    private static double[] lossRange(List<Epoch> runs) {
        double low = CHANCE;
        double high = CHANCE;
        for (Epoch row : runs) {
            low = Math.min(low, Math.min(row.trainLoss(), row.heldoutLoss()));
            high = Math.max(high, Math.max(row.trainLoss(), row.heldoutLoss()));
        }
        return new double[]{low, high};
    }

    /**
     * The four units at the same initialisation, and beside them, on a zoomed loss axis, the runs
     * that stay at chance (final training loss above 2), which would otherwise lie on the chance line.
     */
    static Figure convergence(List<Epoch> convergence) {
        List<Epoch> runs = runsAt(convergence, 1);
        int epochs = lastEpoch(runs);
        XYChart all = lossChart(PANEL_WIDTH, PANEL_HEIGHT, "Same deep MLP, four hidden units",
                "cross-entropy (solid: training, dashed: held out)", epochs);
        List<HiddenUnit> stuck = new ArrayList<>();
        for (HiddenUnit unit : UNITS) {
            List<Epoch> run = rows(runs, Epoch::hidden, unit);
            addRun(all, run, label(unit), false);
            if (run.get(run.size() - 1).trainLoss() > 2) {
                stuck.add(unit);
            }
        }
        Charts.yRange(all, 0, 1.45 * lossRange(runs)[1]);
        Charts.legendInside(all, LegendPosition.InsideNE);
        if (stuck.isEmpty()) {
            return Figure.of(all);
        }

        // Stuck networks give every digit the same output, so their held-out loss equals the training loss
        // to a few decimals: one line each, with the largest gap in the legend.
        XYChart zoom = lossChart(PANEL_WIDTH, PANEL_HEIGHT, "Zoomed: the runs stuck at chance", "cross-entropy", epochs);
        for (HiddenUnit unit : stuck) {
            List<Epoch> run = rows(runs, Epoch::hidden, unit);
            double[] train = numbers(run, Epoch::trainLoss);
            double[] heldOut = numbers(run, Epoch::heldoutLoss);
            double gap = 0;
            for (int e = 0; e < train.length; e++) {
                gap = Math.max(gap, Math.abs(train[e] - heldOut[e]));
            }
            Charts.points(zoom, String.format(Locale.ROOT, "%s: training = held out ± %.0e", label(unit), gap),
                    numbers(run, Epoch::epoch), train, colour(unit));
        }
        double[] range = lossRange(runs.stream().filter(row -> stuck.contains(row.hidden())).toList());
        double span = range[1] - range[0];
        Charts.yRange(zoom, range[0] - 0.05 * span, range[1] + 0.4 * span);
        Charts.legendInside(zoom, LegendPosition.InsideNE);
        return Figure.grid(2, List.of(all, zoom));
    }

    /** The sigmoid against sigmoid − ½ with the hidden weights scaled by {@code scale}. */
    static XYChart centring(List<Epoch> convergence, double scale) {
        List<Epoch> runs = runsAt(convergence, scale);
        int epochs = lastEpoch(runs);
        XYChart chart = lossChart(Charts.WIDTH, Charts.HEIGHT,
                "Centring alone: hidden weights × " + (int) scale + " (Glorot's factor for σ)", "cross-entropy loss", epochs);
        Charts.legendRight(chart);
        for (HiddenUnit unit : UNITS) {
            List<Epoch> run = rows(runs, Epoch::hidden, unit);
            if (!run.isEmpty()) {
                addRun(chart, run, label(unit) + ", weights × " + (int) scale, true);
            }
        }
        Charts.yRange(chart, 0, 1.05 * lossRange(runs)[1]);
        return chart;
    }
}
