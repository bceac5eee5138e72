package org.sigmoidbook.toolkit;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.Arrays;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The book's one chart style: sized and lettered for slides, a colour-blind-safe palette
 * (Okabe and Ito), labelled axes, legends outside the plot so they never cover data.
 */
public final class Charts {

    /** Okabe-Ito colours, in the order series receive them. */
    public static final Color[] PALETTE = {
            new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
            new Color(230, 159, 0), new Color(86, 180, 233), new Color(0, 0, 0), new Color(240, 228, 66)};

    public static final int WIDTH = 1000;
    public static final int HEIGHT = 640;
    private static final String FONT = "DejaVu Sans";

    private Charts() {
    }

    /** A line chart with a title and axis titles (give symbols and units in them). */
    public static XYChart xy(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setMarkerSize(7);
        return chart;
    }

    /** A bar chart with a title and axis titles. */
    public static CategoryChart bars(String title, String xTitle, String yTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setOverlapped(false);
        return chart;
    }

    /** A plain line without markers. */
    public static XYSeries line(XYChart chart, String name, double[] x, double[] y) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.NONE);
        return series;
    }

    /** A line with a marker at every point, for measured values. */
    public static XYSeries points(XYChart chart, String name, double[] x, double[] y) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.CIRCLE);
        return series;
    }

    /** A dashed reference line (a bound, a published value, a theoretical curve). */
    public static XYSeries reference(XYChart chart, String name, double[] x, double[] y) {
        XYSeries series = line(chart, name, x, y);
        series.setLineStyle(new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{9f, 6f}, 0f));
        series.setLineColor(Color.DARK_GRAY);
        return series;
    }

    /** A dashed horizontal line at {@code y} from {@code x0} to {@code x1}. */
    public static XYSeries horizontal(XYChart chart, String name, double y, double x0, double x1) {
        return reference(chart, name, new double[]{x0, x1}, new double[]{y, y});
    }

    /** One highlighted point the text refers to, such as sigma(0) = 0.5. */
    public static XYSeries mark(XYChart chart, String name, double x, double y) {
        XYSeries series = chart.addSeries(name, new double[]{x}, new double[]{y});
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        series.setMarker(SeriesMarkers.DIAMOND);
        series.setMarkerColor(Color.BLACK);
        return series;
    }

    /** Evenly spaced values from {@code from} to {@code to}, both included. */
    public static double[] range(double from, double to, int count) {
        double[] values = new double[count];
        Arrays.setAll(values, i -> from + (to - from) * i / (count - 1));
        return values;
    }

    private static void style(AxesChartStyler styler) {
        styler.setSeriesColors(PALETTE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(Color.GRAY);
        styler.setPlotGridLinesColor(new Color(225, 225, 225));
        // Solid grid lines: XChart writes dashed ones to SVG as thousands of tiny segments (megabytes per figure).
        styler.setPlotGridLinesStroke(new BasicStroke(1f));
        styler.setChartTitleFont(new Font(FONT, Font.BOLD, 22));
        styler.setAxisTitleFont(new Font(FONT, Font.PLAIN, 18));
        styler.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 15));
        styler.setLegendFont(new Font(FONT, Font.PLAIN, 15));
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setChartTitleBoxVisible(false);
        styler.setAntiAlias(true);
        styler.setAxisTitlePadding(10);
        styler.setChartPadding(16);
    }
}
