package org.sigmoidbook.chapters.saturation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.nd4j.linalg.api.buffer.DataType;
import org.sigmoidbook.chapters.saturation.Tails.DerivativePoint;
import org.sigmoidbook.chapters.saturation.Tails.LeftTailPoint;
import org.sigmoidbook.chapters.saturation.Tails.Threshold;
import org.sigmoidbook.toolkit.charts.Charts;
import org.sigmoidbook.toolkit.charts.Figure;
import org.sigmoidbook.toolkit.nn.GradientRecorder;

/** The figures of the floating-point tails, drawn from derivative-tail.csv, left-tail.csv and thresholds.csv. */
final class TailFigures {

    /** derivative-tail.csv has a point every 0.1 in z; the figure marks DL4J's values every 5. */
    private static final int MARKER_SPACING = 50;
    /** About this many markers per form in each panel of the left tail. */
    private static final int LEFT_TAIL_MARKERS = 30;

    private TailFigures() {
    }

    /** DL4J's sigma' in FLOAT and DOUBLE against the exact one, with the z where each becomes exactly 0. */
    static XYChart derivativeTail(List<DerivativePoint> curves, List<Threshold> thresholds) {
        double[] z = curves.stream().mapToDouble(DerivativePoint::z).toArray();
        double from = z[0];
        double to = z[z.length - 1];
        double doubleLeft = Tails.thresholdZ(thresholds, "ND4J DOUBLE", "sigma' == 0 up to z");
        XYChart chart = Charts.xy("σ'(z) far into the tails, as DL4J computes it",
                String.format(Locale.ROOT, "z   (in DOUBLE, σ' = 0 also for z ≤ %.2f, off this chart)", doubleLeft),
                "σ'(z)  (log scale; exact zeros are gaps)");
        Charts.logY(chart);
        Charts.reference(chart, "exact: σ'(z) = e^−|z| / (1 + e^−|z|)²", z,
                curves.stream().mapToDouble(DerivativePoint::exactSigmaPrime).toArray());
        // DL4J's values as markers every 5 units, the two types staggered, so that the exact line stays in view
        double[] floats = curves.stream().mapToDouble(DerivativePoint::dl4jFloatSigmaPrime).toArray();
        double[] doubles = curves.stream().mapToDouble(DerivativePoint::dl4jDoubleSigmaPrime).toArray();
        int half = MARKER_SPACING / 2;
        Charts.scatter(chart, "DL4J backprop, FLOAT: a marker every 5 in z, none where σ' = 0",
                every(z, 0, MARKER_SPACING), every(floats, 0, MARKER_SPACING), Charts.color(0));
        Charts.scatter(chart, "DL4J backprop, DOUBLE: markers in between",
                every(z, half, MARKER_SPACING), every(doubles, half, MARKER_SPACING), Charts.color(1));
        double saturated = GradientRecorder.SATURATION_THRESHOLD;
        Charts.horizontal(chart, "saturated: σ' < " + saturated, saturated, from, to).setLineColor(Charts.color(2));
        double bottom = 1e-46;
        double floatLeft = Tails.thresholdZ(thresholds, "ND4J FLOAT", "sigma' == 0 up to z");
        double floatRight = Tails.thresholdZ(thresholds, "ND4J FLOAT", "sigma' == 0 from z");
        double doubleRight = Tails.thresholdZ(thresholds, "ND4J DOUBLE", "sigma' == 0 from z");
        Charts.vertical(chart, String.format(Locale.ROOT, "FLOAT: e^−z overflows, σ' = 0 for z ≤ %.2f", floatLeft), floatLeft, bottom, 1)
                .setLineColor(Charts.color(3));
        Charts.vertical(chart, String.format(Locale.ROOT, "FLOAT: σ rounds to 1, σ' = 0 for z ≥ %.2f", floatRight), floatRight, bottom, 1)
                .setLineColor(Charts.color(4));
        Charts.vertical(chart, String.format(Locale.ROOT, "DOUBLE: σ rounds to 1, σ' = 0 for z ≥ %.2f", doubleRight), doubleRight, bottom, 1)
                .setLineColor(Charts.color(5));
        Charts.xRange(chart, from, to);
        Charts.legendInside(chart, Styler.LegendPosition.InsideSE);
        return chart;
    }

    /**
     * sigma(z) where the left tail ends, one panel per type: ND4J's naive form drops to 0 where e^-z
     * overflows, the stable form carries on through the subnormal numbers.
     */
    static Figure leftTail(List<LeftTailPoint> tail, List<Threshold> thresholds) {
        List<XYChart> panels = new ArrayList<>();
        for (DataType dataType : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
            String type = dataType.name();
            List<LeftTailPoint> rows = tail.stream().filter(row -> row.dataType() == dataType).toList();
            double[] z = rows.stream().mapToDouble(LeftTailPoint::z).toArray();
            double[] exact = rows.stream().mapToDouble(LeftTailPoint::exactLog10Sigma).toArray();
            double overflow = Tails.thresholdZ(thresholds, "ND4J " + type, "sigma == 0 up to z");
            double underflow = Tails.thresholdZ(thresholds, "Java " + type.toLowerCase(Locale.ROOT) + ", stable form",
                    "sigma == 0 up to z");
            XYChart chart = Charts.xy(Charts.WIDTH / 2, Charts.HEIGHT, "The left tail in " + type,
                    "z", "log₁₀ σ(z)  (exact zeros are gaps)");
            Charts.reference(chart, "exact", z, exact);
            // markers, staggered, so that neither form hides the other or the exact line
            int spacing = z.length / LEFT_TAIL_MARKERS;
            Charts.scatter(chart, "ND4J, naive: 1 / (1 + e^−z)", every(z, 0, spacing),
                    every(log10(rows.stream().mapToDouble(LeftTailPoint::nd4jSigma).toArray()), 0, spacing), Charts.color(0));
            Charts.scatter(chart, "stable: e^z / (1 + e^z)", every(z, spacing / 2, spacing),
                    every(log10(rows.stream().mapToDouble(LeftTailPoint::stableFormSigma).toArray()), spacing / 2, spacing),
                    Charts.color(2));
            double low = Math.floor(exact[0]);
            // the thresholds rise from the bottom to just above the curve, leaving the upper left to the legend
            Charts.vertical(chart, String.format(Locale.ROOT, "e^−z overflows: z = %.2f", overflow), overflow, low,
                    exact[nearest(z, overflow)] + 1).setLineColor(Charts.color(3));
            String halfSmallestSubnormal = dataType == DataType.FLOAT ? "2⁻¹⁵⁰" : "2⁻¹⁰⁷⁵";
            Charts.vertical(chart, String.format(Locale.ROOT, "e^z ≤ %s: z = %.2f", halfSmallestSubnormal, underflow),
                    underflow, low, exact[nearest(z, underflow)] + 1).setLineColor(Charts.color(4));
            Charts.xRange(chart, z[0], z[z.length - 1]);
            Charts.legendInside(chart, Styler.LegendPosition.InsideNW);
            panels.add(chart);
        }
        return Figure.grid(2, panels);
    }

    /** Every {@code spacing}-th value from {@code offset} on. */
    private static double[] every(double[] values, int offset, int spacing) {
        double[] picked = new double[(values.length - offset + spacing - 1) / spacing];
        for (int i = 0; i < picked.length; i++) {
            picked[i] = values[offset + i * spacing];
        }
        return picked;
    }

    private static int nearest(double[] values, double value) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (Math.abs(values[i] - value) < Math.abs(values[best] - value)) {
                best = i;
            }
        }
        return best;
    }

    private static double[] log10(double[] values) {
        double[] logs = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            logs[i] = values[i] > 0 ? Math.log10(values[i]) : Double.NaN;
        }
        return logs;
    }
}
