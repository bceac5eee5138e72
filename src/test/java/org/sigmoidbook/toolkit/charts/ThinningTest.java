package org.sigmoidbook.toolkit.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;

/** Which points Thinning keeps, worked out by hand on series small enough to follow. */
class ThinningTest {

    private static final double[] TEN = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};

    /**
     * x = 0..9 over two columns: 0..4 fall in the first (4/9 of the range), 5..9 in the second.
     * Each column keeps its first point, its first lowest, its first highest and its last.
     */
    @Test
    void linesKeepTheFirstLowestHighestAndLastPointOfEachColumn() {
        double[] y = {3, 1, 5, 1, 5, 9, 2, 9, 6, 3};
        double[][] kept = Thinning.extremesPerColumn(TEN, y, 2);
        assertArrayEquals(new double[]{0, 1, 2, 4, 5, 6, 9}, kept[0]);
        assertArrayEquals(new double[]{3, 1, 5, 5, 9, 2, 3}, kept[1]);
        double[] shifted = Arrays.stream(TEN).map(v -> v + 100).toArray();
        assertArrayEquals(new double[]{100, 101, 102, 104, 105, 106, 109}, Thinning.extremesPerColumn(shifted, y, 2)[0]);
    }

    /** A point that cannot be drawn is kept where it is and ends the run of its column. */
    @Test
    void aGapIsKeptAndSplitsItsColumn() {
        double[] y = {4, 0, 8, 2, Double.NaN, 7, 1, 6, 3, 5};
        double[][] kept = Thinning.extremesPerColumn(TEN, y, 1);
        assertArrayEquals(new double[]{0, 1, 2, 3, 4, 5, 6, 9}, kept[0]);
        assertArrayEquals(new double[]{4, 0, 8, 2, Double.NaN, 7, 1, 5}, kept[1]);
        double[] x = {0, 1, Double.POSITIVE_INFINITY, 3, 4};
        double[][] keptX = Thinning.extremesPerColumn(x, new double[]{1, 2, 3, 4, 5}, 1);
        assertArrayEquals(x, keptX[0]);
    }

    /** Scatter points keep the first of each pixel: the grid is columns x rows over the data's ranges. */
    @Test
    void scatterKeepsOnePointPerPixel() {
        double[] x = {0, 0.1, 0.9, 1, 0.05, 0.95};
        double[] y = {0, 0.1, 0.9, 1, 0.95, 0.05};
        double[][] kept = Thinning.onePerPixel(x, y, 2, 2);
        assertArrayEquals(new double[]{0, 0.9, 0.05, 0.95}, kept[0]);
        assertArrayEquals(new double[]{0, 0.9, 0.95, 0.05}, kept[1]);
        double[][] flat = Thinning.onePerPixel(new double[]{2, 2, 2}, new double[]{1, 1, 1}, 3, 3);
        assertArrayEquals(new double[]{2}, flat[0]);
        double[][] withGap = Thinning.onePerPixel(new double[]{0, Double.NaN, 1}, new double[]{0, 0, 1}, 2, 2);
        assertArrayEquals(new double[]{0, Double.NaN, 1}, withGap[0], "a point without a position is not merged into the first column");
    }

    /**
     * A chart 20 pixels wide has 10 columns; x = 0..30 puts x = 3k, 3k + 1, 3k + 2 in column k (and 30
     * in the last). A flat line keeps the first and last point of each column, a scatter series the
     * first, and a series with error bars is left alone.
     */
    @Test
    void thinUsesTwoPixelsPerColumnAndLeavesErrorBarsAlone() {
        XYChart chart = new XYChartBuilder().width(20).height(4).build();
        double[] x = new double[31];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        double[] flat = new double[x.length];
        chart.addSeries("line", x, flat);
        chart.addSeries("bars", x, flat, new double[x.length]);
        chart.addSeries("dots", x, flat).setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        Thinning.thin(chart);
        assertArrayEquals(new double[]{0, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 23, 24, 26, 27, 30},
                chart.getSeriesMap().get("line").getXData());
        assertEquals(x.length, chart.getSeriesMap().get("bars").getXData().length);
        assertArrayEquals(new double[]{0, 3, 6, 9, 12, 15, 18, 21, 24, 27}, chart.getSeriesMap().get("dots").getXData());
    }

    /** Ten points for ten columns are drawn as they are, even when nine of them share one column. */
    @Test
    void aSeriesNoLongerThanTheColumnsIsLeftAlone() {
        XYChart chart = new XYChartBuilder().width(20).height(4).build();
        double[] x = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 9};
        chart.addSeries("clustered", x, new double[x.length]);
        Thinning.thin(chart);
        assertArrayEquals(x, chart.getSeriesMap().get("clustered").getXData());
    }
}
