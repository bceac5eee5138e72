package org.sigmoidbook.book.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sigmoidbook.book.Finding;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.book.Results;
import org.sigmoidbook.book.Rows;

class NotesTest {

    @TempDir
    Path dir;

    record LayerNorm(int layer, double norm) {
    }

    private Results results() throws IOException {
        Csv.write(Rows.table("t", LayerNorm.class, List.of(new LayerNorm(1, 0.0123456), new LayerNorm(2, 0.3))), dir.resolve("t.csv"));
        Csv.write(Rows.table("findings", Finding.class, List.of(new Lab("x", 1, false, null).finding("sigma(0)", 0.5, "%.4f"))),
                dir.resolve("findings.csv"));
        return new Results(dir);
    }

    @Test
    void findingsAndTablesReplaceTheirPlaceholdersWithTheTextAsReported() throws IOException {
        String page = Notes.fill("01-x", "At zero {{ sigma(0) }}.\n\n{{table:t}}\n", results());
        assertTrue(page.contains("At zero 0.5000."), page);
        assertTrue(page.contains("| layer | norm |\n| --- | --- |\n| 1 | 0.0123 |\n| 2 | 0.300 |"), page);
    }

    @Test
    void aPlaceholderWithoutAFindingOrTableIsAnError() throws IOException {
        Results results = results();
        IllegalStateException finding = assertThrows(IllegalStateException.class, () -> Notes.fill("01-x", "{{sigma(1)}}", results));
        assertEquals("notes 01-x refer to a finding 'sigma(1)' the chapter did not report", finding.getMessage());
        assertThrows(IllegalStateException.class, () -> Notes.fill("01-x", "{{table:missing}}", results));
    }

    @Test
    void theHeadingAndThePreviousAndNextLinksComeFromTheTableOfContents() {
        Catalog book = Catalog.load();
        Catalog.Entry second = book.entries().get(1);
        String header = Notes.header(book, second);
        assertTrue(header.contains("# 2. " + second.title() + "\n"), header);
        assertTrue(header.contains("[Contents](README.md) · previous: [1. " + book.entries().get(0).title() + "](01-"
                + book.entries().get(0).id() + ".md) · next: [3. "), header);
        String first = Notes.header(book, book.entries().get(0));
        assertTrue(!first.contains("previous:") && first.contains("next: [2. "), first);
        Catalog.Entry last = book.entries().get(book.entries().size() - 1);
        assertTrue(!Notes.header(book, last).contains("next:"), "the last chapter has no next");
    }
}
