package org.sigmoidbook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.sigmoidbook.book.Results;
import org.sigmoidbook.book.run.BookCommand;
import org.sigmoidbook.book.run.Csv;
import org.sigmoidbook.book.run.Options;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Runs the whole book once per test JVM in quick mode into a temporary folder, its chapters at once
 * on all cores, so that every test class can check a chapter's real outputs without paying for the
 * run again.
 */
public final class QuickBook {

    public static final long SEED = Options.DEFAULT_SEED;

    private static Output book;

    /** What one quick run of one chapter produced. */
    public record Output(Path dir, String stdout, String stderr) {

        /** Chapter {@code id}'s outputs in this run. */
        public ChapterData chapter(String id) {
            return new ChapterData(dir, id);
        }
    }

    private QuickBook() {
    }

    /**
     * The shared quick run of the whole book. While working on one chapter,
     * {@code -Dquickbook.chapters=id,id} runs only those (the tests of other chapters then fail).
     */
    public static synchronized Output book() {
        if (book == null) {
            List<String> args = new ArrayList<>(List.of(System.getProperty("quickbook.chapters", "").split(",")));
            args.removeIf(String::isBlank);
            args.addAll(List.of("--quick", "--seed", Long.toString(SEED)));
            book = run(BookCommand.OK, args.toArray(String[]::new));
        }
        return book;
    }

    /** Chapter {@code id}'s outputs in the shared quick run. */
    public static ChapterData chapter(String id) {
        return new ChapterData(book().dir(), id);
    }

    /** Runs the book with {@code args} into a fresh folder, expecting exit status {@code expectedStatus}. */
    public static Output run(int expectedStatus, String... args) {
        try {
            return runInto(Files.createTempDirectory("sigmoid-book-"), expectedStatus, args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the book with {@code args} into {@code dir}, expecting exit status {@code expectedStatus}. */
    public static Output runInto(Path dir, int expectedStatus, String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--out";
        all[args.length + 1] = dir.toString();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = BookCommand.run(all, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        Output output = new Output(dir, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        assertEquals(expectedStatus, status, () -> "exit status; stdout:\n" + output.stdout() + "\nstderr:\n" + output.stderr());
        return output;
    }

}
