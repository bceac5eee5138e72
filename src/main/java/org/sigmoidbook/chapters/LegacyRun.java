package org.sigmoidbook.chapters;

import java.util.LinkedHashMap;
import java.util.Map;

import org.knowm.xchart.internal.chartpart.Chart;
import org.sigmoidbook.book.Chapter;
import org.sigmoidbook.book.Figures;
import org.sigmoidbook.book.Finding;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.book.Progress;
import org.sigmoidbook.book.Results;
import tech.tablesaw.api.Table;

/**
 * Interim, while the chapters are split into measure and draw: runs a chapter written against the
 * old single-step contract, keeping the charts it builds during the experiment and handing them
 * over as its figures. Such a chapter cannot be replotted. Goes when the last chapter is converted.
 */
public final class LegacyRun {

    /** The old contract. */
    public abstract static class LegacyChapter implements Chapter {
        private final Map<String, Chart<?, ?>> charts = new LinkedHashMap<>();

        protected abstract void run(LegacyRun run) throws Exception;

        @Override
        public final synchronized void measure(Lab lab) throws Exception {
            charts.clear();
            run(new LegacyRun(lab, charts));
        }

        @Override
        public final synchronized void draw(Results results, Figures figures) throws Exception {
            if (charts.isEmpty()) {
                throw new IllegalStateException("this chapter draws its figures during its experiment and cannot be replotted yet");
            }
            for (var chart : charts.entrySet()) {
                figures.add(chart.getKey(), chart.getValue());
            }
            charts.clear();
        }
    }

    private final Lab lab;
    private final Map<String, Chart<?, ?>> charts;

    private LegacyRun(Lab lab, Map<String, Chart<?, ?>> charts) {
        this.lab = lab;
        this.charts = charts;
    }

    public long seed() {
        return lab.seed();
    }

    public boolean quick() {
        return lab.quick();
    }

    public int size(int quickValue, int fullValue) {
        return lab.size(quickValue, fullValue);
    }

    public Finding finding(String name, double value, String format) {
        return lab.finding(name, value, format);
    }

    public Finding finding(String name, String text) {
        return lab.finding(name, text);
    }

    public void figure(String name, Chart<?, ?> chart) {
        charts.put(name, chart);
    }

    public void table(String name, Table table) {
        lab.table(name, table);
    }

    public Progress progress(String task, long total) {
        return lab.progress(task, total);
    }
}
