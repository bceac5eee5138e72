package org.sigmoidbook.toolkit;

import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.SwingWrapper;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.series.Series;

/** Saving and showing charts. A chart without a single finite value is refused, not saved blank. */
public final class Figures {

    public static final int DPI = 200;

    private Figures() {
    }

    public static void save(Chart<?, ?> chart, Path png, Path svg) throws IOException {
        requireData(chart);
        Files.createDirectories(png.toAbsolutePath().getParent());
        // Both encoders append the extension themselves, so hand them the name without it.
        BitmapEncoder.saveBitmapWithDPI(chart, withoutExtension(png), BitmapEncoder.BitmapFormat.PNG, DPI);
        VectorGraphicsEncoder.saveVectorGraphic(chart, withoutExtension(svg), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    }

    /** Opens the chart in a window when the machine has a display; does nothing when headless. */
    public static void show(Chart<?, ?> chart) {
        if (!GraphicsEnvironment.isHeadless()) {
            new SwingWrapper<>(chart).displayChart();
        }
    }

    static void requireData(Chart<?, ?> chart) {
        Map<String, ? extends Series> series = seriesOf(chart);
        if (series.isEmpty()) {
            throw new IllegalStateException("figure '" + chart.getTitle() + "' has no series");
        }
        boolean anyFinite = series.values().stream().anyMatch(Figures::hasFiniteValue);
        if (!anyFinite) {
            throw new IllegalStateException("figure '" + chart.getTitle() + "' has no finite data to draw");
        }
    }

    private static Map<String, ? extends Series> seriesOf(Chart<?, ?> chart) {
        if (chart instanceof XYChart xy) {
            return xy.getSeriesMap();
        }
        if (chart instanceof CategoryChart category) {
            return category.getSeriesMap();
        }
        throw new IllegalArgumentException("unsupported chart type " + chart.getClass().getSimpleName());
    }

    private static boolean hasFiniteValue(Series series) {
        if (series instanceof XYSeries xy) {
            double[] x = xy.getXData();
            double[] y = xy.getYData();
            for (int i = 0; i < y.length; i++) {
                if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                    return true;
                }
            }
            return false;
        }
        if (series instanceof CategorySeries category) {
            for (Number n : category.getYData()) {
                if (n != null && Double.isFinite(n.doubleValue())) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    private static String withoutExtension(Path file) {
        String name = file.toString();
        return name.substring(0, name.lastIndexOf('.'));
    }
}
