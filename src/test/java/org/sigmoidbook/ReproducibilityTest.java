package org.sigmoidbook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.sigmoidbook.book.Finding;
import org.sigmoidbook.book.run.BookCommand;
import org.sigmoidbook.book.run.Catalog;

/**
 * Same seed, same numbers: runs of the quick book write byte-identical files. The run with another
 * seed starts when the class does and computes while the one-job run (one core) does, so that both
 * cores work; the tests that read it wait for it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReproducibilityTest {

    private static CompletableFuture<QuickBook.Output> seed43;

    @BeforeAll
    static void startTheRunWithAnotherSeed() {
        QuickBook.book();
        seed43 = CompletableFuture.supplyAsync(() -> QuickBook.run(BookCommand.OK, "--quick", "--seed", "43"));
    }

    private static QuickBook.Output seed43() {
        return seed43.join();
    }

    private static List<Path> outputs(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(dir::relativize)
                    .filter(p -> p.startsWith("data") || p.startsWith("chapters")).sorted().toList();
        }
    }

    /**
     * Same seed, same files, whatever the number of workers: the tables and pages of the quick book
     * with --jobs 1 are byte for byte those of the shared run on every core. The figures follow: they
     * are drawn from the tables alone, and CommittedBookTest redraws the committed ones byte for byte.
     */
    @BookTest
    @Order(1)
    void theQuickBookWritesTheSameBytesWithOneJobAsWithAll() throws IOException {
        QuickBook.Output shared = QuickBook.book();
        QuickBook.Output again = QuickBook.run(BookCommand.OK, "--quick", "--seed", Long.toString(QuickBook.SEED), "--jobs", "1");
        List<Path> files = outputs(shared.dir());
        assertEquals(files, outputs(again.dir()), "the same files");
        assertTrue(files.size() > 50, "the whole book: " + files.size() + " files");
        for (Path file : files) {
            assertArrayEquals(Files.readAllBytes(shared.dir().resolve(file)), Files.readAllBytes(again.dir().resolve(file)),
                    file + " differs with --jobs 1");
        }
    }

    /**
     * A finding recorded as exact has nothing random in it: the quick book with another seed gives it
     * the same text. One that moves with the seed must say what it rests on (Lab.oneSeed, overSeeds ...).
     */
    @BookTest
    @Order(2)
    void findingsRecordedAsExactDoNotDependOnTheSeed() {
        QuickBook.Output other = seed43();
        List<String> moved = new ArrayList<>();
        for (Catalog.Entry chapter : Catalog.load().entries()) {
            Map<String, Finding> seed42 = QuickBook.chapter(chapter.id()).results().findings();
            Map<String, Finding> seed43 = other.chapter(chapter.id()).results().findings();
            seed42.values().stream().filter(f -> f.basis() == Finding.Basis.EXACT)
                    .filter(f -> seed43.containsKey(f.name()) && !seed43.get(f.name()).text().equals(f.text()))
                    .forEach(f -> moved.add(chapter.id() + ": " + f.name() + " = " + f.text() + " with seed 42, "
                            + seed43.get(f.name()).text() + " with seed 43"));
        }
        assertEquals(List.of(), moved, "findings recorded as exact that change with the seed");
    }

    @BookTest
    @Order(3)
    void anotherSeedChangesTheRandomExperiments() throws IOException {
        QuickBook.Output other = seed43();
        byte[] seed42 = Files.readAllBytes(QuickBook.chapter("equation").data("probabilities.csv"));
        byte[] seed43 = Files.readAllBytes(other.chapter("equation").data("probabilities.csv"));
        assertFalse(Arrays.equals(seed42, seed43), "the classifier's probabilities should depend on the seed");
        byte[] curve42 = Files.readAllBytes(QuickBook.chapter("equation").data("sigmoid-values.csv"));
        assertArrayEquals(curve42, Files.readAllBytes(other.chapter("equation").data("sigmoid-values.csv")),
                "the sigmoid curve itself has nothing random in it");
    }
}
