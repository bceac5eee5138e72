package org.sigmoidbook.chapters.saturation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
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

    /** derivative-tail.csv has a point every 0.2 in z; the figure marks the computed values every 5. */
    private static final int MARKER_SPACING = 25;
    /** About this many markers per form in each panel of the left tail. */
    private static final int LEFT_TAIL_MARKERS = 30;

    private TailFigures() {
    }

    /** sigma' far into both tails, exact and as computed in floating point, with the z where each computed form becomes exactly 0. */
    static XYChart derivativeTail(List<DerivativePoint> curves, List<Threshold> thresholds) {
        double[] z = curves.stream().mapToDouble(DerivativePoint::z).toArray();
        double from = z[0];
        double to = z[z.length - 1];
        double doubleLeft = Tails.thresholdZ(thresholds, "ND4J DOUBLE", "sigma' == 0 up to z");
        XYChart chart = Charts.xy("σ'(z) far into the tails, computed two ways from ND4J's σ",
                String.format(Locale.ROOT, "z   (float64: σ' = 0 also for z ≤ %.2f, off the chart)", doubleLeft),
                "σ'(z)  (log scale; exact zeros are gaps)");
        Charts.logY(chart);
        Charts.reference(chart, "exact σ'(z)", z,
                curves.stream().mapToDouble(DerivativePoint::exactSigmaPrime).toArray());
        // the computed values as markers every 5 units, the three forms staggered, so that the exact line stays in view
        int third = MARKER_SPACING / 3;
        Charts.scatter(chart, "float32, s(1 − s) as in DL4J", every(z, 0, MARKER_SPACING),
                every(curves.stream().mapToDouble(DerivativePoint::dl4jFloatSigmaPrime).toArray(), 0, MARKER_SPACING), Charts.color(0));
        Charts.scatter(chart, "float64, s(1 − s) as in DL4J", every(z, third, MARKER_SPACING),
                every(curves.stream().mapToDouble(DerivativePoint::dl4jDoubleSigmaPrime).toArray(), third, MARKER_SPACING), Charts.color(1));
        Charts.scatter(chart, "float32, σ(z)·σ(−z)", every(z, 2 * third, MARKER_SPACING),
                every(curves.stream().mapToDouble(DerivativePoint::productFloatSigmaPrime).toArray(), 2 * third, MARKER_SPACING),
                Charts.color(2));
        double saturated = GradientRecorder.SATURATION_THRESHOLD;
        XYSeries mark = Charts.horizontal(chart, "saturated: σ' < " + saturated, saturated, from, to);
        mark.setLineColor(Charts.color(6));
        mark.setLineStyle(Charts.DOTTED);
        double bottom = 1e-48;
        double floatLeft = Tails.thresholdZ(thresholds, "ND4J FLOAT", "sigma' == 0 up to z");
        double floatRight = Tails.thresholdZ(thresholds, "ND4J FLOAT", "sigma' == 0 from z");
        double doubleRight = Tails.thresholdZ(thresholds, "ND4J DOUBLE", "sigma' == 0 from z");
        double productRight = Tails.thresholdZ(thresholds, "ND4J FLOAT, sigma(z) sigma(-z)", "sigma' == 0 from z");
        // the thresholds come down from the top to below the curve, leaving the bottom middle to the legend
        threshold(chart, String.format(Locale.ROOT, "float32: σ = 0, every σ' = 0 for z ≤ %.2f", floatLeft), floatLeft, bottom, 3);
        threshold(chart, String.format(Locale.ROOT, "float32: σ = 1, s(1 − s) = 0 for z ≥ %.2f", floatRight),
                floatRight, Tails.exactSlope(floatRight) / 1e3, 4);
        threshold(chart, String.format(Locale.ROOT, "float64: σ = 1, s(1 − s) = 0 for z ≥ %.2f", doubleRight),
                doubleRight, Tails.exactSlope(doubleRight) / 1e3, 5);
        threshold(chart, String.format(Locale.ROOT, "float32: σ(z)·σ(−z) = 0 for z ≥ %.2f", productRight),
                productRight, bottom, 2);
        Charts.xRange(chart, from, to);
        Charts.yRange(chart, bottom, 10);
        Charts.legendInside(chart, Styler.LegendPosition.InsideS);
        return chart;
    }

    private static void threshold(XYChart chart, String name, double z, double low, int color) {
        Charts.vertical(chart, name, z, low, 10).setLineColor(Charts.color(color));
    }

    /**
     * On the right tail, each form's relative error |computed - exact| / exact against the unit
     * roundoff of its type, at every other grid point: none where the computed value is 0 (the legend
     * says from where), and gaps where it is exact.
     */
    static XYChart derivativeError(List<DerivativePoint> curves, List<Threshold> thresholds) {
        List<DerivativePoint> right = new ArrayList<>();
        for (int i = 0; i < curves.size(); i += 2) {
            if (curves.get(i).z() >= 0) {
                right.add(curves.get(i));
            }
        }
        double[] z = right.stream().mapToDouble(DerivativePoint::z).toArray();
        XYChart chart = Charts.xy("Relative error of the computed σ'(z) in the right tail", "z",
                "|computed − exact| / exact  (log scale)");
        Charts.logY(chart);
        String zeroFrom = "; σ' = 0 from z = %.2f";
        Charts.scatter(chart, String.format(Locale.ROOT, "float32, s(1 − s): 1 − s cancels" + zeroFrom,
                Tails.thresholdZ(thresholds, "ND4J FLOAT", "sigma' == 0 from z")),
                z, errors(right, DerivativePoint::dl4jFloatSigmaPrime), Charts.color(0));
        Charts.scatter(chart, String.format(Locale.ROOT, "float64, s(1 − s)" + zeroFrom,
                Tails.thresholdZ(thresholds, "ND4J DOUBLE", "sigma' == 0 from z")),
                z, errors(right, DerivativePoint::dl4jDoubleSigmaPrime), Charts.color(1));
        Charts.scatter(chart, String.format(Locale.ROOT, "float32, σ(z)·σ(−z)" + zeroFrom,
                Tails.thresholdZ(thresholds, "ND4J FLOAT, sigma(z) sigma(-z)", "sigma' == 0 from z")),
                z, errors(right, DerivativePoint::productFloatSigmaPrime), Charts.color(2));
        Charts.horizontal(chart, String.format(Locale.ROOT, "unit roundoff of float32, 2⁻²⁴ = %.2g", Tails.FLOAT_UNIT_ROUNDOFF),
                Tails.FLOAT_UNIT_ROUNDOFF, 0, z[z.length - 1]).setLineColor(Charts.color(0));
        // the float64 line only as far as its errors reach, and the subnormal mark only down to the curve: the lower right is the legend's
        Charts.horizontal(chart, String.format(Locale.ROOT, "unit roundoff of float64, 2⁻⁵³ = %.2g", Tails.DOUBLE_UNIT_ROUNDOFF),
                Tails.DOUBLE_UNIT_ROUNDOFF, 0, 40).setLineColor(Charts.color(1));
        Charts.vertical(chart, String.format(Locale.ROOT, "σ(−z) subnormal in float32 from 126 ln 2 = %.2f", Tails.FLOAT_NORMAL_LIMIT),
                Tails.FLOAT_NORMAL_LIMIT, 1e-10, 10).setLineColor(Charts.color(2));
        Charts.xRange(chart, 0, z[z.length - 1]);
        Charts.yRange(chart, 1e-18, 10);
        Charts.legendInside(chart, Styler.LegendPosition.InsideSE);
        return chart;
    }

    /** The relative errors of one computed column; NaN (a gap) where it is exact or 0. */
    private static double[] errors(List<DerivativePoint> points, ToDoubleFunction<DerivativePoint> computed) {
        return points.stream().mapToDouble(p -> {
            double value = computed.applyAsDouble(p);
            double error = Tails.relativeError(value, p.exactSigmaPrime());
            return value != 0 && error > 0 ? error : Double.NaN;
        }).toArray();
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
