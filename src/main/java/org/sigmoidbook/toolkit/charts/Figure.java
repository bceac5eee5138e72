package org.sigmoidbook.toolkit.charts;

import java.awt.Graphics2D;
import java.util.List;

import org.knowm.xchart.internal.chartpart.Chart;

/**
 * What a figure file holds: one chart, or several side by side as small multiples (XChart has no
 * panels of its own). Painted the same way into PNG, SVG and PDF.
 */
public final class Figure {

    private final List<Chart<?, ?>> charts;
    private final int columns;

    private Figure(List<Chart<?, ?>> charts, int columns) {
        if (charts.isEmpty()) {
            throw new IllegalArgumentException("a figure needs at least one chart");
        }
        this.charts = List.copyOf(charts);
        this.columns = columns;
    }

    public static Figure of(Chart<?, ?> chart) {
        return new Figure(List.of(chart), 1);
    }

    /** Charts of equal size in rows of {@code columns}, left to right, then top to bottom. */
    public static Figure grid(int columns, List<? extends Chart<?, ?>> charts) {
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be at least 1");
        }
        return new Figure(List.copyOf(charts), Math.min(columns, charts.size()));
    }

    public List<Chart<?, ?>> charts() {
        return charts;
    }

    private int rows() {
        return (charts.size() + columns - 1) / columns;
    }

    private Chart<?, ?> first() {
        return charts.get(0);
    }

    /** Width in points (1/72 inch). */
    public int width() {
        return columns * first().getWidth();
    }

    /** Height in points (1/72 inch). */
    public int height() {
        return rows() * first().getHeight();
    }

    public String title() {
        return first().getTitle();
    }

    /** Paints every chart at its place; {@code g} is left as it was given. */
    public void paint(Graphics2D g) {
        int w = first().getWidth();
        int h = first().getHeight();
        for (int i = 0; i < charts.size(); i++) {
            Graphics2D panel = (Graphics2D) g.create();
            try {
                panel.translate((i % columns) * w, (i / columns) * h);
                panel.clipRect(0, 0, w, h);
                charts.get(i).paint(panel, w, h);
            } finally {
                panel.dispose();
            }
        }
    }
}
