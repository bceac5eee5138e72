package org.sigmoidbook.book;

import org.knowm.xchart.internal.chartpart.Chart;
import org.sigmoidbook.toolkit.charts.Figure;

/**
 * Where a chapter's {@link Chapter#draw} puts its figures: {@code figures/<id>/<name>.png, .svg, .pdf}.
 * The runner writes them once {@code draw} has returned, several at once, so a chart must not be
 * changed after its figure is added; one chart may appear in several figures.
 */
public interface Figures {

    void add(String name, Figure figure) throws Exception;

    default void add(String name, Chart<?, ?> chart) throws Exception {
        add(name, Figure.of(chart));
    }
}
