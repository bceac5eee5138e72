package org.sigmoidbook.chapters.equation;

import static org.sigmoidbook.chapters.equation.EquationChapter.BINS;
import static org.sigmoidbook.toolkit.data.Digits.NEGATIVE_DIGIT;
import static org.sigmoidbook.toolkit.data.Digits.POSITIVE_DIGIT;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.sigmoidbook.chapters.equation.EquationChapter.Prediction;
import org.sigmoidbook.chapters.equation.EquationChapter.SigmoidValue;
import org.sigmoidbook.toolkit.charts.BookTheme;
import org.sigmoidbook.toolkit.charts.Charts;

/** The equation chapter's figures, drawn from its tables alone. */
final class EquationFigures {

    /** Where the reliability diagram writes each bin's count: a row below a frequency of 0. */
    private static final double COUNT_ROW = -0.06;

    private EquationFigures() {
    }

    static XYChart curveChart(List<SigmoidValue> values) {
        double[] z = values.stream().mapToDouble(SigmoidValue::z).toArray();
        XYChart chart = Charts.xy("The sigmoid squashes every z into (0, 1)", "z", "σ(z)");
        Charts.line(chart, "σ(z) = 1 / (1 + e^−z)", z, values.stream().mapToDouble(SigmoidValue::sigma).toArray());
        // One series draws both asymptotes: XChart breaks a line at NaN.
        Charts.reference(chart, "limits: σ → 0 as z → −∞, σ → 1 as z → +∞",
                new double[]{z[0], z[z.length - 1], Double.NaN, z[0], z[z.length - 1]}, new double[]{0, 0, Double.NaN, 1, 1});
        Charts.mark(chart, "σ(0) = 0.5", 0, 0.5);
        Charts.yRange(chart, -0.08, 1.08);
        return chart;
    }

    /**
     * Held-out digits per bin of predicted probability as mirrored bars: the 4s above the axis, the 9s
     * below it, so that neither class hides the other; each bar is labelled with its count, since the
     * two end bins dwarf the rest on a linear axis.
     */
    static XYChart histogram(List<Prediction> predictions) {
        int[][] counts = new int[2][BINS];
        for (Prediction prediction : predictions) {
            counts[prediction.y()][Math.min(BINS - 1, (int) (prediction.pNine() * BINS))]++;
        }
        int largest = Arrays.stream(counts).flatMapToInt(Arrays::stream).max().orElseThrow();
        XYChart chart = Charts.xy("Held-out predictions P(y = 1 | x) by true digit (one training seed)",
                "predicted probability that the digit is a 9 (bins of width " + 1.0 / BINS + ")",
                "held-out digits in the bin (4s up, 9s down)");
        bars(chart, "true digit " + NEGATIVE_DIGIT + " (y = 0), above the axis", counts[0], 1, largest, Charts.color(0));
        bars(chart, "true digit " + POSITIVE_DIGIT + " (y = 1), below the axis", counts[1], -1, largest, Charts.color(1));
        Charts.line(chart, "the axis", new double[]{0, 1}, new double[]{0, 0}, Color.GRAY, new BasicStroke(1f)).setShowInLegend(false);
        // Counts both ways; XChart drops tick labels that are not all distinct, so those below the axis end in a thin space.
        chart.setCustomYAxisTickLabelsFormatter(y -> String.format(Locale.ROOT, "%.0f", Math.abs(y)) + (y < 0 ? "\u2009" : ""));
        Charts.xRange(chart, 0, 1);
        Charts.yRange(chart, -1.2 * largest, 1.2 * largest);
        Charts.legendInside(chart, Styler.LegendPosition.InsideN);
        chart.getStyler().setAnnotationTextFontColor(Color.DARK_GRAY).setAnnotationTextFont(new Font(BookTheme.FONT, Font.PLAIN, 14));
        return chart;
    }

    /**
     * One class's bars, drawn upward ({@code direction} 1) or downward (-1) from 0, with a small gap
     * between bins, and its count beside each bar that is not empty.
     */
    private static void bars(XYChart chart, String name, int[] counts, int direction, int largest, Color color) {
        double gap = 0.1 / BINS;
        double[] x = new double[4 * BINS];
        double[] top = new double[4 * BINS];
        for (int b = 0; b < BINS; b++) {
            double left = (double) b / BINS + gap;
            double right = (double) (b + 1) / BINS - gap;
            x[4 * b] = left;
            x[4 * b + 1] = left;
            x[4 * b + 2] = right;
            x[4 * b + 3] = right;
            top[4 * b + 1] = direction * counts[b];
            top[4 * b + 2] = direction * counts[b];
            if (counts[b] > 0) {
                double labelY = direction * (counts[b] + 0.06 * largest);
                chart.addAnnotation(new AnnotationText(Integer.toString(counts[b]), (b + 0.5) / BINS, labelY, false));
            }
        }
        double[] lower = direction > 0 ? new double[x.length] : top;
        double[] upper = direction > 0 ? top : new double[x.length];
        XYSeries series = Charts.band(chart, name, x, lower, upper, color);
        series.setFillColor(color);
        series.setShowInLegend(true);
    }

    /**
     * Each bin's observed frequency of 9s against its mean predicted probability, with Wilson's 95%
     * interval of the frequency as a vertical bar: a bin of two digits can say little more than that
     * the frequency is somewhere between a tenth and nine tenths.
     */
    static XYChart reliabilityDiagram(List<Calibration.Bin> bins) {
        List<Calibration.Bin> filled = bins.stream().filter(b -> b.count() > 0).toList();
        int total = filled.stream().mapToInt(Calibration.Bin::count).sum();
        double ece = filled.stream().mapToDouble(b -> (double) b.count() / total * Math.abs(b.observedFrequency() - b.meanPredicted())).sum();
        XYChart chart = Charts.xy(String.format(Locale.ROOT, "Reliability on held-out 4s and 9s, one training seed (ECE = %.3f)", ece),
                "mean predicted probability P(y = 1 | x) in the bin", "observed frequency of y = 1 (a 9)");
        Charts.reference(chart, "perfect calibration", new double[]{0, 1}, new double[]{0, 1});
        // One series draws every interval: XChart breaks a line at NaN.
        double[] intervalX = new double[3 * filled.size()];
        double[] intervalY = new double[3 * filled.size()];
        for (int i = 0; i < filled.size(); i++) {
            Calibration.Bin bin = filled.get(i);
            intervalX[3 * i] = bin.meanPredicted();
            intervalX[3 * i + 1] = bin.meanPredicted();
            intervalX[3 * i + 2] = Double.NaN;
            intervalY[3 * i] = bin.wilsonLow();
            intervalY[3 * i + 1] = bin.wilsonHigh();
            intervalY[3 * i + 2] = Double.NaN;
            // The counts in a row under the plot's 0, where no point or interval reaches, kept off the edges.
            chart.addAnnotation(new AnnotationText("n=" + bin.count(), Math.max(0.03, Math.min(0.97, bin.meanPredicted())), COUNT_ROW, false));
        }
        Charts.line(chart, "Wilson 95% interval of the frequency", intervalX, intervalY, Charts.color(1), Charts.SOLID);
        Charts.scatter(chart, "classifier: one point per bin of width 0.1 (n digits in it, written under 0)",
                filled.stream().mapToDouble(Calibration.Bin::meanPredicted).toArray(),
                filled.stream().mapToDouble(Calibration.Bin::observedFrequency).toArray(), Charts.color(1));
        Charts.xRange(chart, 0, 1);
        Charts.yRange(chart, 2 * COUNT_ROW, 1.02);
        // A frequency below 0 means nothing: the row of counts has no tick label.
        chart.setCustomYAxisTickLabelsFormatter(y -> y < -1e-9 ? "" : String.format(Locale.ROOT, Math.abs(y - Math.rint(y)) < 1e-9 ? "%.0f" : "%.1f", y));
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        chart.getStyler().setAnnotationTextFontColor(Color.DARK_GRAY)
                .setAnnotationTextFont(new Font(BookTheme.FONT, Font.PLAIN, 14));
        return chart;
    }
}
