package org.sigmoidbook.chapters.implementation;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.sigmoidbook.chapters.implementation.ImplementationChapter.LayerAndGradient;
import org.sigmoidbook.chapters.implementation.ImplementationChapter.Output;
import org.sigmoidbook.chapters.implementation.UnfusedLoss.Point;
import org.sigmoidbook.toolkit.charts.Charts;
import org.sigmoidbook.toolkit.charts.Figure;

/** The implementation chapter's figures, drawn from its tables alone. */
final class ImplementationFigures {

    /** Below every exact value on the grid, and below the floors that exact zeros are drawn on. */
    static final double LOG_FLOOR = 1e-24;
    private static final int PANEL_WIDTH = 1200;
    private static final int PANEL_HEIGHT = 520;
    private static final double EXACT_MARK_EVERY = 4;
    private static final BasicStroke WIDE = new BasicStroke(7f);

    private ImplementationFigures() {
    }

    /** The layer's output and the gradient DL4J backpropagates through it, with PyTorch's values at the article's input on top. */
    static XYChart layerAndGradient(List<LayerAndGradient> curves, List<Output> outputs) {
        double[] z = curves.stream().mapToDouble(LayerAndGradient::z).toArray();
        XYChart chart = Charts.xy("nn.Sigmoid() in DL4J and in PyTorch: output and gradient", "z", "value");
        Charts.line(chart, "model(z): DL4J ActivationLayer(SIGMOID)", z, curves.stream().mapToDouble(LayerAndGradient::output).toArray());
        Charts.line(chart, "z.grad: DL4J backprop of dL/dy = 1", z, curves.stream().mapToDouble(LayerAndGradient::gradient).toArray());
        List<Output> pytorch = outputs.stream().filter(o -> o.pytorch() != null).toList();
        if (!pytorch.isEmpty()) {
            Charts.scatter(chart, "PyTorch (libtorch, this run): torch.sigmoid(x) and x.grad at x = −3, 0, 3",
                    pytorch.stream().mapToDouble(Output::z).toArray(), pytorch.stream().mapToDouble(Output::pytorch).toArray(),
                    Charts.REFERENCE_COLOR);
        }
        // Head room above the curves, so that the legend covers none of them.
        Charts.yRange(chart, -0.02, 1.3);
        Charts.legendInside(chart, LegendPosition.InsideNW);
        return chart;
    }

    /**
     * |∂L/∂z| of the cross-entropy of σ(z) in float32, one panel per label, on log axes, each way of
     * computing it a line; exact values as markers every {@link #EXACT_MARK_EVERY} in z. Where a way
     * returns exactly 0 it is drawn dotted on a floor of its own, so that no floor hides another; where
     * it returns NaN, the line stops and a dotted vertical line marks where. (The losses are in the table.)
     */
    static Figure unfusedLoss(List<Point> table) {
        return Figure.grid(1, UnfusedLoss.LABELS.stream().map(label -> panel(table.stream().filter(p -> p.label() == label).toList(), label))
                .toList());
    }

    private static XYChart panel(List<Point> rows, int label) {
        XYChart chart = Charts.xy(PANEL_WIDTH, PANEL_HEIGHT, "|∂L/∂z| for label y = " + label + " in float32", "logit z", "|∂L/∂z| (log scale)");
        Charts.logY(chart);
        for (Way way : Way.values()) {
            List<Point> points = rows.stream().filter(p -> p.computedBy().equals(way.computedBy)).toList();
            if (points.isEmpty()) {
                continue;
            }
            double[] z = points.stream().mapToDouble(Point::z).toArray();
            double[] gradient = points.stream().mapToDouble(p -> Math.abs(p.gradient())).toArray();
            Charts.line(chart, way.legend, z, Arrays.stream(gradient).map(v -> v > 0 && Double.isFinite(v) ? v : Double.NaN).toArray(),
                    way.color, way.stroke);
            double[] zeros = Arrays.stream(gradient).map(v -> v == 0 ? way.floor : Double.NaN).toArray();
            if (Arrays.stream(zeros).anyMatch(Double::isFinite)) {
                Charts.line(chart, way.legend + " = 0 (at " + decade(way.floor) + ")", z, zeros, way.color, Charts.DOTTED);
            }
            points.stream().filter(p -> Double.isNaN(p.gradient())).findFirst().ifPresent(broken ->
                    Charts.line(chart, way.legend + ": NaN from here", new double[]{broken.z(), broken.z()},
                            new double[]{LOG_FLOOR / 100, 1e3}, way.color, Charts.DOTTED));
        }
        List<Point> exact = rows.stream().filter(p -> p.computedBy().equals(UnfusedLoss.EXACT)
                && Math.IEEEremainder(p.z(), EXACT_MARK_EVERY) == 0).toList();
        Charts.scatter(chart, "exact", exact.stream().mapToDouble(Point::z).toArray(),
                exact.stream().mapToDouble(p -> Math.abs(p.gradient())).toArray(), Charts.REFERENCE_COLOR);
        Charts.yRange(chart, LOG_FLOOR / 100, 1e3);
        fewerTickLabels(chart);
        Charts.legendRight(chart);
        return chart;
    }

    /**
     * Labels every 10 in z and ticks about 150 pixels apart in |∂L/∂z|: an SVG draws every letter as
     * a path, and the repository keeps each figure's SVG under 200 KB.
     */
    private static void fewerTickLabels(XYChart chart) {
        chart.setCustomXAxisTickLabelsFormatter(z -> Math.abs(Math.IEEEremainder(z, 10)) < 1e-9 ? String.format(Locale.ROOT, "%.0f", z) : "");
        chart.getStyler().setYAxisTickMarkSpacingHint(150);
    }

    private static String decade(double floor) {
        return "10" + superscript(Math.round(Math.log10(floor)));
    }

    private static String superscript(long exponent) {
        String digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        StringBuilder text = new StringBuilder(exponent < 0 ? "⁻" : "");
        for (char c : Long.toString(Math.abs(exponent)).toCharArray()) {
            text.append(digits.charAt(c - '0'));
        }
        return text.toString();
    }

    /**
     * The ways of the unfused-loss figure: legend text (short: an SVG draws every letter as a path),
     * colour, stroke and the floor its exact zeros are drawn on. The two dashed ways agree over most of the grid: dashes of different lengths keep both
     * visible where they overlap.
     */
    private enum Way {
        BY_HAND(UnfusedLoss.BY_HAND, "by hand", Charts.translucent(Charts.color(2), 0.5), WIDE, 1e-23),
        DL4J(UnfusedLoss.DL4J, "DL4J XENT", Charts.color(0), Charts.SOLID, 1e-21),
        BCE(UnfusedLoss.BCE, "BCELoss(σ(z))", Charts.color(1), Charts.SOLID, 1e-22),
        WITH_LOGITS(UnfusedLoss.WITH_LOGITS, "BCEWithLogitsLoss", Charts.color(3), Charts.DASHED, 1e-24);

        private final String computedBy;
        private final String legend;
        private final Color color;
        private final BasicStroke stroke;
        private final double floor;

        Way(String computedBy, String legend, Color color, BasicStroke stroke, double floor) {
            this.computedBy = computedBy;
            this.legend = legend;
            this.color = color;
            this.stroke = stroke;
            this.floor = floor;
        }
    }
}
