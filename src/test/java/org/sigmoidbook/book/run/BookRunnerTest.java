package org.sigmoidbook.book.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.sigmoidbook.BookTest;
import org.sigmoidbook.ChapterData;
import org.sigmoidbook.QuickBook;
import org.sigmoidbook.book.Chapter;
import org.sigmoidbook.book.ChapterInfo;
import org.sigmoidbook.book.Figures;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.book.Results;
import org.sigmoidbook.chapters.equation.EquationChapter.Prediction;
import org.sigmoidbook.chapters.equation.EquationChapter.SigmoidValue;
import org.sigmoidbook.runtime.Backend;
import org.sigmoidbook.runtime.ProjectRoot;
import org.sigmoidbook.site.CommittedSite;
import org.w3c.dom.Document;

/** The runner's contract, as readers, scripts and later chapters rely on it. */
class BookRunnerTest {

    private static final Catalog BOOK = Catalog.load();

    record Result(int status, String out, String err) {
    }

    static Result run(String... args) {
        return run(BOOK, args);
    }

    static Result run(Catalog catalog, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = BookCommand.run(catalog, args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theTableOfContentsNumbersTheChaptersFromOneWithoutGaps() {
        List<Catalog.Entry> entries = BOOK.entries();
        assertTrue(entries.size() >= 7, "the book has its chapters: " + BOOK.ids());
        for (int i = 0; i < entries.size(); i++) {
            assertEquals(i + 1, entries.get(i).number());
        }
        assertEquals("equation", entries.get(0).id());
        assertEquals("01-equation", entries.get(0).page());
    }

    @Test
    void aCatalogRefusesGapsInTheNumbers() {
        @ChapterInfo(number = 2, id = "second", title = "t", summary = "s", cover = "c")
        class Second extends Unannotated {
        }
        IllegalStateException gap = assertThrows(IllegalStateException.class, () -> Catalog.of(List.of(new Second())));
        assertTrue(gap.getMessage().contains("without gaps"), gap.getMessage());
        IllegalStateException bare = assertThrows(IllegalStateException.class, () -> Catalog.of(List.of(new Unannotated())));
        assertTrue(bare.getMessage().contains("@ChapterInfo"), bare.getMessage());
    }

    private static class Unannotated implements Chapter {
        @Override
        public void measure(Lab lab) {
        }

        @Override
        public void draw(Results results, Figures figures) {
        }
    }

    @Test
    void listPrintsIdsAndTitlesAndWritesNothing(@TempDir Path temp) {
        Path out = temp.resolve("never-created");
        Result result = run("--list", "--out", out.toString());
        assertEquals(BookCommand.OK, result.status());
        List<String> lines = result.out().lines().toList();
        assertEquals(BOOK.entries().size(), lines.size(), result.out());
        for (int i = 0; i < lines.size(); i++) {
            Catalog.Entry entry = BOOK.entries().get(i);
            assertTrue(lines.get(i).startsWith(entry.id() + " ") && lines.get(i).endsWith(entry.number() + ". " + entry.title()), lines.get(i));
        }
        assertFalse(Files.exists(out), "--list must not create the output folder");
    }

    @Test
    void helpAndVersionAnswerAndRunNothing(@TempDir Path temp) {
        Result help = run("--help", "--out", temp.resolve("no").toString());
        assertEquals(BookCommand.OK, help.status());
        assertTrue(help.out().contains("--replot") && help.out().contains("--jobs") && help.out().contains("Exit status"), help.out());
        Result version = run("--version");
        assertEquals(BookCommand.OK, version.status());
        assertTrue(version.out().startsWith("The Sigmoid Book "), version.out());
        assertTrue(version.out().contains("deeplearning4j 1.0.0-M2.1"), version.out());
        assertFalse(Files.exists(temp.resolve("no")));
    }

    @Test
    void unknownIdIsAUsageErrorThatListsTheIds(@TempDir Path temp) {
        Path out = temp.resolve("never-created");
        Result result = run("no-such-chapter", "--out", out.toString());
        assertEquals(BookCommand.USAGE, result.status());
        assertTrue(result.err().lines().findFirst().orElseThrow().contains("no-such-chapter"), result.err());
        assertTrue(result.err().contains("chapter ids: " + BOOK.ids()), result.err());
        assertEquals("", result.out());
        assertFalse(Files.exists(out));
    }

    @Test
    void unknownFlagsAndBadNumbersAreUsageErrors() {
        for (String[] args : List.of(new String[]{"--fast"}, new String[]{"--seed", "forty-two"}, new String[]{"--seed"},
                new String[]{"equation", "--seed", "1.5"}, new String[]{"--jobs", "0"}, new String[]{"--jobs", "two"},
                new String[]{"--formats", "png,gif"}, new String[]{"--replot", "--seed", "3"})) {
            Result result = run(args);
            assertEquals(BookCommand.USAGE, result.status(), String.join(" ", args));
            assertTrue(result.err().contains("chapter ids: " + BOOK.ids()), result.err());
            assertEquals("", result.out(), "nothing runs on bad usage");
        }
    }

    @Test
    void aSeedBeyondTheRangeOfALongIsCalledOutOfRangeNotANonNumber() {
        Result result = run("--seed", "99999999999999999999");
        assertEquals(BookCommand.USAGE, result.status());
        assertTrue(result.err().contains("out of range"), result.err());
    }

    /**
     * Item 6: the random generators tell apart the seeds of a Java int, so those are the seeds:
     * 4294967303 (2³² + 7) would give the figures of 7, and Long.MAX_VALUE the data of -1.
     */
    @Test
    void seedsAreTheWholeNumbersTheRandomGeneratorsTellApart() {
        for (String seed : List.of("4294967303", "9223372036854775807", "2147483648", "-2147483649")) {
            Result result = run("--seed", seed);
            assertEquals(BookCommand.USAGE, result.status(), seed);
            assertTrue(result.err().contains("--seed " + seed + " is out of range: use a whole number from -2147483648 to 2147483647"),
                    result.err());
        }
        assertEquals(Integer.MAX_VALUE, Options.parse(BOOK, Map.of(), "--seed", "2147483647").seed());
        assertEquals(Integer.MIN_VALUE, Options.parse(BOOK, Map.of(), "--seed", "-2147483648").seed());
        assertEquals(7, Options.parse(BOOK, Map.of(), "--seed", "+7").seed());
        assertTrue(run("--help").out().contains("a whole number from -2147483648 to 2147483647"));
    }

    /** Why the seeds stop at 32 bits: ND4J's generator, which draws every network's weights, reads its seed modulo 2³². */
    @Test
    void nd4jsRandomGeneratorReadsItsSeedModulo2To32() {
        Nd4j.getRandom().setSeed(7L);
        double[] seven = Nd4j.rand(DataType.DOUBLE, 1, 8).toDoubleVector();
        Nd4j.getRandom().setSeed(7L + (1L << 32));
        double[] sevenPlus2To32 = Nd4j.rand(DataType.DOUBLE, 1, 8).toDoubleVector();
        Nd4j.getRandom().setSeed(8L);
        double[] eight = Nd4j.rand(DataType.DOUBLE, 1, 8).toDoubleVector();
        assertArrayEquals(seven, sevenPlus2To32);
        assertFalse(Arrays.equals(seven, eight));
    }

    /** ND4J's native code computes wrong results with 0 threads and crashes with -1: the runner refuses both. */
    @Test
    void anOmpThreadCountThatIsNotAPositiveWholeNumberIsAUsageErrorNamingTheVariable() {
        for (String value : List.of("0", "-1", "abc", "", "2.5", " 2", "2 ", "+2", "02", "99999999999")) {
            UsageException e = assertThrows(UsageException.class, () -> Options.parse(BOOK, Map.of("OMP_NUM_THREADS", value)), value);
            assertTrue(e.getMessage().contains("OMP_NUM_THREADS") && e.getMessage().contains("'" + value + "'"), e.getMessage());
        }
        assertEquals(2, Options.parse(BOOK, Map.of("OMP_NUM_THREADS", "2"), "--jobs", "2").jobs());
    }

    /** Item 12: -Dsigmoidbook.threads follows the same rule as OMP_NUM_THREADS, with the same exit status. */
    @Test
    void aBadThreadsPropertyIsAUsageErrorAsABadVariableIs(@TempDir Path temp) {
        String before = System.getProperty(Backend.THREADS_PROPERTY);
        try {
            for (String value : List.of("abc", " 2", "0")) {
                System.setProperty(Backend.THREADS_PROPERTY, value);
                Result result = run(FakeChapter.drawing("curve").book(), "--out", temp.resolve("out").toString());
                assertEquals(BookCommand.USAGE, result.status(), value);
                assertTrue(result.err().startsWith("error: -D" + Backend.THREADS_PROPERTY + " must be a positive whole number"), result.err());
                assertFalse(Files.exists(temp.resolve("out")));
            }
            System.setProperty(Backend.THREADS_PROPERTY, "1");
            assertEquals(BookCommand.OK, run(FakeChapter.drawing("curve").book(), "--list").status());
        } finally {
            if (before == null) {
                System.clearProperty(Backend.THREADS_PROPERTY);
            } else {
                System.setProperty(Backend.THREADS_PROPERTY, before);
            }
        }
    }

    /** Item 14: the project's sources and committed outputs are no place for a run's or a site's files. */
    @Test
    void outAndSiteMayNotPointIntoTheProjectsSources(@TempDir Path temp) throws IOException {
        Path project = ProjectRoot.get();
        Path link = Files.createSymbolicLink(temp.resolve("sources"), project.resolve("src"));
        for (String[] args : List.of(new String[]{"--out", "src"}, new String[]{"--out", project.resolve("src/main/new").toString()},
                new String[]{"--out", project.resolve("data").toString()}, new String[]{"--out", link.resolve("x").toString()},
                new String[]{"--site", project.resolve("chapters").toString()})) {
            Result result = run(args);
            assertEquals(BookCommand.USAGE, result.status(), String.join(" ", args));
            assertTrue(result.err().contains("is inside the project's") && result.err().contains("outside the project's sources"),
                    result.err());
        }
        assertFalse(Files.exists(project.resolve("src/main/new")));
        Path notes = project.resolve("target/notes");
        assertEquals(notes, Options.parse(BOOK, Map.of(), "--out", notes.toString()).outDir());
    }

    /**
     * Item 15: a chapter class runs its chapter; naming another is a usage error, not a run of both,
     * and its --site, --list and --help are the book's.
     */
    @Test
    void aChapterClassRunsItsOwnChapterAndItsOtherModesAreTheBooks(@TempDir Path temp) {
        Result both = runAsChapter(BOOK, "equation", "derivative");
        assertEquals(BookCommand.USAGE, both.status());
        assertTrue(both.err().contains("runs chapter equation only") && both.err().contains("org.sigmoidbook.Book"), both.err());
        assertEquals(List.of("equation"), Options.parseForChapter(BOOK, Map.of(), "equation", "equation", "--quick").chapterIds());

        Catalog fake = FakeChapter.drawing("curve").book();
        Path notes = temp.resolve("notes");
        assertEquals(BookCommand.OK, run(fake, "--formats", "svg", "--out", notes.toString()).status());
        Result site = runAsChapter(fake, "test-chapter", "--site", temp.resolve("site").toString(), "--out", notes.toString());
        assertEquals(BookCommand.OK, site.status(), site.err());
        assertTrue(Files.isRegularFile(temp.resolve("site/01-test-chapter.html")));
        Result list = runAsChapter(BOOK, "equation", "--list");
        assertEquals(BookCommand.OK, list.status(), list.err());
        assertEquals(BOOK.entries().size(), list.out().lines().count());
    }

    static Result runAsChapter(Catalog catalog, String chapterId, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = BookCommand.runAsChapter(catalog, chapterId, args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void outputsGoToTheProjectForAFullRunAndUnderTargetQuickForAQuickOne() {
        Path project = ProjectRoot.get();
        assertTrue(Files.isRegularFile(project.resolve("pom.xml")), "the project root holds the pom: " + project);
        assertEquals(project, Options.parse(BOOK, Map.of()).outDir());
        assertEquals(project.resolve("target").resolve("quick"), Options.parse(BOOK, Map.of(), "--quick").outDir());
        assertEquals(Path.of("elsewhere"), Options.parse(BOOK, Map.of(), "--quick", "--out", "elsewhere").outDir());
    }

    /** Runs a chapter into DIR and checks that nothing appeared or changed in the working folder. */
    @BookTest
    void outWritesOnlyUnderTheGivenFolder(@TempDir Path temp) throws IOException {
        Path cwd = Path.of("").toAbsolutePath();
        Map<String, Long> before = snapshot(cwd);
        Path out = temp.resolve("book");
        Result result = run("equation", "--quick", "--out", out.toString());
        assertEquals(BookCommand.OK, result.status(), result.err());
        assertEquals(before, snapshot(cwd), "files in the working folder changed");
        try (Stream<Path> files = Files.walk(out)) {
            List<Path> written = files.filter(Files::isRegularFile).map(out::relativize).toList();
            for (Path file : written) {
                assertTrue(file.startsWith(Path.of("data", "equation")) || file.startsWith(Path.of("figures", "equation"))
                                || file.equals(Path.of("chapters", "01-equation.md")) || file.equals(Path.of("chapters", "01-equation.jsh"))
                                || file.equals(Path.of("chapters", "README.md"))
                                || file.equals(Path.of(OutputLock.FILE_NAME)),
                        "unexpected file " + file);
            }
            assertTrue(written.contains(Path.of("data", "equation", "sigmoid-values.csv")), written.toString());
        }
        assertTrue(result.out().matches("(?s).*wrote \\d+ tables, 3 figures \\(png, svg, pdf\\).*done in \\d+\\.\\d s.*"), result.out());
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

    @BookTest
    void siteWritesTheCommittedNotesAsAWebsiteAndRunsNothingElse(@TempDir Path temp) {
        CommittedSite.Build site = CommittedSite.get();
        assertEquals(BookCommand.OK, site.status(), site.err());
        assertTrue(Files.isRegularFile(site.dir().resolve("index.html")) && Files.isRegularFile(site.dir().resolve("01-equation.html")));
        assertFalse(site.out().contains("Backend"), "the site needs no ND4J: " + site.out());
        Result mixed = run("--site", temp.resolve("other").toString(), "--quick");
        assertEquals(BookCommand.USAGE, mixed.status());
        assertFalse(Files.exists(temp.resolve("other")));
    }

    /**
     * Item 10: the notes of another output folder make a site too. Its contents page links the
     * notebooks, which the run copied beside the pages, and only the pages the folder holds.
     */
    @BookTest
    void aSiteIsMadeFromTheNotesOfAnyOutputFolder(@TempDir Path temp) throws IOException {
        Path notes = temp.resolve("notes");
        CommandLineTest.copyTree(ProjectRoot.get().resolve("data/equation"), notes.resolve("data/equation"));
        assertEquals(BookCommand.OK, run("equation", "--replot", "--out", notes.toString()).status());
        assertArrayEquals(Files.readAllBytes(ProjectRoot.get().resolve("chapters/01-equation.jsh")),
                Files.readAllBytes(notes.resolve("chapters/01-equation.jsh")));
        String contents = Files.readString(notes.resolve("chapters/README.md"));
        assertTrue(contents.contains("[The sigmoid equation](01-equation.md) | [01-equation.jsh](01-equation.jsh)"), contents);
        assertTrue(contents.contains("| 2 | The derivative (not written here) |  |"), contents);

        Result site = run("--site", temp.resolve("site").toString(), "--out", notes.toString());
        assertEquals(BookCommand.OK, site.status(), site.err());
        assertTrue(Files.isRegularFile(temp.resolve("site/01-equation.html")));
        assertTrue(Files.isRegularFile(temp.resolve("site/chapters/01-equation.jsh")));
    }

    @Test
    void formatsChoosesTheFigureFiles(@TempDir Path temp) throws IOException {
        Result result = run(FakeChapter.drawing("curve").book(), "--formats", "pdf", "--out", temp.toString());
        assertEquals(BookCommand.OK, result.status(), result.err());
        try (Stream<Path> figures = Files.list(temp.resolve("figures/test-chapter"))) {
            assertEquals(List.of("curve.pdf"), figures.map(p -> p.getFileName().toString()).toList());
        }
        assertTrue(new String(Files.readAllBytes(temp.resolve("figures/test-chapter/curve.pdf")), StandardCharsets.ISO_8859_1)
                .startsWith("%PDF-"));
    }

    @BookTest
    void figurePngDecodesToANonBlankImage() throws IOException {
        Path png = QuickBook.chapter("equation").figure("sigmoid-curve.png");
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

    @BookTest
    void figureSvgParsesAsXml() throws Exception {
        Path svg = QuickBook.chapter("equation").figure("reliability.svg");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document document = factory.newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", document.getDocumentElement().getTagName());
        assertTrue(document.getElementsByTagName("*").getLength() > 50, "an SVG with a drawing in it");
    }

    @BookTest
    void csvReadsBackAsTheRecordsTheChapterWrote() throws IOException {
        ChapterData equation = QuickBook.chapter("equation");
        assertEquals("z,sigma,sigma_float", Files.readAllLines(equation.data("sigmoid-values.csv")).get(0));
        List<SigmoidValue> values = equation.rows("sigmoid-values", SigmoidValue.class);
        assertEquals(401, values.size());
        assertEquals(0.5, values.stream().filter(v -> v.z() == 0).findFirst().orElseThrow().sigma());
        IntSummaryStatistics digits = equation.rows("probabilities", Prediction.class).stream().mapToInt(Prediction::digit).summaryStatistics();
        assertEquals(4 + 9, digits.getMin() + digits.getMax());
    }
}
