package org.sigmoidbook.chapters.crossentropy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.sigmoidbook.QuickBook;
import org.sigmoidbook.toolkit.charts.Figure;
import tech.tablesaw.api.Table;

/**
 * The figures drawn from the quick run's tables as read back from its CSV files: one panel per type
 * for label 0, exact zeros drawn at the floor, the legend once, and the recovery dots where the
 * spread table says each run recovered.
 */
@Tag("book")
class CrossEntropyFiguresTest {

    private static final String CHAPTER = "cross-entropy";
    private static QuickBook.Output book;

    @BeforeAll
    static void readTheQuickRun() {
        book = QuickBook.book();
    }

    @Test
    void gradientAndLossFiguresHaveOnePanelPerTypeForLabelZero() {
        for (Figure figure : List.of(CrossEntropyFigures.outputGradient(book.table(CHAPTER, "output-gradient.csv")),
                CrossEntropyFigures.lossValue(book.table(CHAPTER, "loss-value.csv")))) {
            List<Chart<?, ?>> panels = figure.charts();
            assertEquals(2, panels.size());
            assertTrue(panels.get(0).getTitle().endsWith("in FLOAT") && panels.get(1).getTitle().endsWith("in DOUBLE"));
            assertEquals(1, panels.stream().filter(p -> p.getStyler().isLegendVisible()).count(), "the legend is shown once");
            for (Chart<?, ?> panel : panels) {
                XYChart chart = (XYChart) panel;
                assertTrue(chart.getSeriesMap().keySet().containsAll(List.of("DL4J XENT (sigmoid, clipped)", "fused BCE with logits",
                        "SameDiff sigmoidCrossEntropy", "exact")), chart.getSeriesMap().keySet().toString());
            }
        }
    }

    /** Values are drawn as log10; exact zeros of DL4J's FLOAT gradient sit on the floor line, from 24 ln 2 on. */
    @Test
    void exactZerosAreDrawnAtTheFloor() {
        XYChart floatPanel = (XYChart) CrossEntropyFigures.outputGradient(book.table(CHAPTER, "output-gradient.csv")).charts().get(0);
        XYSeries zeros = floatPanel.getSeriesMap().get("DL4J XENT = 0 exactly (at 10⁻²⁰)");
        double[] x = zeros.getXData();
        double[] y = zeros.getYData();
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(y[i])) {
                assertEquals(Math.log10(CrossEntropyFigures.LOG_FLOOR), y[i], 1e-12);
                assertTrue(x[i] > 24 * Math.log(2), "zero at z = " + x[i]);
            } else {
                assertTrue(x[i] < 24 * Math.log(2), "gap at z = " + x[i]);
            }
        }
        assertTrue(Arrays.stream(y).anyMatch(v -> !Double.isNaN(v)));
    }

    @Test
    void recoveryFigureHasOnePanelPerStartWithOneLinePerLossAndTheRecoveryDots() {
        Table spread = book.table(CHAPTER, "recovery-spread.csv");
        Figure figure = CrossEntropyFigures.recovery(book.table(CHAPTER, "recovery.csv"), book.table(CHAPTER, "recovery-from-20.csv"), spread);
        assertEquals(2, figure.charts().size());
        for (int s = 0; s < 2; s++) {
            XYChart chart = (XYChart) figure.charts().get(s);
            double start = Recovery.START_LOGITS[s];
            assertTrue(chart.getTitle().contains("z = " + (int) start), chart.getTitle());
            for (OutputLoss loss : OutputLoss.values()) {
                assertTrue(chart.getSeriesMap().containsKey(loss.label), loss.label);
                XYSeries dots = chart.getSeriesMap().get(loss.label + ", each seed");
                Table row = spread.where(spread.stringColumn("loss").isEqualTo(loss.id).and(spread.numberColumn("start_logit").isEqualTo(start)));
                double steps = row.numberColumn("steps_to_recover").getDouble(0);
                if (Double.isNaN(steps)) {
                    assertEquals(null, dots, loss.id + " from " + start + " did not recover and has no dot");
                } else {
                    assertEquals(steps, dots.getXData()[0], loss.id);
                    assertFalse(dots.isShowInLegend());
                }
            }
        }
    }
}
