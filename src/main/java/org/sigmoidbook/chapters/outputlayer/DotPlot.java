package org.sigmoidbook.chapters.outputlayer;

import java.awt.Color;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sigmoidbook.toolkit.charts.Charts;
import org.sigmoidbook.toolkit.numerics.Intervals;

/**
 * A chart of one value per seed in named categories (configurations, heads), for one or more
 * groups side by side in each category: a dot per seed, and a summary with its interval (the mean
 * with Student's t 95% interval, or the median and range) as a diamond with whiskers. Categories sit at x = 0, 1, 2 ... and the axis labels
 * them by name.
 */
final class DotPlot {

    /** How far apart the groups of one category sit, and how far a category's seeds spread, in category widths. */
    private static final double GROUP_SPACING = 0.3;
    private static final double SEED_SPREAD = 0.12;

    private DotPlot() {
    }

    /** An empty chart with the categories on the x axis. */
    static XYChart chart(int width, int height, String title, String xTitle, String yTitle, List<String> categories) {
        XYChart chart = Charts.xy(width, height, title, xTitle, yTitle);
        // XChart shows no tick label when the axis ends read the same, and widens the tick step until
        // every label differs; other ticks therefore read their own value, and fall outside the axis
        // once the step is wide enough for the names.
        chart.setCustomXAxisTickLabelsFormatter(x -> {
            long k = Math.round(x);
            return Math.abs(x - k) < 1e-9 && k >= 0 && k < categories.size() ? categories.get((int) k) : String.valueOf(x);
        });
        Charts.xRange(chart, -0.5, categories.size() - 0.5);
        return chart;
    }

    /**
     * Group {@code group} of {@code groups}: {@code valuesPerCategory.get(c)} holds its value per
     * seed in category c (null where the group has no values there); {@code summary} gives the
     * diamond and its whiskers, such as {@link Intervals#mean}.
     */
    static void group(XYChart chart, String name, int group, int groups, List<double[]> valuesPerCategory, Color color,
                      Function<double[], Intervals.Interval> summary) {
        double offset = (group - (groups - 1) / 2.0) * GROUP_SPACING;
        int cells = (int) valuesPerCategory.stream().filter(v -> v != null).count();
        double[] centreX = new double[cells];
        double[] centre = new double[cells];
        // Each whisker runs from its interval's low end to its high end, then a NaN breaks the line.
        double[] whiskerX = new double[3 * cells];
        double[] whiskerY = new double[3 * cells];
        int seeds = valuesPerCategory.stream().filter(v -> v != null).mapToInt(v -> v.length).max().orElseThrow();
        double[] seedX = new double[cells * seeds];
        double[] seedY = new double[cells * seeds];
        int cell = 0;
        int dot = 0;
        for (int c = 0; c < valuesPerCategory.size(); c++) {
            double[] values = valuesPerCategory.get(c);
            if (values == null) {
                continue;
            }
            for (int k = 0; k < values.length; k++) {
                seedX[dot] = c + offset + (values.length == 1 ? 0 : SEED_SPREAD * (k / (values.length - 1.0) - 0.5));
                seedY[dot++] = values[k];
            }
            Intervals.Interval interval = summary.apply(values);
            centreX[cell] = c + offset;
            centre[cell] = interval.estimate();
            whiskerX[3 * cell] = c + offset;
            whiskerX[3 * cell + 1] = c + offset;
            whiskerX[3 * cell + 2] = c + offset;
            whiskerY[3 * cell] = interval.low();
            whiskerY[3 * cell + 1] = interval.high();
            whiskerY[3 * cell + 2] = Double.NaN;
            cell++;
        }
        XYSeries dots = Charts.scatter(chart, name + ", seeds", Arrays.copyOf(seedX, dot), Arrays.copyOf(seedY, dot),
                Charts.translucent(color, 0.55));
        dots.setShowInLegend(false);
        Charts.line(chart, name + ", interval", whiskerX, whiskerY, color, Charts.SOLID).setShowInLegend(false);
        XYSeries centres = chart.addSeries(name, centreX, centre);
        centres.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        centres.setMarker(SeriesMarkers.DIAMOND);
        centres.setMarkerColor(color);
    }

    /** The mean accuracy with Student's t 95% interval, cut at 0 and 1 as the page's findings are. */
    static Intervals.Interval meanAccuracy(double[] accuracies) {
        return Intervals.mean(accuracies, 0, 1);
    }
}
