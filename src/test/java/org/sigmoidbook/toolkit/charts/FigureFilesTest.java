package org.sigmoidbook.toolkit.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.sigmoidbook.toolkit.charts.FigureFiles.Format;

/** No ND4J and no state of the JVM's own: these tests run beside the others (junit-platform.properties). */
@Execution(ExecutionMode.CONCURRENT)
class FigureFilesTest {

    @TempDir
    Path dir;

    /**
     * A noisy sine of 20,000 points with one peak, far more than a chart has pixels. Its PNG takes
     * seconds: XChart lays out the ticks of equally spaced x values in time that grows with the square
     * of their number, and only the vector files are thinned.
     */
    private static XYChart noisyChart() {
        return noisyChart(20_000);
    }

    private static XYChart noisyChart(int points) {
        XYChart chart = Charts.xy("noise", "x", "y");
        Random random = new Random(1);
        double[] x = Charts.range(0, 1, points);
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.sin(20 * x[i]) + 0.1 * random.nextGaussian();
        }
        y[points * 5 / 8] = 9;
        Charts.line(chart, "noise", x, y);
        return chart;
    }

    /** The PNG writer: ImageIO reads back exactly the pixels drawn, and the resolution is 200 dpi. */
    @Test
    void pngHoldsTheExactPixelsAndItsResolution() throws Exception {
        BufferedImage image = new BufferedImage(37, 11, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(7);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Png.write(image, 200, bytes);
        Path file = Files.write(dir.resolve("t.png"), bytes.toByteArray());
        BufferedImage read = ImageIO.read(file.toFile());
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                assertEquals(image.getRGB(x, y), read.getRGB(x, y), "pixel " + x + "," + y);
            }
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            ImageReader reader = readers.next();
            reader.setInput(in);
            IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
            IIOMetadataNode phys = (IIOMetadataNode) root.getElementsByTagName("pHYs").item(0);
            assertEquals(Math.round(200 / 0.0254), Long.parseLong(phys.getAttribute("pixelsPerUnitXAxis")));
            assertEquals("meter", phys.getAttribute("unitSpecifier"));
        }
    }

    /** Thinning keeps about one vertex per pixel column and every extreme a reader could see. */
    @Test
    void thinningKeepsPeaksWithAboutOneVertexPerPixel() {
        XYChart chart = noisyChart();
        Thinning.thin(chart);
        double[] y = chart.getSeriesMap().get("noise").getYData();
        assertTrue(y.length <= 2 * chart.getWidth(), y.length + " points left for a chart " + chart.getWidth() + " wide");
        assertEquals(9.0, Arrays.stream(y).max().orElseThrow(), "the single peak survives");
    }

    @Test
    void compactSvgJoinsSegmentsAndRoundsButDrawsTheSameLines() {
        String svg = """
                <g>
                  <line style="stroke:red;" x1="0.123456" x2="1.5" y1="2" y2="3.333333"/>
                  <line style="stroke:red;" x1="1.5" x2="4" y1="3.333333" y2="5"/>
                  <line style="stroke:blue;" x1="4" x2="6" y1="5" y2="7"/>
                </g>
                """;
        String compact = CompactSvg.compact(svg);
        assertTrue(compact.contains("<path style=\"stroke:red;\" d=\"M0.12 2 L1.5 3.33 L4 5\"/>"), compact);
        assertTrue(compact.contains("<path style=\"stroke:blue;\" d=\"M4 5 L6 7\"/>"), compact);
        assertTrue(!compact.contains("<line"), compact);
    }

    /**
     * PDFBox writes a random document id unless told otherwise: the same figure must give the same
     * bytes. 2,000 points, still thinned in the vector files.
     */
    @Test
    void theSameFigureGivesTheSameBytesInEveryFormat() throws Exception {
        FigureFiles.save(Figure.of(noisyChart(2_000)), dir.resolve("a"), EnumSet.allOf(Format.class));
        FigureFiles.save(Figure.of(noisyChart(2_000)), dir.resolve("b"), EnumSet.allOf(Format.class));
        for (Format format : Format.values()) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a." + format.extension())), Files.readAllBytes(dir.resolve("b." + format.extension())),
                    format + " differs between two saves of the same figure");
        }
        assertTrue(new String(Files.readAllBytes(dir.resolve("a.pdf")), StandardCharsets.ISO_8859_1).startsWith("%PDF-"));
    }

    @Test
    void logAxesAreLabelledInWholeDecades() {
        assertEquals("10⁻⁴", Charts.powerOfTen(-4));
        assertEquals("10¹²", Charts.powerOfTen(12));
        assertEquals("10⁰", Charts.powerOfTen(0));
    }

    /**
     * Saving thins the vector files, the ones it thins for: the chart keeps every point, so a chart
     * shown after saving is whole, and a 20,000-point curve still makes a small SVG.
     */
    @Test
    void savingLeavesTheChartAsItWasMade() throws Exception {
        XYChart chart = noisyChart();
        double[] before = chart.getSeriesMap().get("noise").getYData().clone();
        FigureFiles.save(Figure.of(chart), dir.resolve("noise"), EnumSet.of(Format.SVG, Format.PDF));
        assertArrayEquals(before, chart.getSeriesMap().get("noise").getYData());
        assertTrue(Files.size(dir.resolve("noise.svg")) < 200_000, "the SVG is still thinned");
    }

    /** XChart's own addSeries on a log axis would store raw values where log10 of them belongs: refused. */
    @Test
    void aLogAxisChartRefusesUnconvertedSeries() {
        XYChart chart = Charts.xy("log", "x", "y");
        Charts.logY(chart);
        Charts.line(chart, "through the helpers", new double[]{1, 2}, new double[]{10, 1000});
        assertArrayEquals(new double[]{1, 3}, chart.getSeriesMap().get("through the helpers").getYData(), 1e-12);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> chart.addSeries("raw", new double[]{1, 2}, new double[]{10, 1000}));
        assertTrue(e.getMessage().contains("Charts.line"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> chart.addSeries("raw list", List.of(1, 2), List.of(10, 1000)));
        assertThrows(IllegalStateException.class, () -> chart.addSeries("raw ints", new int[]{1, 2}, new int[]{10, 1000}));
        assertThrows(IllegalStateException.class, () -> chart.addSeries("raw floats", new float[]{1, 2}));
        assertThrows(IllegalStateException.class, () -> chart.updateXYSeries("through the helpers", new double[]{1}, new double[]{5}, null));
        XYChart linear = Charts.xy("linear", "x", "y");
        linear.addSeries("raw on a linear axis is what it says", new double[]{1, 2}, new double[]{10, 1000});
    }

    /** A chart with decimal ticks on both axes, one made through Charts and one made with XChart directly. */
    private static List<XYChart> decimalCharts() {
        XYChart helped = Charts.xy("decimals", "x", "y");
        Charts.line(helped, "line", new double[]{0, 0.25, 0.5, 0.75, 1}, new double[]{0.1, 0.3, 0.2, 0.45, 0.4});
        XYChart plain = new XYChart(500, 320, BookTheme.INSTANCE);
        plain.addSeries("line", new double[]{0, 0.5, 1}, new double[]{1500.5, 2500.25, 1200.75});
        return List.of(helped, plain);
    }

    private static int[] pixels(XYChart chart) {
        BufferedImage image = new BufferedImage(chart.getWidth(), chart.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        chart.paint(g, chart.getWidth(), chart.getHeight());
        g.dispose();
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    /** The charts below are a real test: their tick labels change with the locale XChart is given. */
    @Test
    void theDecimalChartsTickLabelsDependOnTheirLocale() {
        for (XYChart chart : decimalCharts()) {
            chart.getStyler().setLocale(Locale.GERMANY);
            int[] german = pixels(chart);
            chart.getStyler().setLocale(Locale.ROOT);
            assertFalse(Arrays.equals(german, pixels(chart)), chart.getTitle());
        }
    }

    /**
     * Item 4: XChart formats tick labels in the locale its chart was made in, the default one ("0,5"
     * in German, Arabic-Indic digits in Saudi Arabia, Devanagari ones in Hindi with native digits).
     * The figures must be the same bytes whichever it was: here each chart is given the locale that
     * a reader's default would have given it, without changing this JVM's default under other tests.
     */
    @Test
    void figuresAreTheSameBytesWhateverLocaleTheirChartsWereMadeIn() throws Exception {
        for (Locale locale : List.of(Locale.ROOT, Locale.GERMANY, Locale.forLanguageTag("ar-SA"), Locale.forLanguageTag("hi-IN-u-nu-deva"))) {
            List<XYChart> charts = decimalCharts();
            for (int i = 0; i < charts.size(); i++) {
                charts.get(i).getStyler().setLocale(locale);
                Path base = dir.resolve(locale.toLanguageTag()).resolve("chart" + i);
                FigureFiles.save(Figure.of(charts.get(i)), base, EnumSet.allOf(Format.class));
            }
        }
        Path root = dir.resolve(Locale.ROOT.toLanguageTag());
        for (String tag : List.of("de-DE", "ar-SA", "hi-IN-u-nu-deva")) {
            for (String file : List.of("chart0.png", "chart0.svg", "chart0.pdf", "chart1.png", "chart1.svg", "chart1.pdf")) {
                assertArrayEquals(Files.readAllBytes(root.resolve(file)), Files.readAllBytes(dir.resolve(tag).resolve(file)),
                        file + " differs under " + tag);
            }
        }
    }

    /** Charts made through Charts use the one tick locale from the start, whatever this JVM's default. */
    @Test
    void chartsAreMadeInTheTickLocale() {
        assertEquals(Charts.TICK_LOCALE, Charts.xy("t", "x", "y").getStyler().getLocale());
        assertEquals(Charts.TICK_LOCALE, Charts.bars("t", "x", "y").getStyler().getLocale());
    }
}
