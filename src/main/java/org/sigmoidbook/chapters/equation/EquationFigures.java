package org.sigmoidbook.chapters.equation;

import static org.sigmoidbook.chapters.equation.EquationChapter.BINS;
import static org.sigmoidbook.toolkit.data.Digits.NEGATIVE_DIGIT;
import static org.sigmoidbook.toolkit.data.Digits.POSITIVE_DIGIT;

import java.awt.Color;
import java.awt.Font;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.sigmoidbook.chapters.equation.EquationChapter.Prediction;
import org.sigmoidbook.chapters.equation.EquationChapter.SigmoidValue;
import org.sigmoidbook.toolkit.charts.BookTheme;
import org.sigmoidbook.toolkit.charts.Charts;

/** The equation chapter's figures, drawn from its tables alone. */
final class EquationFigures {

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
     * Held-out digits per bin of predicted probability, one line per true digit, on a log count axis:
     * nearly all digits sit in the two end bins, and a linear axis would flatten the rest to nothing.
     */
    static XYChart histogram(List<Prediction> predictions) {
        XYChart chart = Charts.xy("Held-out predictions P(y = 1 | x), by true digit",
                "predicted probability that the digit is a 9 (bins of width " + 1.0 / BINS + ")",
                "held-out digits in the bin (log scale)");
        Charts.logY(chart);
        double[] centres = new double[BINS];
        Arrays.setAll(centres, b -> (b + 0.5) / BINS);
        int series = 0;
        for (int trueDigit : new int[]{NEGATIVE_DIGIT, POSITIVE_DIGIT}) {
            double[] counts = new double[BINS];
            for (Prediction prediction : predictions) {
                if (prediction.digit() == trueDigit) {
                    counts[Math.min(BINS - 1, (int) (prediction.pNine() * BINS))]++;
                }
            }
            Charts.points(chart, "true digit " + trueDigit + (trueDigit == POSITIVE_DIGIT ? " (y = 1)" : " (y = 0)")
                    + "; empty bins are left out", centres, counts, Charts.color(series++));
        }
        Charts.xRange(chart, 0, 1);
        return chart;
    }

    static XYChart reliabilityDiagram(List<Calibration.Bin> bins) {
        int[] count = bins.stream().mapToInt(Calibration.Bin::count).toArray();
        double[] predicted = bins.stream().mapToDouble(b -> b.count() == 0 ? Double.NaN : b.meanPredicted()).toArray();
        double[] observed = bins.stream().mapToDouble(b -> b.count() == 0 ? Double.NaN : b.observedFrequency()).toArray();
        int total = Arrays.stream(count).sum();
        double ece = 0;
        for (int b = 0; b < count.length; b++) {
            ece += count[b] == 0 ? 0 : (double) count[b] / total * Math.abs(observed[b] - predicted[b]);
        }
        XYChart chart = Charts.xy(String.format(Locale.ROOT, "Reliability on held-out 4s and 9s (ECE = %.3f)", ece),
                "mean predicted probability P(y = 1 | x) in the bin", "observed frequency of y = 1 (a 9)");
        Charts.reference(chart, "perfect calibration", new double[]{0, 1}, new double[]{0, 1});
        for (int b = 0; b < count.length; b++) {
            if (count[b] > 0) {
                // Labels go below right of their point; near the right edge, further down and to the left.
                boolean edge = predicted[b] > 0.9;
                chart.addAnnotation(new AnnotationText("n=" + count[b], predicted[b] + (edge ? -0.03 : 0.035),
                        observed[b] - (edge ? 0.13 : 0.035), false));
            }
        }
        int[] filled = IntStream.range(0, count.length).filter(b -> count[b] > 0).toArray();
        Charts.points(chart, "classifier: one point per bin of width 0.1, n digits in it",
                Arrays.stream(filled).mapToDouble(b -> predicted[b]).toArray(), Arrays.stream(filled).mapToDouble(b -> observed[b]).toArray());
        Charts.xRange(chart, 0, 1);
        Charts.yRange(chart, 0, 1);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        chart.getStyler().setAnnotationTextFontColor(Color.DARK_GRAY)
                .setAnnotationTextFont(new Font(BookTheme.FONT, Font.PLAIN, 14));
        return chart;
    }
}
