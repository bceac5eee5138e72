package org.sigmoidbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

/** The runner's contract, as scripts and later chapters rely on it. */
class BookRunnerTest {

    private record Result(int status, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Book.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void chaptersAreRegisteredInBookOrder() {
        List<String> bookOrder = List.of("equation", "derivative", "vanishing", "saturation", "zero-centering",
                "implementation", "output-layer");
        List<String> ids = Chapters.ALL.stream().map(Chapter::id).toList();
        assertTrue(ids.containsAll(List.of("equation", "derivative", "implementation")), ids.toString());
        assertEquals(bookOrder.stream().filter(ids::contains).toList(), ids, "registry order follows the book");
    }

    @Test
    void listPrintsIdsAndTitlesAndWritesNothing(@TempDir Path temp) {
        Path out = temp.resolve("never-created");
        Result result = run("--list", "--out", out.toString());
        assertEquals(Book.OK, result.status());
        List<String> lines = result.out().lines().toList();
        assertEquals(Chapters.ALL.size(), lines.size(), result.out());
        for (int i = 0; i < lines.size(); i++) {
            Chapter chapter = Chapters.ALL.get(i);
            assertTrue(lines.get(i).startsWith(chapter.id() + " ") && lines.get(i).endsWith(chapter.title()), lines.get(i));
        }
        assertFalse(Files.exists(out), "--list must not create the output folder");
    }

    @Test
    void unknownIdIsAUsageErrorThatListsTheIds(@TempDir Path temp) {
        Path out = temp.resolve("never-created");
        Result result = run("no-such-chapter", "--out", out.toString());
        assertEquals(Book.USAGE, result.status());
        assertTrue(result.err().lines().findFirst().orElseThrow().contains("no-such-chapter"), result.err());
        for (Chapter chapter : Chapters.ALL) {
            assertTrue(result.err().contains(chapter.id()), "stderr lists " + chapter.id() + ": " + result.err());
        }
        assertEquals("", result.out());
        assertFalse(Files.exists(out));
    }

    @Test
    void unknownFlagsAndBadNumbersAreUsageErrors() {
        for (String[] args : List.of(new String[]{"--fast"}, new String[]{"--seed", "forty-two"},
                new String[]{"--seed"}, new String[]{"equation", "--seed", "1.5"})) {
            Result result = run(args);
            assertEquals(Book.USAGE, result.status(), String.join(" ", args));
            assertTrue(result.err().contains("chapter ids: " + Chapters.ids()), result.err());
            assertEquals("", result.out(), "nothing runs on bad usage");
        }
    }

    /** Runs a chapter into DIR and checks that nothing appeared or changed in the working folder. */
    @Test
    void outWritesOnlyUnderTheGivenFolder(@TempDir Path temp) throws IOException {
        Path cwd = Path.of("").toAbsolutePath();
        Map<String, Long> before = snapshot(cwd);
        Path out = temp.resolve("book");
        Result result = run("implementation", "--quick", "--out", out.toString());
        assertEquals(Book.OK, result.status(), result.err());
        assertEquals(before, snapshot(cwd), "files in the working folder changed");
        try (Stream<Path> files = Files.walk(out)) {
            List<Path> written = files.filter(Files::isRegularFile).map(out::relativize).toList();
            assertFalse(written.isEmpty());
            for (Path file : written) {
                assertTrue(file.startsWith(Path.of("data", "implementation")) || file.startsWith(Path.of("figures", "implementation"))
                                || file.equals(Path.of("chapters", "06-implementation.md")),
                        "unexpected file " + file);
            }
        }
        assertTrue(result.out().contains("wrote " + out.resolve("data/implementation/api-map.csv")), result.out());
        assertTrue(result.out().matches("(?s).*done in \\d+\\.\\d s.*"), result.out());
    }

    /** Every file outside build output and version control, with its modification time. */
    private static Map<String, Long> snapshot(Path root) throws IOException {
        Map<String, Long> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> !p.startsWith(root.resolve("target")) && !p.startsWith(root.resolve(".git")))
                    .forEach(p -> files.put(root.relativize(p).toString(), p.toFile().lastModified()));
        }
        return files;
    }

    @Test
    void figurePngDecodesToANonBlankImage() throws IOException {
        Path png = QuickBook.chapter("equation").figure("equation", "sigmoid-curve.png");
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "ImageIO cannot decode " + png);
        assertTrue(image.getWidth() >= 1000 && image.getHeight() >= 600, image.getWidth() + "x" + image.getHeight());
        int white = 0xFFFFFFFF;
        long inked = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                inked += image.getRGB(x, y) != white ? 1 : 0;
            }
        }
        double fraction = inked / (image.getWidth() / 2.0 * image.getHeight() / 2.0);
        assertTrue(fraction > 0.01 && fraction < 0.9, "share of non-white pixels " + fraction);
    }

    @Test
    void figureSvgParsesAsXml() throws Exception {
        Path svg = QuickBook.chapter("derivative").figure("derivative", "derivative-check.svg");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document document = factory.newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", document.getDocumentElement().getTagName());
        assertTrue(document.getElementsByTagName("*").getLength() > 100, "an SVG with a drawing in it");
    }

    @Test
    void csvReadsBackWithTablesaw() {
        Table values = QuickBook.chapter("equation").table("equation", "sigmoid-values.csv",
                ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.DOUBLE);
        assertEquals(List.of("z", "sigma", "sigma_float"), values.columnNames());
        assertEquals(401, values.rowCount());
        assertEquals(0.5, values.where(values.doubleColumn("z").isEqualTo(0.0)).doubleColumn("sigma").get(0));
    }
}
