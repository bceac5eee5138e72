package org.sigmoidbook.site;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.sigmoidbook.runtime.ProjectRoot;

/**
 * Reads every page of the site of the committed pages and figures in headless Chromium,
 * as a reader's browser would from {@code file://}: every formula typeset by KaTeX without error,
 * every image decoded, every link leading to a file of the site (and to its anchor), nothing asked
 * of the network, and no console error.
 *
 * <p>Without Chromium the test is skipped with a message, except under {@code CI=true}, where it fails.
 * {@code -Dsite.screenshot=FILE} also saves a screenshot of the derivative chapter.
 */
class SiteBrowserTest {

    private static final String CHECKS = """
            (async () => {
              await document.fonts.ready;
              const all = (selector) => Array.from(document.querySelectorAll(selector));
              const formulas = all('.math');
              return {
                url: location.href,
                formulas: formulas.length,
                typeset: formulas.filter(f => f.querySelector('.katex')).length,
                katexErrors: all('.katex-error').map(e => e.getAttribute('title') || e.textContent),
                images: document.images.length,
                brokenImages: Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src),
                tables: all('table').length,
                links: all('a[href]').map(a => a.href),
                ids: all('[id]').map(e => e.id),
                failedFonts: Array.from(document.fonts).filter(f => f.status === 'error').map(f => f.family)
              };
            })()
            """;

    @TempDir
    static Path work;

    private static Path site;
    private static HeadlessChromium chromium;
    private static HeadlessChromium.Tab tab;

    @BeforeAll
    static void buildSiteAndStartChromium() throws Exception {
        Optional<Path> binary = HeadlessChromium.find();
        if (binary.isEmpty()) {
            String why = "Chromium is not installed (no chromium on the PATH), so the site was not checked in a browser;"
                    + " apt-get install chromium";
            if ("true".equals(System.getenv("CI"))) {
                fail(why + ". CI must run this test: .ci/run installs Chromium.");
            }
            System.err.println("SKIPPED SiteBrowserTest: " + why);
            Assumptions.abort(why);
        }
        CommittedSite.Build build = CommittedSite.get();
        assertEquals(0, build.status(), build.err());
        site = build.dir();
        chromium = HeadlessChromium.start(binary.get(), Files.createDirectories(work.resolve("chromium")));
        tab = chromium.newTab(1100, 900);
    }

    @AfterAll
    static void stopChromium() throws InterruptedException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @TestFactory
    @Tag("book")
    Stream<DynamicTest> everyPageReadsCleanlyInChromium() throws IOException {
        List<Path> pages;
        try (Stream<Path> files = Files.list(site)) {
            pages = files.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
        long notes;
        try (Stream<Path> files = Files.list(ProjectRoot.get().resolve("chapters"))) {
            notes = files.filter(p -> p.getFileName().toString().endsWith(".md")).count();
        }
        assertEquals(notes, pages.size(), "one page per notes page, the contents included: " + pages);
        Map<Path, Set<String>> anchors = new HashMap<>();
        List<URI> linksWithFragments = new ArrayList<>();
        Stream<DynamicTest> pageTests = pages.stream().map(page -> DynamicTest.dynamicTest(page.getFileName().toString(), () -> {
            tab.open(page.toUri());
            JsonObject seen = tab.evaluate(CHECKS).getAsJsonObject();
            anchors.put(page, new HashSet<>(strings(seen.getAsJsonArray("ids"))));
            List<String> problems = new ArrayList<>();
            for (String link : strings(seen.getAsJsonArray("links"))) {
                URI uri = URI.create(link);
                if (!"file".equals(uri.getScheme())) {
                    continue; // a web link: a reader's browser follows it; the site itself needs no network
                }
                Path target = Path.of(new URI("file", null, uri.getPath(), null));
                if (!target.startsWith(site) || !Files.isRegularFile(target)) {
                    problems.add("link to a file outside the site or missing: " + link);
                } else if (uri.getFragment() != null) {
                    linksWithFragments.add(uri);
                }
            }
            List<String> offline = tab.requests().stream().filter(url -> !isInside(url, site)).toList();
            assertAll(page.getFileName().toString(),
                    () -> assertEquals(page.toUri().toString(), seen.get("url").getAsString(), "the page opened"),
                    () -> assertEquals(List.of(), strings(seen.getAsJsonArray("katexErrors")), "KaTeX errors"),
                    () -> assertEquals(seen.get("formulas").getAsInt(), seen.get("typeset").getAsInt(),
                            "formulas typeset by KaTeX, of " + seen.get("formulas")),
                    () -> assertEquals(List.of(), strings(seen.getAsJsonArray("brokenImages")), "images that did not load"),
                    () -> assertEquals(List.of(), problems, "links"),
                    () -> assertEquals(List.of(), strings(seen.getAsJsonArray("failedFonts")), "fonts that did not load"),
                    () -> assertEquals(List.of(), offline, "requests outside the site"),
                    () -> assertEquals(List.of(), tab.errors(), "console errors"));
            if (page.getFileName().toString().equals("02-derivative.html")) {
                assertTrue(seen.get("formulas").getAsInt() >= 10, "the derivative chapter has its formulas: " + seen);
                assertEquals(2, seen.get("images").getAsInt(), "the derivative chapter's two figures");
                assertEquals(markdownTables(ProjectRoot.get().resolve("chapters/02-derivative.md")), seen.get("tables").getAsInt(),
                        "the derivative chapter's tables, as many as its Markdown page has");
                saveScreenshotIfAsked();
            }
        }));
        DynamicTest anchorsTest = DynamicTest.dynamicTest("links into pages find their anchors", () -> {
            List<String> missing = new ArrayList<>();
            for (URI link : linksWithFragments) {
                Path target = Path.of(new URI("file", null, link.getPath(), null));
                if (target.toString().endsWith(".html") && !anchors.getOrDefault(target, Set.of()).contains(link.getFragment())) {
                    missing.add(link.toString());
                }
            }
            assertEquals(List.of(), missing);
        });
        return Stream.concat(pageTests, Stream.of(anchorsTest));
    }

    private static void saveScreenshotIfAsked() throws IOException {
        String file = System.getProperty("site.screenshot");
        if (file != null && !file.isBlank()) {
            Files.write(Path.of(file), tab.screenshot(4000));
        }
    }

    /** Counts the header rules of the Markdown tables in a page: one per table. */
    private static long markdownTables(Path page) throws IOException {
        try (Stream<String> lines = Files.lines(page)) {
            return lines.filter(line -> line.matches("\\|( *:?-{3,}:? *\\|)+")).count();
        }
    }

    private static boolean isInside(String url, Path folder) {
        if (url.startsWith("data:")) {
            return true;
        }
        URI uri = URI.create(url);
        return "file".equals(uri.getScheme()) && Path.of(uri.getPath()).startsWith(folder);
    }

    private static List<String> strings(JsonArray array) {
        List<String> strings = new ArrayList<>();
        for (JsonElement element : array) {
            strings.add(element.getAsString());
        }
        return strings;
    }
}
