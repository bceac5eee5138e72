package org.sigmoidbook.toolkit.charts;

import java.awt.GraphicsEnvironment;
import java.util.List;

import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;

import org.knowm.xchart.SwingWrapper;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Opens a figure in a window, as its panels are laid out in the files; does nothing when headless.
 * Closing the window closes only that window (XChart's own windows end the whole program, which
 * would stop a run half-way): the program ends when the run is over and the last window is closed.
 */
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
        JFrame frame = wrapper.setTitle(figure.title()).displayChartMatrix();
        SwingUtilities.invokeLater(() -> frame.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE));
    }
}
