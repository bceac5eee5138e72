package org.sigmoidbook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.sigmoidbook.toolkit.ChapterRun;
import org.sigmoidbook.toolkit.Charts;
import org.sigmoidbook.toolkit.Figures;

/** Bad input gets a clear answer and loses nothing; outputs appear whole or not at all. */
class ReliabilityTest {

    @TempDir
    Path tmp;

    private record Result(int status, String out, String err) {
    }

    private static Result book(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Book.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void repeatedFlagsAndIdsAreUsageErrorsThatWriteNothing() throws IOException {
        for (String[] args : new String[][]{
                {"--quick", "--quick"}, {"--seed", "1", "--seed", "2"}, {"equation", "equation"},
                {"--seed", "1.5"}, {"--seed", "--quick"}, {"--out", "--quick"}, {"--verbose", "--verbose"}}) {
            Result result = book(Stream.concat(Stream.of(args), Stream.of("--out", tmp.resolve("out").toString())).toArray(String[]::new));
            assertEquals(Book.USAGE, result.status(), String.join(" ", args));
            assertTrue(result.err().startsWith("error: "), result.err());
            assertTrue(result.err().contains("chapter ids: equation"), result.err());
            assertEquals("", result.out());
        }
        assertFalse(Files.exists(tmp.resolve("out")), "a usage error must not create the output folder");
    }

    @Test
    void outPointingAtAFileIsAUsageError() throws IOException {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "keep me");
        Result result = book("--quick", "--out", file.toString());
        assertEquals(Book.USAGE, result.status());
        assertTrue(result.err().contains("is a file"), result.err());
        assertEquals("keep me", Files.readString(file));
    }

    @Test
    void anOutputFolderThatCannotBeCreatedFailsWithStatusOneBeforeAnyChapterRuns() throws IOException {
        Path file = Files.writeString(tmp.resolve("plain-file"), "x");
        Result result = book("equation", "--out", file.resolve("below-a-file").toString());
        assertEquals(Book.FAILED, result.status());
        assertTrue(result.err().startsWith("error: cannot write under"), result.err());
        assertFalse(result.out().contains("[1/1]"), "no chapter may start");
        assertEquals(List.of(file), filesUnder(tmp));
    }

    /** A chapter that writes one figure named {@code figure}, then fails if asked to, as a crash or a failed write would. */
    private static Chapter chapterWritingFigure(String figure, boolean failAfterwards) {
        return new Chapter() {
            public String id() {
                return "test-chapter";
            }

            public String title() {
                return "writes " + figure;
            }

            public void run(ChapterRun run) throws Exception {
                XYChart chart = Charts.xy("t", "x", "y");
                Charts.line(chart, "s", new double[]{0, 1}, new double[]{2, 3});
                run.figure(figure, chart);
                run.finding("answer", 42, "%.0f");
                if (failAfterwards) {
                    throw new IOException("disk full (simulated)");
                }
            }
        };
    }

    private int runFake(Chapter chapter, PrintStream err, String... args) {
        BookOptions options = BookOptions.parse(Stream.concat(Stream.of(args), Stream.of("--out", tmp.toString())).toArray(String[]::new));
        return Book.runChapters(options, List.of(chapter), new PrintStream(new ByteArrayOutputStream()), err);
    }

    @Test
    void aChapterThatFailsPartWayLeavesEarlierOutputsIntactAndNoPartialFiles() throws IOException {
        assertEquals(Book.OK, runFake(chapterWritingFigure("curve", false), System.err));
        Path earlier = tmp.resolve("figures/test-chapter/curve.png");
        byte[] before = Files.readAllBytes(earlier);
        List<Path> filesBefore = filesUnder(tmp);

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = runFake(chapterWritingFigure("curve", true), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(Book.FAILED, status);
        assertEquals("error: chapter test-chapter failed: disk full (simulated)", err.toString(StandardCharsets.UTF_8).strip());
        assertArrayEquals(before, Files.readAllBytes(earlier), "the earlier figure must be untouched");
        assertEquals(filesBefore, filesUnder(tmp), "nothing of the failed run is placed or left behind");
        try (Stream<Path> entries = Files.list(tmp)) {
            assertTrue(entries.noneMatch(p -> p.getFileName().toString().startsWith(ChapterRun.STAGING_PREFIX)));
        }
    }

    @Test
    void stagingLeftByAKilledRunIsClearedAtTheNextStart() throws IOException {
        Path stale = Files.createDirectories(tmp.resolve(ChapterRun.STAGING_PREFIX + "equation-999/figures/equation"));
        Files.writeString(stale.resolve("half.png"), "truncated");
        assertEquals(Book.OK, book("--list", "--out", tmp.toString()).status());
        assertTrue(Files.exists(stale), "--list writes and deletes nothing");
        assertEquals(Book.OK, runFake(chapterWritingFigure("curve", false), System.err));
        assertFalse(Files.exists(tmp.resolve(ChapterRun.STAGING_PREFIX + "equation-999")));
    }

    @Test
    void aFigureWithoutFiniteDataIsAnErrorNotABlankPicture() {
        XYChart allNaN = Charts.xy("nothing", "x", "y");
        Charts.line(allNaN, "NaN", new double[]{0, 1}, new double[]{Double.NaN, Double.NaN});
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Figures.save(allNaN, tmp.resolve("a.png"), tmp.resolve("a.svg")));
        assertTrue(e.getMessage().contains("no finite data"), e.getMessage());
        XYChart empty = Charts.xy("empty", "x", "y");
        assertThrows(IllegalStateException.class, () -> Figures.save(empty, tmp.resolve("b.png"), tmp.resolve("b.svg")));
        assertFalse(Files.exists(tmp.resolve("a.png")));
        assertFalse(Files.exists(tmp.resolve("b.png")));
    }

    @Test
    void everyRunRecordsAManifestWithSeedBackendVersionsAndDate() throws IOException {
        assertEquals(Book.OK, runFake(chapterWritingFigure("curve", false), System.err, "--quick", "--seed", "7"));
        String manifest = Files.readString(tmp.resolve("data/test-chapter/run-manifest.json"));
        for (String expected : new String[]{"\"seed\": \"7\"", "\"mode\": \"quick\"", "\"backend\": \"ND4J Cpu",
                "\"deeplearning4j\": \"1.0.0-M2.1\"", "\"java\": \"" + System.getProperty("java.version"), "\"date\": \"20"}) {
            assertTrue(manifest.contains(expected), expected + " in\n" + manifest);
        }
    }
}
