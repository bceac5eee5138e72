package org.sigmoidbook.chapters.implementation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sigmoidbook.BookTest;
import org.sigmoidbook.book.Finding;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.book.Progress;
import org.sigmoidbook.book.Rows;
import org.sigmoidbook.chapters.implementation.ApiMap.ApiCall;
import org.sigmoidbook.chapters.implementation.ImplementationChapter.Output;
import org.sigmoidbook.toolkit.torch.Torch;
import tech.tablesaw.api.Table;

/**
 * Chapter 6 on a platform without libtorch: it records every table and finding its page names, the
 * PyTorch findings say that PyTorch did not run, the first of them in the one line of the start's
 * problem, and everything else is measured as usual.
 */
class ImplementationWithoutPyTorchTest {

    private static final String PROBLEM = "PyTorch did not run: no libtorch in this test";

    @BookTest
    void theRestOfTheChapterRunsAndThePageHasEverythingItNames() throws Exception {
        Lab lab = new Lab("implementation", 42, true, new InOrder());
        new ImplementationChapter().measure(lab, new Torch.Start(null, PROBLEM));
        Map<String, Table> tables = lab.tables();
        List<String> findings = lab.findings().stream().map(Finding::name).toList();
        for (String name : placeholders()) {
            if (name.startsWith("table:")) {
                assertTrue(tables.containsKey(name.substring("table:".length())), name);
            } else {
                assertTrue(findings.contains(name), name);
            }
        }
        Finding pytorch = lab.findings().stream().filter(f -> f.name().equals(ImplementationChapter.PYTORCH)).findFirst().orElseThrow();
        assertEquals(PROBLEM, pytorch.text());
        for (Finding finding : lab.findings()) {
            if (finding.name().contains("PyTorch") && !finding.name().equals(ImplementationChapter.PYTORCH)) {
                assertEquals(ImplementationChapter.NOT_RUN, finding.text(), finding.name());
            }
        }
        assertEquals("[0.0474, 0.5000, 0.9526]", text(lab, "model(x) for x = [-3, 0, 3]"), "the DL4J part ran");
        for (Output output : Rows.of(tables.get("outputs"), Output.class, "outputs")) {
            assertNull(output.pytorch());
        }
        for (ApiCall call : Rows.of(tables.get("api-map"), ApiCall.class, "api-map")) {
            assertTrue(call.valueInPytorch().equals(ApiMap.NOT_RUN) || call.valueInPytorch().equals("-"), call.toString());
        }
        List<String> ways = Rows.of(tables.get("pytorch-unfused"), UnfusedLoss.Point.class, "pytorch-unfused").stream()
                .map(UnfusedLoss.Point::computedBy).distinct().toList();
        assertEquals(List.of(UnfusedLoss.EXACT, UnfusedLoss.DL4J), ways);
        assertFalse(Rows.of(tables.get("from-logits"), FromLogits.Computed.class, "from-logits").stream()
                .anyMatch(row -> row.computedBy().startsWith("PyTorch")));
    }

    private static String text(Lab lab, String name) {
        return lab.findings().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow().text();
    }

    /** Every {{...}} of the chapter's notes template. */
    private static List<String> placeholders() throws IOException {
        try (InputStream in = ImplementationChapter.class.getResourceAsStream("/notes/06-implementation.md")) {
            String template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher matcher = Pattern.compile("\\{\\{([^{}]+)}}").matcher(template);
            List<String> names = new ArrayList<>();
            while (matcher.find()) {
                names.add(matcher.group(1).strip());
            }
            return names;
        }
    }

    /** The runner's workers, one at a time: this chapter has no parallel work and no progress bar. */
    private static final class InOrder implements Lab.Support {
        @Override
        public <T, R> List<R> parallel(String chapterId, List<T> inputs, Lab.Task<T, R> task) throws Exception {
            List<R> results = new ArrayList<>();
            for (T input : inputs) {
                results.add(task.run(input));
            }
            return results;
        }

        @Override
        public Progress progress(String task, long total) {
            return new Progress() {
                @Override
                public void step() {
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
