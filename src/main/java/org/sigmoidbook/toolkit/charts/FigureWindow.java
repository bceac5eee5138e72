package org.sigmoidbook.toolkit.charts;

import java.awt.GraphicsEnvironment;
import java.util.List;

import org.knowm.xchart.SwingWrapper;
import org.knowm.xchart.internal.chartpart.Chart;

/** Opens a figure in a window, as its panels are laid out in the files; does nothing when headless. */
public final class FigureWindow {

    private FigureWindow() {
    }

    public static void show(Figure figure) {
        if (GraphicsEnvironment.isHeadless()) {
            return;
        }
        List<Chart<?, ?>> charts = figure.charts();
        int columns = figure.width() / charts.get(0).getWidth();
        int rows = (charts.size() + columns - 1) / columns;
        @SuppressWarnings({"unchecked", "rawtypes"})
        SwingWrapper<?> wrapper = new SwingWrapper(charts, rows, columns);
        wrapper.setTitle(figure.title()).displayChartMatrix();
    }
}
