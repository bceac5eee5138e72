package org.sigmoidbook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.sigmoidbook.book.run.BookCommand;
import org.sigmoidbook.runtime.AtomicFiles;

/** Same seed, same numbers: runs of the quick book write byte-identical files. Another seed: AnotherSeedTest. */
class ReproducibilityTest {

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
    void theQuickBookWritesTheSameBytesWithOneJobAsWithAll() throws IOException {
        QuickBook.Output shared = QuickBook.book();
        QuickBook.Output again = QuickBook.run(BookCommand.OK, "--quick", "--seed", Long.toString(QuickBook.SEED), "--jobs", "1");
        try {
            List<Path> files = outputs(shared.dir());
            assertEquals(files, outputs(again.dir()), "the same files");
            assertTrue(files.size() > 50, "the whole book: " + files.size() + " files");
            for (Path file : files) {
                assertArrayEquals(Files.readAllBytes(shared.dir().resolve(file)), Files.readAllBytes(again.dir().resolve(file)),
                        file + " differs with --jobs 1");
            }
        } finally {
            AtomicFiles.deleteTree(again.dir());
        }
    }
}
