package org.sigmoidbook.site;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.sigmoidbook.book.run.BookCommand;

/**
 * The website of the committed notes, built once per test JVM through the command line
 * ({@code --site DIR}) for every test that reads it: building it parses every formula with KaTeX.
 */
public final class CommittedSite {

    /** The site's folder and what the command printed. */
    public record Build(Path dir, int status, String out, String err) {
    }

    private static Build build;

    private CommittedSite() {
    }

    public static synchronized Build get() {
        if (build == null) {
            try {
                Path dir = Files.createTempDirectory("sigmoid-site-").resolve("site");
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                int status = BookCommand.run(new String[]{"--site", dir.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
                build = new Build(dir, status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return build;
    }
}
