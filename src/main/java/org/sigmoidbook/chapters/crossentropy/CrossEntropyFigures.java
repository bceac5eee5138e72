package org.sigmoidbook.chapters.crossentropy;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.nd4j.linalg.api.buffer.DataType;
import org.sigmoidbook.chapters.crossentropy.OutputNumerics.GridPoint;
import org.sigmoidbook.chapters.crossentropy.Recovery.Measurement;
import org.sigmoidbook.chapters.crossentropy.Recovery.Run;
import org.sigmoidbook.toolkit.charts.Charts;
import org.sigmoidbook.toolkit.charts.Figure;

/** The chapter's figures, each drawn from its tables alone. */
final class CrossEntropyFigures {

    /** Exact zeros have no logarithm: they are drawn as a dotted line at this floor, below every exact value on the grid. */
    static final double LOG_FLOOR = 1e-20;

    private static final double EXACT_MARK_EVERY = 4;
    private static final int PANEL_WIDTH = 720;
    private static final int PANEL_HEIGHT = 480;
    private static final Color DL4J = Charts.color(1);
    private static final Color FUSED = Charts.color(0);
    private static final Color SAMEDIFF = Charts.color(2);

    private CrossEntropyFigures() {
    }

    /** |dC/dz| for label 0 on a log axis, one panel per type; the legend sits where the curves leave room. */
    static Figure outputGradient(List<GridPoint> outputGradient) {
        return byType(outputGradient, "|∂C/∂z|", DataType.DOUBLE, LegendPosition.InsideS);
    }

    /** The loss C for label 0 on a log axis, one panel per type. */
    static Figure lossValue(List<GridPoint> lossValue) {
        return byType(lossValue, "Loss C", DataType.FLOAT, LegendPosition.InsideSE);
    }

    /**
     * Label 0 only: z > 0 is a confidently wrong output, z < 0 a confidently right one. Label 1 is the
     * mirror image (its numbers are in the tables). The legend is shown once, on the panel of
     * {@code legendType}.
     */
    private static Figure byType(List<GridPoint> table, String quantity, DataType legendType, LegendPosition legend) {
        List<XYChart> panels = new ArrayList<>();
        for (DataType type : OutputNumerics.TYPES) {
            XYChart chart = panel(table, type, quantity);
            Charts.legendInside(chart, legend);
            chart.getStyler().setLegendVisible(type == legendType);
            panels.add(chart);
        }
        return Figure.grid(2, panels);
    }

    /**
     * DL4J's line first, so that where it agrees with the others they cover it and only its departure
     * shows; the exact values as markers every {@link #EXACT_MARK_EVERY} in z, so that the lines under
     * them stay visible.
     */
    private static XYChart panel(List<GridPoint> table, DataType type, String quantity) {
        List<GridPoint> rows = table.stream().filter(point -> point.label() == 0 && point.dataType() == type).toList();
        double[] z = rows.stream().mapToDouble(GridPoint::z).toArray();
        XYChart chart = Charts.xy(PANEL_WIDTH, PANEL_HEIGHT, String.format(Locale.ROOT, "%s for label y = 0 in %s", quantity,
                        type == DataType.FLOAT ? "float32" : "float64"),
                "logit z", quantity + " (log scale)");
        Charts.logY(chart);
        Charts.line(chart, "DL4J XENT (sigmoid, clipped)", z, magnitudes(rows, GridPoint::dl4jXent), DL4J, Charts.SOLID);
        Charts.line(chart, "fused BCE with logits", z, magnitudes(rows, GridPoint::fused), FUSED, Charts.SOLID);
        Charts.line(chart, "SameDiff sigmoidCrossEntropy", z, magnitudes(rows, GridPoint::samediff), SAMEDIFF, Charts.DASHED);
        List<GridPoint> marked = rows.stream().filter(point -> Math.IEEEremainder(point.z(), EXACT_MARK_EVERY) == 0).toList();
        Charts.scatter(chart, "exact", marked.stream().mapToDouble(GridPoint::z).toArray(), magnitudes(marked, GridPoint::exact),
                Charts.REFERENCE_COLOR);
        zeros(chart, "DL4J XENT = 0 exactly (at 10⁻²⁰)", z, rows, GridPoint::dl4jXent, DL4J);
        zeros(chart, "SameDiff = 0 exactly (at 10⁻²⁰)", z, rows, GridPoint::samediff, SAMEDIFF);
        Charts.yRange(chart, LOG_FLOOR / 10, 1e2);
        labelXEvery(chart, 20);
        return chart;
    }

    /** |value|, with exact zeros left out (a gap): {@link #zeros} draws them. */
    private static double[] magnitudes(List<GridPoint> rows, ToDoubleFunction<GridPoint> way) {
        return rows.stream().mapToDouble(way).map(Math::abs).toArray();
    }

    /**
     * Where {@code way} gives exactly 0, a dotted line at {@link #LOG_FLOOR}; nothing if it never does.
     * Each run of zeros is one segment from its first z to its last: XChart restarts the dash pattern
     * on every segment, and a line through every grid point would look solid.
     */
    private static void zeros(XYChart chart, String name, double[] z, List<GridPoint> rows, ToDoubleFunction<GridPoint> way, Color color) {
        double[] values = rows.stream().mapToDouble(way).toArray();
        List<Double> x = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != 0) {
                continue;
            }
            int last = i;
            while (last + 1 < values.length && values[last + 1] == 0) {
                last++;
            }
            if (!x.isEmpty()) {
                x.add(Double.NaN);
            }
            x.add(z[i]);
            x.add(z[last]);
            i = last;
        }
        if (!x.isEmpty()) {
            double[] xs = x.stream().mapToDouble(Double::doubleValue).toArray();
            Charts.line(chart, name, xs, Arrays.stream(xs).map(v -> Double.isNaN(v) ? Double.NaN : LOG_FLOOR).toArray(), color, Charts.DOTTED);
        }
    }

    /**
     * Held-out accuracy against SGD steps, one panel per start, with the step at which each seed of the
     * spread recovered marked on the recovery line. (The training loss is in the tables.)
     */
    static Figure recovery(List<Measurement> from15, List<Measurement> from20, List<Run> spread) {
        List<XYChart> panels = new ArrayList<>();
        List<List<Measurement>> curves = List.of(from15, from20);
        for (int s = 0; s < curves.size(); s++) {
            double start = Recovery.START_LOGITS[s];
            XYChart chart = Charts.xy(PANEL_WIDTH, PANEL_HEIGHT, String.format(Locale.ROOT, "Every digit starts at z = %.0f (lines: first seed)", start),
                    "SGD step (minibatches of " + Recovery.BATCH_SIZE + ")", "held-out accuracy, 4s against 9s");
            for (OutputLoss loss : OutputLoss.values()) {
                List<Measurement> rows = curves.get(s).stream().filter(m -> m.loss() == loss).toList();
                Charts.line(chart, loss.label(), rows.stream().mapToDouble(Measurement::step).toArray(),
                        rows.stream().mapToDouble(Measurement::heldoutAccuracy).toArray(), color(loss), stroke(loss));
                double[] steps = spread.stream().filter(run -> run.startLogit() == start && run.loss() == loss)
                        .map(Run::stepsToRecover).filter(Objects::nonNull).mapToDouble(step -> step).toArray();
                if (steps.length > 0) {
                    double[] level = new double[steps.length];
                    Arrays.fill(level, Recovery.RECOVERED_ACCURACY);
                    Charts.scatter(chart, loss.label() + ", each seed", steps, level, color(loss)).setShowInLegend(false);
                }
            }
            Charts.horizontal(chart, String.format(Locale.ROOT, "recovered: %.0f%% (dots: each seed's first step there)", 100 * Recovery.RECOVERED_ACCURACY),
                    Recovery.RECOVERED_ACCURACY, 0, curves.get(s).stream().mapToInt(Measurement::step).max().orElseThrow());
            // Room below the start's accuracy of 0.5, where no line goes, for the legend.
            Charts.yRange(chart, 0.1, 1);
            Charts.legendInside(chart, LegendPosition.InsideSE);
            chart.getStyler().setLegendVisible(s == 0);
            labelXEvery(chart, 20);
            panels.add(chart);
        }
        return Figure.grid(2, panels);
    }

    /**
     * Tick labels only at multiples of {@code step}. XChart puts ticks on equally spaced data (here
     * every 4 units) and ignores its spacing hint there; the SVG draws every label as glyph outlines,
     * so fewer labels keep it small, and easier to read.
     */
    private static void labelXEvery(XYChart chart, double step) {
        chart.setCustomXAxisTickLabelsFormatter(x -> Math.abs(Math.IEEEremainder(x, step)) < 1e-9 ? String.format(Locale.ROOT, "%.0f", x) : "");
    }

    /** The quadratic cost dashed: where it stays at the start, DL4J's XENT often does too, and shows through. */
    private static BasicStroke stroke(OutputLoss loss) {
        return loss == OutputLoss.QUADRATIC ? Charts.DASHED : Charts.SOLID;
    }

    private static Color color(OutputLoss loss) {
        return switch (loss) {
            case FUSED -> FUSED;
            case DL4J_XENT -> DL4J;
            case QUADRATIC -> Charts.color(3);
        };
    }
}
