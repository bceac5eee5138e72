package org.sigmoidbook.toolkit.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;

import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.knowm.xchart.style.theme.AbstractBaseTheme;

/**
 * The book's one XChart theme: lettering sized for slides, the Okabe-Ito palette (safe for
 * colour-blind readers), light solid grid lines, and the legend below the plot so that it never
 * covers data. Every figure of the book is drawn with it; in JShell, {@code new XYChart(800, 500,
 * BookTheme.INSTANCE)} gives the same look.
 */
public final class BookTheme extends AbstractBaseTheme {

    public static final BookTheme INSTANCE = new BookTheme();

    public static final String FONT = "DejaVu Sans";

    /** Okabe-Ito colours, in the order series receive them. */
    static final Color[] PALETTE = {
            new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
            new Color(230, 159, 0), new Color(86, 180, 233), new Color(0, 0, 0), new Color(240, 228, 66)};

    private BookTheme() {
    }

    @Override
    public Font getBaseFont() {
        return new Font(FONT, Font.PLAIN, 15);
    }

    @Override
    public Color[] getSeriesColors() {
        return PALETTE.clone();
    }

    @Override
    public Marker[] getSeriesMarkers() {
        return new Marker[]{SeriesMarkers.CIRCLE};
    }

    @Override
    public BasicStroke[] getSeriesLines() {
        return new BasicStroke[]{Charts.SOLID};
    }

    @Override
    public Font getChartTitleFont() {
        return new Font(FONT, Font.BOLD, 22);
    }

    @Override
    public boolean isChartTitleBoxVisible() {
        return false;
    }

    @Override
    public int getChartPadding() {
        return 16;
    }

    @Override
    public Font getAxisTitleFont() {
        return new Font(FONT, Font.PLAIN, 18);
    }

    @Override
    public int getAxisTitlePadding() {
        return 10;
    }

    @Override
    public Font getAxisTickLabelsFont() {
        return new Font(FONT, Font.PLAIN, 15);
    }

    @Override
    public Font getLegendFont() {
        return new Font(FONT, Font.PLAIN, 15);
    }

    @Override
    public Styler.LegendPosition getLegendPosition() {
        return Styler.LegendPosition.OutsideS;
    }

    @Override
    public Color getLegendBorderColor() {
        return Color.WHITE;
    }

    @Override
    public Color getChartBackgroundColor() {
        return Color.WHITE;
    }

    @Override
    public Color getPlotBackgroundColor() {
        return Color.WHITE;
    }

    @Override
    public Color getPlotBorderColor() {
        return Color.GRAY;
    }

    @Override
    public Color getPlotGridLinesColor() {
        return new Color(225, 225, 225);
    }

    /** Solid: XChart writes a dashed grid line to SVG as thousands of tiny segments. */
    @Override
    public BasicStroke getPlotGridLinesStroke() {
        return new BasicStroke(1f);
    }

    @Override
    public int getMarkerSize() {
        return 7;
    }

    @Override
    public boolean isErrorBarsColorSeriesColor() {
        return true;
    }

    @Override
    public boolean isOverlapped() {
        return false;
    }
}
