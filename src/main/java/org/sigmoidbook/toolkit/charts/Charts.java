package org.sigmoidbook.toolkit.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Every chart of the book is made here, in the {@link BookTheme}, so that all figures share one
 * palette, one set of line styles, one legend policy and one tick format:
 * <pre>{@code
 * XYChart chart = Charts.xy("title", "x (unit)", "y (unit)");
 * Charts.logY(chart);                       // before adding series: ticks read 10⁻⁴, 10⁻³, ...
 * Charts.line(chart, "measured", x, y);
 * Charts.reference(chart, "bound", x, bound);
 * }</pre>
 * Log axes: XChart's own log axis labels small decades "1E-4" and larger ones "0.001". The book
 * draws log10 of the values on a linear axis instead and labels whole decades 10ᵏ; the series
 * helpers here take the raw values and do the conversion, so add series through them.
 */
public final class Charts {

    public static final int WIDTH = 1000;
    public static final int HEIGHT = 640;

    /** The line of measured data. */
    public static final BasicStroke SOLID = new BasicStroke(2.2f);
    /** A second line of the same colour (held-out against training, for example). */
    public static final BasicStroke DASHED = dashed(12f, 7f);
    /** A third line of the same colour. */
    public static final BasicStroke DOTTED = dashed(2.5f, 4f);
    /** Theory, bounds and published values: dashed, in {@link #REFERENCE_COLOR} unless coloured. */
    public static final BasicStroke REFERENCE = dashed(9f, 6f);
    public static final Color REFERENCE_COLOR = Color.DARK_GRAY;

    /**
     * The one locale of every tick label: XChart formats numbers in the reader's locale unless told
     * otherwise ("0,5" in German, Arabic-Indic digits in Saudi Arabia), and a figure must be the same
     * bytes everywhere.
     */
    public static final Locale TICK_LOCALE = Locale.ROOT;

    private Charts() {
    }

    /** The i-th colour of the palette (wrapping around). */
    public static Color color(int i) {
        return BookTheme.PALETTE[Math.floorMod(i, BookTheme.PALETTE.length)];
    }

    /** {@code color} with opacity {@code alpha} in [0, 1]: for bands and clouds of single runs. */
    public static Color translucent(Color color, double alpha) {
        return new Color(color.getRed(), color.getGreen(), color.getBlue(), (int) Math.round(255 * alpha));
    }

    /** A line chart of the book's size, with a title and axis titles (give symbols and units in them). */
    public static XYChart xy(String title, String xTitle, String yTitle) {
        return xy(WIDTH, HEIGHT, title, xTitle, yTitle);
    }

    /** A line chart of a given size, for example one panel of {@link Figure#grid}. */
    public static XYChart xy(int width, int height, String title, String xTitle, String yTitle) {
        XYChart chart = new ScaledChart(width, height);
        chart.setTitle(title);
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Line);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        chart.getStyler().setLocale(TICK_LOCALE);
        return chart;
    }

    /** A bar chart with a title and axis titles. */
    public static CategoryChart bars(String title, String xTitle, String yTitle) {
        return bars(WIDTH, HEIGHT, title, xTitle, yTitle);
    }

    /** A bar chart of a given size, for example one panel of {@link Figure#grid}. */
    public static CategoryChart bars(int width, int height, String title, String xTitle, String yTitle) {
        CategoryChart chart = new CategoryChart(width, height, BookTheme.INSTANCE);
        chart.setTitle(title);
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        chart.getStyler().setXAxisLabelRotation(0);
        chart.getStyler().setLocale(TICK_LOCALE);
        return chart;
    }

    /** Logarithmic y axis, labelled in whole decades 10ᵏ. Call before adding series. */
    public static void logY(XYChart chart) {
        ScaledChart scaled = scaled(chart);
        scaled.logY = true;
        chart.setCustomYAxisTickLabelsFormatter(scaled::yTick);
    }

    /** Logarithmic x axis, labelled in whole decades 10ᵏ. Call before adding series. */
    public static void logX(XYChart chart) {
        ScaledChart scaled = scaled(chart);
        scaled.logX = true;
        chart.setCustomXAxisTickLabelsFormatter(scaled::xTick);
    }

    /** Whole numbers only on the x axis (layers, depths, epochs). */
    public static void integerX(XYChart chart) {
        chart.setCustomXAxisTickLabelsFormatter(x -> Math.abs(x - Math.rint(x)) < 1e-9 ? String.format(Locale.ROOT, "%.0f", x) : "");
    }

    /** Fixes the y axis to [min, max], in data units (on a log axis too). */
    public static void yRange(XYChart chart, double min, double max) {
        ScaledChart scaled = scaled(chart);
        chart.getStyler().setYAxisMin(scaled.y(min)).setYAxisMax(scaled.y(max));
    }

    /** Fixes the x axis to [min, max], in data units (on a log axis too). */
    public static void xRange(XYChart chart, double min, double max) {
        ScaledChart scaled = scaled(chart);
        chart.getStyler().setXAxisMin(scaled.x(min)).setXAxisMax(scaled.x(max));
    }

    /** Moves the legend into the plot, on a white background, where the data leave room for it. */
    public static void legendInside(XYChart chart, Styler.LegendPosition position) {
        chart.getStyler().setLegendPosition(position);
        chart.getStyler().setLegendBorderColor(Color.LIGHT_GRAY);
        chart.getStyler().setLegendBackgroundColor(new Color(255, 255, 255, 225));
    }

    /** Legend to the right of the plot: for many series with long names. */
    public static void legendRight(XYChart chart) {
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    }

    /** A solid line without markers, in the next palette colour. */
    public static XYSeries line(XYChart chart, String name, double[] x, double[] y) {
        XYSeries series = add(chart, name, x, y);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineStyle(SOLID);
        return series;
    }

    /** A solid line without markers in a given colour and stroke. */
    public static XYSeries line(XYChart chart, String name, double[] x, double[] y, Color color, BasicStroke stroke) {
        XYSeries series = line(chart, name, x, y);
        series.setLineColor(color);
        series.setLineStyle(stroke);
        return series;
    }

    /** Measured values: a line with a marker at every point. */
    public static XYSeries points(XYChart chart, String name, double[] x, double[] y) {
        XYSeries series = add(chart, name, x, y);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setLineStyle(SOLID);
        return series;
    }

    /** Measured values in a given colour: a line with a marker at every point. */
    public static XYSeries points(XYChart chart, String name, double[] x, double[] y, Color color) {
        XYSeries series = points(chart, name, x, y);
        series.setLineColor(color);
        series.setMarkerColor(color);
        return series;
    }

    /** Markers only, no line: single runs, published values. */
    public static XYSeries scatter(XYChart chart, String name, double[] x, double[] y, Color color) {
        XYSeries series = add(chart, name, x, y);
        series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setMarkerColor(color);
        return series;
    }

    /** A reference curve (theory, a bound, a published value): dashed dark grey. */
    public static XYSeries reference(XYChart chart, String name, double[] x, double[] y) {
        XYSeries series = line(chart, name, x, y);
        series.setLineStyle(REFERENCE);
        series.setLineColor(REFERENCE_COLOR);
        return series;
    }

    /** A dashed horizontal reference line at {@code y} from {@code x0} to {@code x1}. */
    public static XYSeries horizontal(XYChart chart, String name, double y, double x0, double x1) {
        return reference(chart, name, new double[]{x0, x1}, new double[]{y, y});
    }

    /** A dashed vertical reference line at {@code x} from {@code y0} to {@code y1}. */
    public static XYSeries vertical(XYChart chart, String name, double x, double y0, double y1) {
        return reference(chart, name, new double[]{x, x}, new double[]{y0, y1});
    }

    /** One highlighted point the text refers to, such as σ(0) = 0.5. */
    public static XYSeries mark(XYChart chart, String name, double x, double y) {
        XYSeries series = add(chart, name, new double[]{x}, new double[]{y});
        series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        series.setMarker(SeriesMarkers.DIAMOND);
        series.setMarkerColor(Color.BLACK);
        return series;
    }

    /**
     * A translucent band between {@code lower} and {@code upper} (a spread over seeds, an
     * interquartile range), drawn under the lines added after it. Not listed in the legend: name
     * the band in the legend entry of its line.
     */
    public static XYSeries band(XYChart chart, String name, double[] x, double[] lower, double[] upper, Color color) {
        int n = x.length;
        double[] px = new double[2 * n];
        double[] py = new double[2 * n];
        for (int i = 0; i < n; i++) {
            px[i] = x[i];
            py[i] = upper[i];
            px[2 * n - 1 - i] = x[i];
            py[2 * n - 1 - i] = lower[i];
        }
        XYSeries series = add(chart, name, px, py);
        series.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
        series.setMarker(SeriesMarkers.NONE);
        series.setFillColor(translucent(color, 0.25));
        series.setLineColor(translucent(color, 0.0));
        series.setShowInLegend(false);
        return series;
    }

    /** Evenly spaced values from {@code from} to {@code to}, both included. */
    public static double[] range(double from, double to, int count) {
        double[] values = new double[count];
        Arrays.setAll(values, i -> from + (to - from) * i / (count - 1));
        return values;
    }

    /** {@code count} values evenly spaced in log10 from {@code from} to {@code to}, both included. */
    public static double[] logRange(double from, double to, int count) {
        return Arrays.stream(range(Math.log10(from), Math.log10(to), count)).map(e -> Math.pow(10, e)).toArray();
    }

    private static XYSeries add(XYChart chart, String name, double[] x, double[] y) {
        ScaledChart scaled = scaled(chart);
        return scaled.withStoredValues(() -> chart.addSeries(name, scaled.xs(x), scaled.ys(y)));
    }

    /**
     * Replaces a series' stored values, which on a log axis are already log10 of the data: for
     * {@link Thinning} and for putting thinned series back.
     */
    static void replaceStored(XYChart chart, String name, double[] x, double[] y, double[] errorBars) {
        if (chart instanceof ScaledChart scaled) {
            scaled.withStoredValues(() -> chart.updateXYSeries(name, x, y, errorBars));
        } else {
            chart.updateXYSeries(name, x, y, errorBars);
        }
    }

    private static ScaledChart scaled(XYChart chart) {
        if (chart instanceof ScaledChart scaled) {
            return scaled;
        }
        throw new IllegalArgumentException("make the chart with Charts.xy(...) so that its axes follow the book's scales");
    }

    private static BasicStroke dashed(float on, float off) {
        return new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{on, off}, 0f);
    }

    /** Superscript digits for exponents: "10⁻⁴". */
    static String powerOfTen(int exponent) {
        String digits = Integer.toString(exponent);
        StringBuilder text = new StringBuilder("10");
        for (char c : digits.toCharArray()) {
            text.append(c == '-' ? '⁻' : "⁰¹²³⁴⁵⁶⁷⁸⁹".charAt(c - '0'));
        }
        return text.toString();
    }

    /**
     * An XY chart in the book's theme that knows which of its axes are logarithmic. On a log axis
     * XChart's own addSeries and updateXYSeries would store the raw values where log10 of them
     * belongs, and draw a wrong picture without a word: they refuse, and the helpers above convert.
     */
    private static final class ScaledChart extends XYChart {
        private boolean logX;
        private boolean logY;
        private boolean storing;

        ScaledChart(int width, int height) {
            super(width, height, BookTheme.INSTANCE);
        }

        // XChart's other addSeries overloads all go through these five.
        @Override
        public XYSeries addSeries(String name, double[] x, double[] y) {
            requireConversion(name);
            return super.addSeries(name, x, y);
        }

        @Override
        public XYSeries addSeries(String name, double[] x, double[] y, double[] errorBars) {
            requireConversion(name);
            return super.addSeries(name, x, y, errorBars);
        }

        @Override
        public XYSeries addSeries(String name, float[] x, float[] y, float[] errorBars) {
            requireConversion(name);
            return super.addSeries(name, x, y, errorBars);
        }

        @Override
        public XYSeries addSeries(String name, int[] x, int[] y, int[] errorBars) {
            requireConversion(name);
            return super.addSeries(name, x, y, errorBars);
        }

        @Override
        public XYSeries addSeries(String name, List<?> x, List<? extends Number> y, List<? extends Number> errorBars) {
            requireConversion(name);
            return super.addSeries(name, x, y, errorBars);
        }

        @Override
        public XYSeries updateXYSeries(String name, double[] x, double[] y, double[] errorBars) {
            requireConversion(name);
            return super.updateXYSeries(name, x, y, errorBars);
        }

        @Override
        public XYSeries updateXYSeries(String name, List<?> x, List<? extends Number> y, List<? extends Number> errorBars) {
            requireConversion(name);
            return super.updateXYSeries(name, x, y, errorBars);
        }

        private void requireConversion(String name) {
            if ((logX || logY) && !storing) {
                throw new IllegalStateException("series '" + name + "' of the log-axis chart '" + getTitle()
                        + "': add it with Charts.line, points, scatter, reference or band, which take log10 of the values");
            }
        }

        <T> T withStoredValues(Supplier<T> change) {
            storing = true;
            try {
                return change.get();
            } finally {
                storing = false;
            }
        }

        /**
         * A log axis without a range of its own ends at whole decades: XChart places ticks only at
         * "nice" values inside the data, and between two decades there may be none to label.
         */
        @Override
        public void paint(Graphics2D g, int width, int height) {
            if (logY && getStyler().getYAxisMin() == null && getStyler().getYAxisMax() == null) {
                double[] ends = wholeDecades(getSeriesMap().values().stream().flatMapToDouble(s -> Arrays.stream(s.getYData())).toArray());
                if (ends != null) {
                    getStyler().setYAxisMin(ends[0]).setYAxisMax(ends[1]);
                }
            }
            if (logX && getStyler().getXAxisMin() == null && getStyler().getXAxisMax() == null) {
                double[] ends = wholeDecades(getSeriesMap().values().stream().flatMapToDouble(s -> Arrays.stream(s.getXData())).toArray());
                if (ends != null) {
                    getStyler().setXAxisMin(ends[0]).setXAxisMax(ends[1]);
                }
            }
            super.paint(g, width, height);
        }

        private static double[] wholeDecades(double[] logValues) {
            double min = Arrays.stream(logValues).filter(Double::isFinite).min().orElse(Double.NaN);
            double max = Arrays.stream(logValues).filter(Double::isFinite).max().orElse(Double.NaN);
            if (Double.isNaN(min)) {
                return null;
            }
            double low = Math.floor(min);
            double high = Math.ceil(max);
            return new double[]{low, high > low ? high : low + 1};
        }

        double x(double value) {
            return logX ? log10(value) : value;
        }

        double y(double value) {
            return logY ? log10(value) : value;
        }

        double[] xs(double[] values) {
            return logX ? Arrays.stream(values).map(ScaledChart::log10).toArray() : values;
        }

        double[] ys(double[] values) {
            return logY ? Arrays.stream(values).map(ScaledChart::log10).toArray() : values;
        }

        String xTick(double tick) {
            return logTick(tick, getSeriesMap().values().stream().flatMapToDouble(s -> Arrays.stream(s.getXData())).toArray());
        }

        String yTick(double tick) {
            return logTick(tick, getSeriesMap().values().stream().flatMapToDouble(s -> Arrays.stream(s.getYData())).toArray());
        }

        /** Non-positive values have no logarithm: they become gaps, as NaN does in XChart. */
        private static double log10(double value) {
            return value > 0 ? Math.log10(value) : Double.NaN;
        }

        /**
         * Ticks at whole decades read 10ᵏ and others stay blank, unless the data span less than a
         * decade: then every tick shows its value.
         */
        private static String logTick(double tick, double[] logValues) {
            double min = Arrays.stream(logValues).filter(Double::isFinite).min().orElse(0);
            double max = Arrays.stream(logValues).filter(Double::isFinite).max().orElse(0);
            boolean wholeDecade = Math.abs(tick - Math.rint(tick)) < 1e-9;
            if (Math.floor(max) - Math.ceil(min) >= 1) {
                return wholeDecade ? powerOfTen((int) Math.rint(tick)) : "";
            }
            return String.format(Locale.ROOT, "%.2g", Math.pow(10, tick));
        }
    }
}
