package org.sigmoidbook.toolkit.charts;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.series.Series;
import org.knowm.xchart.style.AxesChartStyler;

/**
 * Writes a {@link Figure} as PNG (for screens and slides, {@value #DPI} dpi), SVG and PDF (for
 * course notes). The vector files are thinned to about one vertex per pixel; the PDF carries a
 * fixed document id and no dates, and tick labels are written in one locale, so that the same data
 * always give the same bytes, whatever the reader's locale. A figure without a single finite value
 * is refused rather than saved blank.
 */
public final class FigureFiles {

    public static final int DPI = 200;

    /** The file formats a figure can be written in. */
    public enum Format {
        PNG, SVG, PDF;

        public String extension() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses a comma-separated list such as {@code "png,pdf"}; throws with the accepted names. */
        public static Set<Format> parseList(String text) {
            Set<Format> formats = EnumSet.noneOf(Format.class);
            for (String part : text.split(",", -1)) {
                String name = part.strip().toUpperCase(Locale.ROOT);
                try {
                    formats.add(Format.valueOf(name));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown figure format '" + part.strip() + "' (use png, svg, pdf)");
                }
            }
            return formats;
        }
    }

    private FigureFiles() {
    }

    /** Writes one chart as {@code base.png}, {@code base.svg} and {@code base.pdf}: for JShell and notebooks. */
    public static void save(Chart<?, ?> chart, Path base) throws IOException {
        save(Figure.of(chart), base, EnumSet.allOf(Format.class));
    }

    /**
     * Writes {@code base.png}, {@code base.svg} and {@code base.pdf}, as many as {@code formats}
     * names. The charts are thinned for the vector files and given back with every point, so a chart
     * shown after saving is the chart as it was made. Not while another thread paints the same charts.
     */
    public static void save(Figure figure, Path base, Set<Format> formats) throws IOException {
        figure.charts().forEach(FigureFiles::requireData);
        figure.charts().forEach(FigureFiles::useTickLocale);
        Files.createDirectories(base.toAbsolutePath().getParent());
        if (formats.contains(Format.PNG)) {
            writePng(figure, withExtension(base, Format.PNG));
        }
        if (!formats.contains(Format.SVG) && !formats.contains(Format.PDF)) {
            return;
        }
        List<XYChart> xyCharts = figure.charts().stream().filter(XYChart.class::isInstance).map(XYChart.class::cast).toList();
        List<Map<String, double[][]>> kept = xyCharts.stream().map(FigureFiles::storedValues).toList();
        try {
            xyCharts.forEach(Thinning::thin);
            if (formats.contains(Format.SVG)) {
                writeSvg(figure, withExtension(base, Format.SVG));
            }
            if (formats.contains(Format.PDF)) {
                writePdf(figure, withExtension(base, Format.PDF));
            }
        } finally {
            for (int i = 0; i < xyCharts.size(); i++) {
                XYChart chart = xyCharts.get(i);
                kept.get(i).forEach((name, stored) -> Charts.replaceStored(chart, name, stored[0], stored[1], stored[2]));
            }
        }
    }

    /** Each series' x, y and error bars as the chart stores them, by series name. */
    private static Map<String, double[][]> storedValues(XYChart chart) {
        Map<String, double[][]> values = new LinkedHashMap<>();
        chart.getSeriesMap().forEach((name, series) -> values.put(name,
                new double[][]{series.getXData(), series.getYData(), series.getExtraValues()}));
        return values;
    }

    public static Path withExtension(Path base, Format format) {
        return base.resolveSibling(base.getFileName() + "." + format.extension());
    }

    private static void writePng(Figure figure, Path file) throws IOException {
        double scale = DPI / 72.0;
        BufferedImage image = new BufferedImage((int) Math.round(figure.width() * scale), (int) Math.round(figure.height() * scale),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.scale(scale, scale);
            figure.paint(g);
        } finally {
            g.dispose();
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            Png.write(image, DPI, out);
        }
    }

    private static void writeSvg(Figure figure, Path file) throws IOException {
        VectorGraphics2D g = new VectorGraphics2D();
        figure.paint(g);
        g.dispose();
        PageSize page = new PageSize(0, 0, figure.width(), figure.height());
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        new SVGProcessor().getDocument(g.getCommands(), page).writeTo(svg);
        Files.writeString(file, CompactSvg.compact(svg.toString(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    private static void writePdf(Figure figure, Path file) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(new PDRectangle(figure.width(), figure.height()));
            document.addPage(page);
            PdfBoxGraphics2D g = new PdfBoxGraphics2D(document, figure.width(), figure.height());
            figure.paint(g);
            g.dispose();
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.drawForm(g.getXFormObject());
            }
            // PDFBox derives the file's /ID from this and from the clock when it is unset.
            document.setDocumentId(0L);
            document.getDocumentInformation().setProducer("The Sigmoid Book");
            document.getDocumentInformation().setTitle(figure.title());
            try (OutputStream out = Files.newOutputStream(file)) {
                document.save(out);
            }
        }
    }

    /** Tick labels in {@link Charts#TICK_LOCALE}, for charts made without {@link Charts} too. */
    private static void useTickLocale(Chart<?, ?> chart) {
        if (chart.getStyler() instanceof AxesChartStyler axes) {
            axes.setLocale(Charts.TICK_LOCALE);
        }
    }

    /** Refuses a chart with no series, or none with a finite value: that would be a blank picture. */
    static void requireData(Chart<?, ?> chart) {
        Map<String, ? extends Series> series = seriesOf(chart);
        if (series.isEmpty()) {
            throw new IllegalStateException("figure '" + chart.getTitle() + "' has no series");
        }
        if (series.values().stream().noneMatch(FigureFiles::hasFiniteValue)) {
            throw new IllegalStateException("figure '" + chart.getTitle() + "' has no finite data to draw");
        }
    }

    private static Map<String, ? extends Series> seriesOf(Chart<?, ?> chart) {
        if (chart instanceof XYChart xy) {
            return xy.getSeriesMap();
        }
        if (chart instanceof CategoryChart category) {
            return category.getSeriesMap();
        }
        throw new IllegalArgumentException("unsupported chart type " + chart.getClass().getSimpleName());
    }

    private static boolean hasFiniteValue(Series series) {
        if (series instanceof XYSeries xy) {
            double[] x = xy.getXData();
            double[] y = xy.getYData();
            for (int i = 0; i < y.length; i++) {
                if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                    return true;
                }
            }
            return false;
        }
        if (series instanceof CategorySeries category) {
            return category.getYData().stream().anyMatch(n -> n != null && Double.isFinite(n.doubleValue()));
        }
        return true;
    }
}
