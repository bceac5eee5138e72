package org.sigmoidbook.book.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sigmoidbook.book.run.BookRunnerTest.Result;

/**
 * {@code --replot} draws only from the tables their run wrote: a damaged, edited or swapped table is
 * named with the way out, and no figure or page is redrawn from it. The damages are those a reader
 * made to the tables by hand.
 */
class ReplotCheckTest {

    /** One way a table gets damaged, as a change of its text. */
    record Damage(String name, UnaryOperator<String> edit, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Damage> damages() {
        return List.of(
                new Damage("text in a numeric column", csv -> csv.replace("2.0,1.0", "2.0,one"), "'one' is not a number"),
                new Damage("every y NaN", csv -> csv.replaceAll("(?m)^([^,\\n]+),[^,\\n]+$", "$1,NaN").replace("x,NaN", "x,y"),
                        "'NaN' is not a finite number"),
                new Damage("Infinity in a cell", csv -> csv.replace("0.0,2.0", "0.0,Infinity"), "'Infinity' is not a finite number"),
                new Damage("cut in half", csv -> csv.substring(0, csv.length() / 2), "points.csv"),
                new Damage("a line deleted", csv -> csv.replace("0.0,2.0\n", ""), null),
                new Damage("header only", csv -> csv.lines().findFirst().orElseThrow() + "\n", "has its header but no rows"),
                new Damage("empty", csv -> "", "points.csv is empty"));
    }

    /** One run of the fake chapter, seed 42, that each test copies: the runs, not the checks, cost time. */
    private static Path written;

    @TempDir
    Path tmp;

    @BeforeAll
    static void runOnce(@TempDir Path folder) {
        written = folder.resolve("written");
        assertEquals(BookCommand.OK, run(written).status());
    }

    /** A copy of the written run in {@code tmp}. */
    private Path copyOfTheRun() throws IOException {
        try (Stream<Path> files = Files.walk(written)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = tmp.resolve(written.relativize(file));
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
        return tmp;
    }

    private static Result run(Path out, String... args) {
        return BookRunnerTest.run(FakeChapter.drawing("curve").book(),
                Stream.concat(Stream.of(args), Stream.of("--out", out.toString())).toArray(String[]::new));
    }

    private static Path table(Path out) {
        return out.resolve("data/test-chapter/points.csv");
    }

    /** Every figure and page file, with its bytes. */
    private static Map<Path, byte[]> drawn(Path out) throws IOException {
        Map<Path, byte[]> files = new TreeMap<>();
        for (Path folder : List.of(out.resolve("figures"), out.resolve("chapters"))) {
            try (Stream<Path> walk = Files.walk(folder)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    files.put(out.relativize(file), Files.readAllBytes(file));
                }
            }
        }
        return files;
    }

    private static void assertUnchanged(Map<Path, byte[]> before, Path out) throws IOException {
        Map<Path, byte[]> after = drawn(out);
        assertEquals(before.keySet(), after.keySet());
        before.forEach((file, bytes) -> assertArrayEquals(bytes, after.get(file), file + " was redrawn from a damaged table"));
    }

    private static void damage(Path out, Damage damage) throws IOException {
        Path csv = table(out);
        Files.writeString(csv, damage.edit().apply(Files.readString(csv, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    /** The run's checksums name the changed file, whatever the change; nothing is drawn. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("damages")
    void aTableThatDiffersFromItsRunIsNamedAndNothingIsDrawnFromIt(Damage damage) throws IOException {
        copyOfTheRun();
        Map<Path, byte[]> before = drawn(tmp);
        damage(tmp, damage);
        Result replot = run(tmp, "--replot");
        assertEquals(BookCommand.FAILED, replot.status(), replot.out());
        assertTrue(replot.err().contains("points.csv has changed") && replot.err().contains("(seed 42, full mode)")
                && replot.err().contains("No figure was drawn") && replot.err().contains("Rerun the chapter"), replot.err());
        assertUnchanged(before, tmp);
    }

    /**
     * Tables from a run that recorded no checksums (an older version of the book) are still read
     * against their record: each damage but a deleted line is named, with the file and the way out.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("damages")
    void withoutChecksumsEachTableIsStillReadAgainstItsRecord(Damage damage) throws IOException {
        copyOfTheRun();
        Path manifest = tmp.resolve("data/test-chapter").resolve(Manifest.FILE_NAME);
        String json = Files.readString(manifest, StandardCharsets.UTF_8);
        Files.writeString(manifest, json.substring(0, json.indexOf(",\n  \"tables\"")) + "\n}\n", StandardCharsets.UTF_8);
        Map<Path, byte[]> before = drawn(tmp);
        damage(tmp, damage);
        Result replot = run(tmp, "--replot");
        if (damage.reason() == null) {
            assertEquals(BookCommand.OK, replot.status(), replot.err());
            assertTrue(replot.out().contains("records no checksums"), replot.out());
            return;
        }
        assertEquals(BookCommand.FAILED, replot.status(), replot.out());
        String message = replot.err();
        assertTrue(message.contains(table(tmp).toString()) && message.contains(damage.reason()), message);
        assertTrue(message.contains("Rerun the chapter to remake its tables") && message.contains("--out " + tmp), message);
        assertFalse(message.contains("Exception") || message.contains("Y-Axis"), message);
        assertUnchanged(before, tmp);
    }

    /** Seed 2's table copied into a folder of seed 42: its figure would stand beside seed 42's findings. */
    @Test
    void aTableCopiedInFromAnotherRunIsRefusedAndAWholeRunIsDrawn() throws IOException {
        Path one = copyOfTheRun();
        Path two = tmp.resolve("two");
        assertEquals(BookCommand.OK, run(two, "--seed", "2", "--formats", "svg").status());
        Map<Path, byte[]> before = drawn(one);
        Files.copy(table(two), table(one), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(one.resolve("data/test-chapter/extra.csv"), "x,y\n0.0,1.0\n");

        Result mixed = run(one, "--replot");

        assertEquals(BookCommand.FAILED, mixed.status());
        assertTrue(mixed.err().contains("points.csv has changed; extra.csv was not written by that run")
                && mixed.err().contains("seed 42, full mode"), mixed.err());
        assertUnchanged(before, one);

        Files.delete(one.resolve("data/test-chapter/extra.csv"));
        for (String file : List.of("points.csv", "findings.csv", Manifest.FILE_NAME)) {
            Files.copy(two.resolve("data/test-chapter").resolve(file), one.resolve("data/test-chapter").resolve(file),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        assertEquals(BookCommand.OK, run(one, "--replot", "--formats", "svg").status(), "a whole run copied in is a run");
        assertArrayEquals(Files.readAllBytes(two.resolve("figures/test-chapter/curve.svg")),
                Files.readAllBytes(one.resolve("figures/test-chapter/curve.svg")));
    }

    /** The way out remakes the run that wrote the tables, its seed and mode, whatever the replot was given. */
    @Test
    void theWayOutRerunsTheRunThatWroteTheTables() throws IOException {
        assertEquals(BookCommand.OK, run(tmp, "--quick", "--seed", "7", "--formats", "svg").status());
        damage(tmp, damages().get(0));
        Result replot = run(tmp, "--replot", "--formats", "svg");
        assertEquals(BookCommand.FAILED, replot.status(), replot.out());
        assertTrue(replot.err().contains("(seed 7, quick mode)")
                && replot.err().contains("-Dexec.args=\"test-chapter --seed 7 --quick --out " + tmp + "\""), replot.err());
    }

    @Test
    void aFolderOfTablesWithoutAManifestSaysWhichRunIsMissing() throws IOException {
        copyOfTheRun();
        Files.delete(tmp.resolve("data/test-chapter").resolve(Manifest.FILE_NAME));
        Result replot = run(tmp, "--replot");
        assertEquals(BookCommand.FAILED, replot.status());
        assertTrue(replot.err().contains(Manifest.FILE_NAME) && replot.err().contains("do not say which run wrote them")
                && replot.err().contains("Rerun the chapter"), replot.err());
    }

    /** A chapter's data folder holds the tables of one run: those an earlier run wrote and this one did not go. */
    @Test
    void aRunRemovesTheTablesItsChapterNoLongerWrites() throws IOException {
        Path stale = Files.createDirectories(tmp.resolve("data/test-chapter")).resolve("renamed-since.csv");
        Files.writeString(stale, "x\n1\n");
        Path notes = tmp.resolve("data/test-chapter/README.txt");
        Files.writeString(notes, "not a table");
        assertEquals(BookCommand.OK, run(tmp, "--formats", "svg").status());
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(notes), "only tables are the chapter's");
        assertEquals(BookCommand.OK, run(tmp, "--replot", "--formats", "svg").status());
    }

    /** Item 13: nothing to replot writes nothing, not even a contents page linking to pages that are not there. */
    @Test
    void replotWithoutAnyTablesFailsAndWritesNothing() throws IOException {
        Result empty = run(tmp, "--replot");
        assertEquals(BookCommand.FAILED, empty.status());
        assertTrue(empty.err().contains("data/test-chapter is missing"), empty.err());
        try (Stream<Path> files = Files.walk(tmp)) {
            assertEquals(List.of(), files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().equals(OutputLock.FILE_NAME)).toList());
        }
        Path absent = tmp.resolve("absent");
        Result none = run(absent, "--replot");
        assertEquals(BookCommand.FAILED, none.status());
        assertTrue(none.err().contains(absent + " does not exist"), none.err());
        assertFalse(Files.exists(absent));
    }

    /**
     * --formats pdf after a run in all three: the PNG and SVG would be left from an older drawing,
     * so they go, and the page links the PDF instead of embedding a PNG that is gone.
     */
    @Test
    void formatsLeaveNoStaleFigureAndThePageShowsWhatExists() throws IOException {
        copyOfTheRun();
        Path figures = tmp.resolve("figures/test-chapter");
        Path page = tmp.resolve("chapters/01-test-chapter.md");
        assertTrue(Files.readString(page).contains("![A curve](../figures/test-chapter/curve.png)"));

        assertEquals(BookCommand.OK, run(tmp, "--replot", "--formats", "pdf").status());
        try (Stream<Path> files = Files.list(figures)) {
            assertEquals(List.of("curve.pdf"), files.map(p -> p.getFileName().toString()).toList());
        }
        assertTrue(Files.readString(page).contains("[A curve (PDF)](../figures/test-chapter/curve.pdf)"), Files.readString(page));

        assertEquals(BookCommand.OK, run(tmp, "--replot", "--formats", "svg,pdf").status());
        assertTrue(Files.readString(page).contains("![A curve](../figures/test-chapter/curve.svg)"), Files.readString(page));
        assertEquals(BookCommand.OK, run(tmp, "--replot").status());
        try (Stream<Path> files = Files.list(figures)) {
            assertEquals(List.of("curve.pdf", "curve.png", "curve.svg"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertTrue(Files.readString(page).contains("![A curve](../figures/test-chapter/curve.png)"));
    }
}
