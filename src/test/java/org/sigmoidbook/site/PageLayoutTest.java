package org.sigmoidbook.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The frame around an article: which title a page has and which neighbours its pager links to. */
class PageLayoutTest {

    private static PageRenderer.Rendered page(String html, String title) {
        return new PageRenderer.Rendered(new SourcePage(Path.of(html.replace(".html", ".md")), html), title, "<p>text</p>\n",
                List.of(), List.of());
    }

    private static final PageRenderer.Rendered CONTENTS = page("index.html", "Contents");
    private static final PageRenderer.Rendered FIRST = page("01-equation.html", "1. The <sigmoid> equation");
    private static final PageRenderer.Rendered SECOND = page("02-derivative.html", "2. The derivative");

    @Test
    void theContentsPageIsTitledByTheBookAndAChapterByItsOwnTitleFirst() {
        assertTrue(PageLayout.page(CONTENTS, null, null, FIRST).contains("<title>The Sigmoid Book: Contents</title>"));
        assertTrue(PageLayout.page(FIRST, CONTENTS, CONTENTS, SECOND)
                .contains("<title>1. The &lt;sigmoid&gt; equation · The Sigmoid Book</title>"));
    }

    @Test
    void aChaptersPagerLinksBackOnlyToAChapterThenToTheContentsAndOn() {
        String first = PageLayout.page(FIRST, CONTENTS, CONTENTS, SECOND);
        assertFalse(first.contains("class=\"prev\""), "the contents page is linked once, as Contents");
        assertTrue(first.contains("<a class=\"contents\" href=\"index.html\">Contents</a>"));
        assertTrue(first.contains("<a class=\"next\" href=\"02-derivative.html\">2. The derivative →</a>"));
        String second = PageLayout.page(SECOND, CONTENTS, FIRST, null);
        assertTrue(second.contains("<a class=\"prev\" href=\"01-equation.html\">← 1. The &lt;sigmoid&gt; equation</a>"));
        assertFalse(second.contains("class=\"next\""), "the last page has no next");
    }

    @Test
    void theContentsPageWithNoNeighboursHasNoPager() {
        String contents = PageLayout.page(CONTENTS, null, null, null);
        assertFalse(contents.contains("<nav"));
        assertEquals(1, contents.split("href=\"index.html\"", -1).length - 1, "the masthead links home");
    }
}
