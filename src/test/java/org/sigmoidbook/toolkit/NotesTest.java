package org.sigmoidbook.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

class NotesTest {

    private static final List<Finding> FINDINGS = List.of(new Finding("sigma(0)", "0.5000", 0.5));

    @Test
    void findingsAndTablesReplaceTheirPlaceholders() {
        Table table = Table.create("t", IntColumn.create("layer", 1, 2), DoubleColumn.create("norm", 0.0123456, 0.3));
        String page = Notes.render("01-x", "At zero {{ sigma(0) }}.\n\n{{table:t}}\n", FINDINGS, Map.of("t", table));
        assertTrue(page.startsWith("<!-- Written by the book"), page);
        assertTrue(page.contains("At zero 0.5000."), page);
        assertTrue(page.contains("| layer | norm |\n| --- | --- |\n| 1 | 0.01235 |\n| 2 | 0.3000 |"), page);
    }

    @Test
    void aPlaceholderWithoutAFindingOrTableIsAnError() {
        IllegalStateException finding = assertThrows(IllegalStateException.class,
                () -> Notes.render("01-x", "{{sigma(1)}}", FINDINGS, Map.of()));
        assertEquals("notes 01-x refer to a finding 'sigma(1)' the chapter did not report", finding.getMessage());
        assertThrows(IllegalStateException.class, () -> Notes.render("01-x", "{{table:missing}}", FINDINGS, Map.of()));
    }
}
