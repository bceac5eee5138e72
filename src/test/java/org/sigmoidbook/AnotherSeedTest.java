package org.sigmoidbook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.sigmoidbook.book.Finding;
import org.sigmoidbook.book.run.BookCommand;
import org.sigmoidbook.book.run.Catalog;
import org.sigmoidbook.runtime.AtomicFiles;

/**
 * Another seed, other random numbers, and nothing else: the quick book with seed 43 against the shared
 * run with seed 42. A class of its own, so that its run and ReproducibilityTest's take one test JVM
 * each.
 */
class AnotherSeedTest {

    private static QuickBook.Output seed43;

    /**
     * The shared run first: this class comes first in Maven's (alphabetical) order, and the other test
     * JVM's quick-run tests wait for that run.
     */
    @BeforeAll
    static void runTheBookWithAnotherSeed() {
        QuickBook.book();
        seed43 = QuickBook.run(BookCommand.OK, "--quick", "--seed", "43");
    }

    @AfterAll
    static void removeIt() throws IOException {
        AtomicFiles.deleteTree(seed43.dir());
    }

    /**
     * A finding recorded as exact has nothing random in it: the quick book with another seed gives it
     * the same text. One that moves with the seed must say what it rests on (Lab.oneSeed, overSeeds ...).
     */
    @BookTest
    void findingsRecordedAsExactDoNotDependOnTheSeed() {
        List<String> moved = new ArrayList<>();
        for (Catalog.Entry chapter : Catalog.load().entries()) {
            Map<String, Finding> with42 = QuickBook.chapter(chapter.id()).results().findings();
            Map<String, Finding> with43 = seed43.chapter(chapter.id()).results().findings();
            with42.values().stream().filter(f -> f.basis() == Finding.Basis.EXACT)
                    .filter(f -> with43.containsKey(f.name()) && !with43.get(f.name()).text().equals(f.text()))
                    .forEach(f -> moved.add(chapter.id() + ": " + f.name() + " = " + f.text() + " with seed 42, "
                            + with43.get(f.name()).text() + " with seed 43"));
        }
        assertEquals(List.of(), moved, "findings recorded as exact that change with the seed");
    }

    @BookTest
    void anotherSeedChangesTheRandomExperiments() throws IOException {
        byte[] probabilities42 = Files.readAllBytes(QuickBook.chapter("equation").data("probabilities.csv"));
        byte[] probabilities43 = Files.readAllBytes(seed43.chapter("equation").data("probabilities.csv"));
        assertFalse(Arrays.equals(probabilities42, probabilities43), "the classifier's probabilities should depend on the seed");
        byte[] curve42 = Files.readAllBytes(QuickBook.chapter("equation").data("sigmoid-values.csv"));
        assertArrayEquals(curve42, Files.readAllBytes(seed43.chapter("equation").data("sigmoid-values.csv")),
                "the sigmoid curve itself has nothing random in it");
    }
}
