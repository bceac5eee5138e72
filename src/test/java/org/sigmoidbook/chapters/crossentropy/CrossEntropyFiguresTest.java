package org.sigmoidbook.chapters.crossentropy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The figures draw from their tables alone, render, and put nothing at or below zero on a log axis. */
class CrossEntropyFiguresTest {

    @Test
    void gradientAndLossFiguresShowLabelZeroOnLogAxes() {
        for (XYChart chart : List.of(CrossEntropyFigures.outputGradient(OutputNumerics.outputGradient(2)),
                CrossEntropyFigures.lossValue(OutputNumerics.lossValue(2)))) {
            assertTrue(chart.getStyler().isYAxisLogarithmic());
            assertEquals(List.of("exact", "DL4J XENT, FLOAT", "DL4J XENT, DOUBLE", "fused, FLOAT", "SameDiff, FLOAT"),
                    List.copyOf(chart.getSeriesMap().keySet()));
            for (XYSeries series : chart.getSeriesMap().values()) {
                assertEquals(161, series.getXData().length, series.getName());
                for (double y : series.getYData()) {
                    assertTrue(y >= CrossEntropyFigures.LOG_FLOOR, series.getName() + ": " + y);
                }
            }
            assertTrue(BitmapEncoder.getBufferedImage(chart).getWidth() > 0);
        }
    }

    @Test
    void recoveryFigureHasOneLinePerLossAndTheRecoveryLevel() {
        Table recovery = Table.create("recovery", StringColumn.create("loss", "dl4j-xent", "dl4j-xent", "fused", "fused"),
                IntColumn.create("step", 0, 2, 0, 2), DoubleColumn.create("train_loss", 7.5, 7.4, 7.5, 3.0),
                DoubleColumn.create("heldout_accuracy", 0.5, 0.5, 0.5, 0.7));
        XYChart chart = CrossEntropyFigures.recovery(recovery);
        assertEquals(List.of("dl4j-xent", "fused", "recovered"), List.copyOf(chart.getSeriesMap().keySet()));
        assertTrue(BitmapEncoder.getBufferedImage(chart).getWidth() > 0);
    }
}
