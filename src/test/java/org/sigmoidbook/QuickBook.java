package org.sigmoidbook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.sigmoidbook.toolkit.Tables;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

/**
 * Runs each chapter once per test JVM in quick mode into a temporary folder, so that every test
 * class can check the chapter's real outputs without paying for the run again.
 */
public final class QuickBook {

    public static final long SEED = BookOptions.DEFAULT_SEED;

    private static final Map<String, Output> RUNS = new HashMap<>();

    /** What one quick run of one chapter produced. */
    public record Output(Path dir, String stdout, String stderr) {

        public Path figure(String chapter, String name) {
            return dir.resolve("figures").resolve(chapter).resolve(name);
        }

        public Path data(String chapter, String name) {
            return dir.resolve("data").resolve(chapter).resolve(name);
        }

        public Table table(String chapter, String name, ColumnType... types) {
            try {
                return Tables.readCsv(data(chapter, name), types);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private QuickBook() {
    }

    public static synchronized Output chapter(String id) {
        return RUNS.computeIfAbsent(id, QuickBook::runOnce);
    }

    /** Runs the book with {@code args} into a fresh folder, expecting exit status {@code expectedStatus}. */
    public static Output run(int expectedStatus, String... args) {
        try {
            Path dir = Files.createTempDirectory("sigmoid-book-");
            String[] all = new String[args.length + 2];
            System.arraycopy(args, 0, all, 0, args.length);
            all[args.length] = "--out";
            all[args.length + 1] = dir.toString();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = Book.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            Output output = new Output(dir, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
            assertEquals(expectedStatus, status, () -> "exit status; stdout:\n" + output.stdout() + "\nstderr:\n" + output.stderr());
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Output runOnce(String id) {
        return run(Book.OK, id, "--quick", "--seed", Long.toString(SEED));
    }
}
