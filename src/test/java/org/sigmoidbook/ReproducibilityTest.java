package org.sigmoidbook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.sigmoidbook.book.Catalog;
import org.sigmoidbook.book.Launcher;

/** Same seed, same numbers: the quick book run twice writes byte-identical tables. */
class ReproducibilityTest {

    private static List<Path> csvFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".csv")).map(dir::relativize).sorted().toList();
        }
    }

    @Test
    void theQuickBookTwiceWithTheSameSeedWritesByteIdenticalCsvFiles() throws IOException {
        QuickBook.Output again = QuickBook.run(Launcher.OK, "--quick", "--seed", Long.toString(QuickBook.SEED));
        for (Catalog.Entry chapter : Catalog.load().entries()) {
            QuickBook.Output first = QuickBook.chapter(chapter.id());
            Path firstData = first.dir().resolve("data").resolve(chapter.id());
            Path againData = again.dir().resolve("data").resolve(chapter.id());
            List<Path> tables = csvFiles(firstData);
            assertEquals(tables, csvFiles(againData), chapter.id() + ": the same tables");
            for (Path table : tables) {
                assertArrayEquals(Files.readAllBytes(firstData.resolve(table)), Files.readAllBytes(againData.resolve(table)),
                        chapter.id() + "/" + table + " differs between two runs with the same seed");
            }
        }
    }

    @Test
    void anotherSeedChangesTheRandomExperiments() throws IOException {
        QuickBook.Output other = QuickBook.run(Launcher.OK, "equation", "--quick", "--seed", "43");
        byte[] seed42 = Files.readAllBytes(QuickBook.chapter("equation").data("equation", "probabilities.csv"));
        byte[] seed43 = Files.readAllBytes(other.data("equation", "probabilities.csv"));
        assertFalse(Arrays.equals(seed42, seed43), "the classifier's probabilities should depend on the seed");
        byte[] curve42 = Files.readAllBytes(QuickBook.chapter("equation").data("equation", "sigmoid-values.csv"));
        assertArrayEquals(curve42, Files.readAllBytes(other.data("equation", "sigmoid-values.csv")),
                "the sigmoid curve itself has nothing random in it");
    }
}
