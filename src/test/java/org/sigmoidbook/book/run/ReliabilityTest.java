package org.sigmoidbook.book.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.sigmoidbook.book.run.BookRunnerTest.Result;
import org.sigmoidbook.runtime.Staging;
import org.sigmoidbook.toolkit.charts.Charts;
import org.sigmoidbook.toolkit.charts.Figure;
import org.sigmoidbook.toolkit.charts.FigureFiles.Format;
import org.sigmoidbook.toolkit.charts.FigureFiles;

/** Bad input gets a clear answer and loses nothing; outputs appear whole or not at all. */
class ReliabilityTest {

    @TempDir
    Path tmp;

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(OutputLock.FILE_NAME)).sorted().toList();
        }
    }

    private Result runInto(Catalog book, String... args) {
        return BookRunnerTest.run(book, Stream.concat(Stream.of(args), Stream.of("--out", tmp.toString())).toArray(String[]::new));
    }

    @Test
    void repeatedFlagsAndIdsAreUsageErrorsThatWriteNothing() {
        for (String[] args : new String[][]{
                {"--quick", "--quick"}, {"--seed", "1", "--seed", "2"}, {"equation", "equation"},
                {"--seed", "1.5"}, {"--seed", "--quick"}, {"--out", "--quick"}, {"--verbose", "--verbose"}}) {
            Result result = BookRunnerTest.run(Stream.concat(Stream.of(args), Stream.of("--out", tmp.resolve("out").toString()))
                    .toArray(String[]::new));
            assertEquals(BookCommand.USAGE, result.status(), String.join(" ", args));
            assertTrue(result.err().startsWith("error: "), result.err());
            assertTrue(result.err().contains("chapter ids: equation"), result.err());
            assertEquals("", result.out());
        }
        assertFalse(Files.exists(tmp.resolve("out")), "a usage error must not create the output folder");
    }

    @Test
    void outPointingAtAFileIsAUsageError() throws IOException {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "keep me");
        Result result = BookRunnerTest.run("--quick", "--out", file.toString());
        assertEquals(BookCommand.USAGE, result.status());
        assertTrue(result.err().contains("is a file"), result.err());
        assertEquals("keep me", Files.readString(file));
    }

    @Test
    void anOutputFolderThatCannotBeCreatedFailsWithStatusOneBeforeAnyChapterRuns() throws IOException {
        Path file = Files.writeString(tmp.resolve("plain-file"), "x");
        Result result = BookRunnerTest.run(FakeChapter.drawing("curve").book(), "--out", file.resolve("below-a-file").toString());
        assertEquals(BookCommand.FAILED, result.status());
        assertTrue(result.err().startsWith("error: ") && result.err().contains("plain-file"), result.err());
        assertFalse(result.out().contains("[1/1]"), "no chapter may start");
        assertEquals(List.of(file), filesUnder(tmp));
    }

    @Test
    void aChapterThatFailsPartWayLeavesEarlierOutputsIntactAndNoPartialFiles() throws IOException {
        assertEquals(BookCommand.OK, runInto(FakeChapter.drawing("curve").book()).status());
        Path earlier = tmp.resolve("figures/test-chapter/curve.png");
        byte[] before = Files.readAllBytes(earlier);
        List<Path> filesBefore = filesUnder(tmp);

        Result failed = runInto(FakeChapter.failingAfterMeasuring("curve").book(), "--seed", "7");

        assertEquals(BookCommand.FAILED, failed.status());
        assertEquals("error: chapter test-chapter failed: disk full (simulated)", failed.err().strip());
        assertArrayEquals(before, Files.readAllBytes(earlier), "the earlier figure must be untouched");
        assertEquals(filesBefore, filesUnder(tmp), "nothing of the failed run is placed or left behind");
        try (Stream<Path> entries = Files.list(tmp)) {
            assertTrue(entries.noneMatch(p -> p.getFileName().toString().startsWith(Staging.PREFIX)));
        }
    }

    /**
     * The page cannot be placed (a folder stands where it goes), so none of the chapter's new files
     * may be placed either: figures and tables of the new seed beside the old page would disagree.
     */
    @Test
    void whenOneFileCannotBePlacedNoneIsReplaced() throws IOException {
        assertEquals(BookCommand.OK, runInto(FakeChapter.drawing("curve").book(), "--seed", "1").status());
        byte[] points = Files.readAllBytes(tmp.resolve("data/test-chapter/points.csv"));
        Path page = tmp.resolve("chapters/01-test-chapter.md");
        Files.delete(page);
        Files.createDirectories(page.resolve("in-the-way"));

        Result result = runInto(FakeChapter.drawing("curve").book(), "--seed", "2");

        assertEquals(BookCommand.FAILED, result.status());
        assertTrue(result.err().contains("01-test-chapter.md") && result.err().contains("is a folder"), result.err());
        assertArrayEquals(points, Files.readAllBytes(tmp.resolve("data/test-chapter/points.csv")), "the old table stays");
    }

    @Test
    void stagingLeftByADeadProcessIsClearedAndALiveOnesIsKept() throws IOException {
        Path dead = Files.createDirectories(tmp.resolve(Staging.PREFIX + "equation-999999999/figures/equation"));
        Files.writeString(dead.resolve("half.png"), "truncated");
        long livePid = ProcessHandle.current().parent().map(ProcessHandle::pid).orElseThrow();
        Path live = Files.createDirectories(tmp.resolve(Staging.PREFIX + "equation-" + livePid));
        assertEquals(BookCommand.OK, runInto(FakeChapter.drawing("curve").book(), "--list").status());
        assertTrue(Files.exists(dead), "--list writes and deletes nothing");
        assertEquals(BookCommand.OK, runInto(FakeChapter.drawing("curve").book()).status());
        assertFalse(Files.exists(tmp.resolve(Staging.PREFIX + "equation-999999999")));
        assertTrue(Files.exists(live), "another live process's staging is not touched");
    }

    @Test
    void aSecondRunIntoAFolderInUseIsRefusedWithAClearMessage() throws Exception {
        FakeChapter holding = FakeChapter.holding();
        CompletableFuture<Result> first = CompletableFuture.supplyAsync(() -> runInto(holding.book()));
        holding.awaitStarted();
        Result second = runInto(FakeChapter.drawing("curve").book());
        holding.release();
        assertEquals(BookCommand.FAILED, second.status());
        assertTrue(second.err().contains("another run of the book") && second.err().contains(tmp.toString()), second.err());
        assertEquals(BookCommand.OK, first.get().status(), first.get().err());
        assertTrue(Files.exists(tmp.resolve("figures/test-chapter/curve.png")), "the first run finished its work");
    }

    /**
     * Item 3: --site reads the notes under the output folder's lock, so that a site never shows one
     * run's text beside another's figures: while a run writes, --site is refused; while --site
     * reads, a run is.
     */
    @Test
    void aSiteBuildAndARunNeverShareTheFolder() throws Exception {
        assertEquals(BookCommand.OK, runInto(FakeChapter.drawing("curve").book(), "--formats", "svg").status());
        FakeChapter holding = FakeChapter.holding();
        CompletableFuture<Result> writing = CompletableFuture.supplyAsync(() -> runInto(holding.book(), "--seed", "3", "--formats", "svg"));
        holding.awaitStarted();
        Result site = BookRunnerTest.run(holding.book(), "--site", tmp.resolve("site").toString(), "--out", tmp.toString());
        holding.release();
        assertEquals(BookCommand.FAILED, site.status());
        assertTrue(site.err().contains("another run of the book (process " + ProcessHandle.current().pid() + ") is writing to " + tmp),
                site.err());
        assertFalse(Files.exists(tmp.resolve("site")));
        assertEquals(BookCommand.OK, writing.get().status());

        try (OutputLock reading = OutputLock.forReading(tmp)) {
            Result run = runInto(FakeChapter.drawing("curve").book(), "--formats", "svg");
            assertEquals(BookCommand.FAILED, run.status());
            assertTrue(run.err().contains("a --site build reading it, is using " + tmp), run.err());
        }
        assertEquals(BookCommand.OK, BookRunnerTest.run(holding.book(), "--site", tmp.resolve("site").toString(), "--out", tmp.toString())
                .status());
    }

    /** Item 11: an output folder that cannot be made is named, with what to do. */
    @Test
    void anOutputFolderOnAFileSystemThatRefusesItIsNamedWithTheWayOut() {
        Result result = BookRunnerTest.run(FakeChapter.drawing("curve").book(), "--out", "/proc/sigmoid-book");
        assertEquals(BookCommand.FAILED, result.status());
        assertTrue(result.err().startsWith("error: cannot create the output folder /proc/sigmoid-book (")
                && result.err().contains("give --out a folder you can write to"), result.err());
    }

    /** Item 11: a run out of heap memory says so, and says once how to give the book more. */
    @Test
    void runningOutOfMemorySaysHowToRaiseTheHeap() {
        Result result = runInto(FakeChapter.failingWith(new OutOfMemoryError("Java heap space")).book());
        assertEquals(BookCommand.FAILED, result.status());
        assertTrue(result.err().contains("error: chapter test-chapter failed: out of Java heap memory (Java heap space; the heap's limit is "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB)"), result.err());
        assertEquals(1, result.err().split("-Xmx4g", -1).length - 1, result.err());
    }

    /** What held: a thousand workers write the bytes that one does. */
    @Test
    void aThousandJobsWriteTheBytesOfOne() throws IOException {
        Path one = tmp.resolve("one");
        Path many = tmp.resolve("many");
        assertEquals(BookCommand.OK, BookRunnerTest.run(FakeChapter.drawing("curve").book(), "--jobs", "1", "--formats", "svg", "--out",
                one.toString()).status());
        assertEquals(BookCommand.OK, BookRunnerTest.run(FakeChapter.drawing("curve").book(), "--jobs", "1000", "--formats", "svg", "--out",
                many.toString()).status());
        List<Path> files = filesUnder(one).stream().map(one::relativize).toList();
        assertEquals(files, filesUnder(many).stream().map(many::relativize).toList());
        for (Path file : files) {
            assertArrayEquals(Files.readAllBytes(one.resolve(file)), Files.readAllBytes(many.resolve(file)),
                    file + " differs with --jobs 1000");
        }
    }

    @Test
    void replotOnAFolderWithoutDataSaysWhatIsMissing() throws IOException {
        Result empty = runInto(FakeChapter.drawing("curve").book(), "--replot");
        assertEquals(BookCommand.FAILED, empty.status());
        assertTrue(empty.err().contains("data/test-chapter") && empty.err().contains("missing"), empty.err());

        assertEquals(BookCommand.OK, runInto(FakeChapter.drawing("curve").book()).status());
        Files.delete(tmp.resolve("data/test-chapter/points.csv"));
        Result noTable = runInto(FakeChapter.drawing("curve").book(), "--replot");
        assertEquals(BookCommand.FAILED, noTable.status());
        assertTrue(noTable.err().contains("points.csv") && noTable.err().contains("missing"), noTable.err());
    }

    @Test
    void replotRedrawsTheSameBytesWithoutMeasuring() throws IOException {
        assertEquals(BookCommand.OK, runInto(FakeChapter.drawing("curve").book(), "--seed", "5").status());
        Map<Path, byte[]> before = contents(filesUnder(tmp));
        for (Path figure : filesUnder(tmp.resolve("figures"))) {
            Files.delete(figure);
        }
        Result replot = runInto(FakeChapter.failingAfterMeasuring("curve").book(), "--replot");
        assertEquals(BookCommand.OK, replot.status(), "replot must not measure: " + replot.err());
        Map<Path, byte[]> after = contents(filesUnder(tmp));
        assertEquals(before.keySet(), after.keySet());
        before.forEach((file, bytes) -> assertArrayEquals(bytes, after.get(file), file + " differs after --replot"));
    }

    private static Map<Path, byte[]> contents(List<Path> files) throws IOException {
        Map<Path, byte[]> map = new java.util.TreeMap<>();
        for (Path file : files) {
            map.put(file, Files.readAllBytes(file));
        }
        return map;
    }

    @Test
    void aFigureWithoutFiniteDataIsAnErrorNotABlankPicture() {
        XYChart allNaN = Charts.xy("nothing", "x", "y");
        Charts.line(allNaN, "NaN", new double[]{0, 1}, new double[]{Double.NaN, Double.NaN});
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> FigureFiles.save(Figure.of(allNaN), tmp.resolve("a"), EnumSet.allOf(Format.class)));
        assertTrue(e.getMessage().contains("no finite data"), e.getMessage());
        XYChart empty = Charts.xy("empty", "x", "y");
        assertThrows(IllegalStateException.class, () -> FigureFiles.save(Figure.of(empty), tmp.resolve("b"), EnumSet.allOf(Format.class)));
        assertFalse(Files.exists(tmp.resolve("a.png")));
        assertFalse(Files.exists(tmp.resolve("b.png")));
    }

    @Test
    void everyRunRecordsAManifestWithSeedBackendAndVersionsButNoDate() throws IOException {
        assertEquals(BookCommand.OK, runInto(FakeChapter.drawing("curve").book(), "--quick", "--seed", "7").status());
        String manifest = Files.readString(tmp.resolve("data/test-chapter/run-manifest.json"), StandardCharsets.UTF_8);
        for (String expected : new String[]{"\"seed\": \"7\"", "\"mode\": \"quick\"", "\"backend\": \"ND4J Cpu",
                "\"deeplearning4j\": \"1.0.0-M2.1\"", "\"java\": \"" + System.getProperty("java.version")}) {
            assertTrue(manifest.contains(expected), expected + " in\n" + manifest);
        }
        assertFalse(manifest.contains("date"), "a date would change the file on every run:\n" + manifest);
    }
}
