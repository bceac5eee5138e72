package org.sigmoidbook.toolkit.charts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;

/**
 * Drops the points of a chart that no reader could see in a vector file: XChart writes one SVG
 * element per segment, so a curve of 10,000 points costs megabytes while the plot is only about a
 * thousand pixels wide. Lines keep, in each pixel column, their first, lowest, highest and last
 * point, so peaks and gaps survive; scatter series keep one point per pixel. The CSV files keep
 * every point.
 */
final class Thinning {

    /** About one vertex per output pixel: two columns of points per pixel pair. */
    private static final int PIXELS_PER_COLUMN = 2;

    private Thinning() {
    }

    static void thin(XYChart chart) {
        int columns = Math.max(1, chart.getWidth() / PIXELS_PER_COLUMN);
        int rows = Math.max(1, chart.getHeight());
        for (XYSeries series : List.copyOf(chart.getSeriesMap().values())) {
            double[] x = series.getXData();
            double[] y = series.getYData();
            if (x.length <= columns || series.getExtraValues() != null) {
                continue;
            }
            double[][] kept = series.getXYSeriesRenderStyle() == XYSeriesRenderStyle.Scatter
                    ? onePerPixel(x, y, columns, rows) : extremesPerColumn(x, y, columns);
            Charts.replaceStored(chart, series.getName(), kept[0], kept[1], null);
        }
    }

    static double[][] extremesPerColumn(double[] x, double[] y, int columns) {
        Scale sx = Scale.of(x, columns);
        List<double[]> out = new ArrayList<>();
        int start = 0;
        while (start < x.length) {
            if (!Double.isFinite(x[start]) || !Double.isFinite(y[start])) {
                out.add(new double[]{x[start], y[start]});
                start++;
                continue;
            }
            int column = sx.bin(x[start]);
            int end = start + 1;
            while (end < x.length && Double.isFinite(x[end]) && Double.isFinite(y[end]) && sx.bin(x[end]) == column) {
                end++;
            }
            int low = start;
            int high = start;
            for (int i = start; i < end; i++) {
                low = y[i] < y[low] ? i : low;
                high = y[i] > y[high] ? i : high;
            }
            int[] keep = Arrays.stream(new int[]{start, low, high, end - 1}).sorted().distinct().toArray();
            for (int i : keep) {
                out.add(new double[]{x[i], y[i]});
            }
            start = end;
        }
        return columnsOf(out);
    }

    static double[][] onePerPixel(double[] x, double[] y, int columns, int rows) {
        Scale sx = Scale.of(x, columns);
        Scale sy = Scale.of(y, rows);
        Set<Long> seen = new HashSet<>();
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (seen.add((long) sx.bin(x[i]) * (rows + 1L) + sy.bin(y[i]))) {
                out.add(new double[]{x[i], y[i]});
            }
        }
        return columnsOf(out);
    }

    private static double[][] columnsOf(List<double[]> points) {
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i)[0];
            y[i] = points.get(i)[1];
        }
        return new double[][]{x, y};
    }

    /** Maps finite values onto {@code bins} equal bins over their range; non-finite ones to bin -1. */
    private record Scale(double min, double width, int bins) {
        static Scale of(double[] values, int bins) {
            double min = Arrays.stream(values).filter(Double::isFinite).min().orElse(0);
            double max = Arrays.stream(values).filter(Double::isFinite).max().orElse(0);
            return new Scale(min, max - min, bins);
        }

        int bin(double value) {
            if (!Double.isFinite(value)) {
                return -1;
            }
            return width == 0 ? 0 : (int) Math.min(bins - 1, Math.floor((value - min) / width * bins));
        }
    }
}
