package org.sigmoidbook.book.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.sigmoidbook.book.Chapter;
import org.sigmoidbook.book.ChapterInfo;
import org.sigmoidbook.book.Figures;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.book.Results;
import org.sigmoidbook.toolkit.charts.Charts;
import org.sigmoidbook.toolkit.charts.Figure;

/**
 * A chapter's figures are saved on the workers, several at once; figures that share a chart are
 * saved one after another, since saving thins a chart's series for a moment.
 */
class FigureSavingTest {

    private static XYChart chart(String title, double slope) {
        XYChart chart = Charts.xy(title, "x", "y");
        double[] x = new double[200];
        double[] y = new double[200];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
            y[i] = slope * Math.sin(i / 10.0);
        }
        Charts.line(chart, "y", x, y);
        return chart;
    }

    @Test
    void figuresShareAChartOnlyWhenTheyHoldTheSameObject() {
        XYChart one = chart("one", 1);
        XYChart alike = chart("one", 1);
        assertFalse(Runner.sharesAChart(List.of(Figure.of(one), Figure.of(alike))), "equal charts are not the same chart");
        assertTrue(Runner.sharesAChart(List.of(Figure.of(one), Figure.grid(2, List.of(alike, one)))));
    }

    /** Four figures, the last two sharing a chart. */
    @ChapterInfo(number = 1, id = "four-figures", title = "Four figures", summary = "draws four figures", cover = "a")
    static final class FourFigures implements Chapter {
        private final boolean share;

        FourFigures(boolean share) {
            this.share = share;
        }

        @Override
        public void measure(Lab lab) {
            lab.finding("figures", 4, "%.0f");
        }

        @Override
        public void draw(Results results, Figures figures) throws Exception {
            XYChart shared = chart("c", 3);
            figures.add("a", chart("a", 1));
            figures.add("b", chart("b", 2));
            figures.add("c", share ? Figure.of(shared) : Figure.of(chart("c", 3)));
            figures.add("d", share ? Figure.grid(2, List.of(shared, chart("d", 4))) : Figure.grid(2, List.of(chart("c", 3), chart("d", 4))));
        }
    }

    private static Path run(Chapter chapter, Path out, String jobs) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(text, true, StandardCharsets.UTF_8);
        int status = BookCommand.run(Catalog.of(List.of(chapter)), new String[] {"--out", out.toString(), "--jobs", jobs}, print, print);
        assertEquals(BookCommand.OK, status, text.toString(StandardCharsets.UTF_8));
        return out.resolve("figures").resolve("four-figures");
    }

    @Test
    void figuresSavedAtOnceOrOneAfterAnotherAreTheSameFilesAsWithOneJob(@TempDir Path temp) throws IOException {
        Path oneJob = run(new FourFigures(false), temp.resolve("one-job"), "1");
        Path atOnce = run(new FourFigures(false), temp.resolve("at-once"), "2");
        Path shared = run(new FourFigures(true), temp.resolve("shared"), "2");
        for (String name : List.of("a", "b", "c", "d")) {
            for (String extension : List.of("png", "svg", "pdf")) {
                String file = name + "." + extension;
                byte[] expected = Files.readAllBytes(oneJob.resolve(file));
                assertArrayEquals(expected, Files.readAllBytes(atOnce.resolve(file)), file + ", two jobs");
                assertArrayEquals(expected, Files.readAllBytes(shared.resolve(file)), file + ", a chart shared by two figures");
            }
        }
    }
}
