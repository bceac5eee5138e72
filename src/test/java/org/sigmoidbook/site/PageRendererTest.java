package org.sigmoidbook.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PageRendererTest {

    private static final Path PAGE = Path.of("/book/chapters/01-one.md");

    private static PageRenderer.Rendered render(String markdown) {
        SiteLinks links = new SiteLinks(Path.of("/book"), Map.of());
        return new PageRenderer().render(new SourcePage(PAGE, "01-one.html"), markdown, links);
    }

    private static List<String> texts(PageRenderer.Rendered page) {
        return page.formulas().stream().map(TexMath::source).toList();
    }

    @Test
    void formulasReachKatexAsWrittenWhereCommonMarkWouldEscapeOrEmphasise() {
        PageRenderer.Rendered page = render("""
                # 1. One

                A thin space $a\\,b$, a product $a*b*c$ and a brace $\\{x\\}$.

                $$\\sigma'(z) = \\sigma(z)\\,\\bigl(1 - \\sigma(z)\\bigr),
                \\qquad z \\in \\mathbb{R}$$
                """);
        assertEquals(List.of("$a\\,b$", "$a*b*c$", "$\\{x\\}$",
                "$$\\sigma'(z) = \\sigma(z)\\,\\bigl(1 - \\sigma(z)\\bigr),\n\\qquad z \\in \\mathbb{R}$$"), texts(page));
        assertTrue(page.articleHtml().contains("<span class=\"math\">a\\,b</span>"), page.articleHtml());
        assertTrue(page.articleHtml().contains("<span class=\"math\">a*b*c</span>"), page.articleHtml());
        assertTrue(page.articleHtml().contains("<span class=\"math display\">\\sigma'(z)"), page.articleHtml());
        assertEquals("1. One", page.title());
    }

    @Test
    void dollarsThatAreNotMathStayText() {
        PageRenderer.Rendered page = render("""
                Code `$x$` and

                    $indented$ code

                ```
                $fenced$
                ```

                an escaped \\$5, prices $5 and $10, a lone $ sign, and $ spaced $ dollars.
                """);
        assertEquals(List.of(), texts(page));
        String html = page.articleHtml();
        assertTrue(html.contains("<code>$x$</code>"), html);
        assertTrue(html.contains("$indented$ code"), html);
        assertTrue(html.contains("$fenced$"), html);
        assertTrue(html.contains("an escaped $5, prices $5 and $10, a lone $ sign, and $ spaced $ dollars."), html);
    }

    @Test
    void punctuationTouchingAFormulaStaysOnItsLine() {
        String html = render("For large $z$, the ratio ($a - y$). Then $b$ and $c$;$d$\n").articleHtml();
        assertTrue(html.contains("For large <span class=\"nowrap\"><span class=\"math\">z</span>,</span> the ratio "
                + "<span class=\"nowrap\">(<span class=\"math\">a - y</span>).</span> Then <span class=\"math\">b</span> and "
                + "<span class=\"nowrap\"><span class=\"math\">c</span>;</span><span class=\"math\">d</span>"), html);
    }

    @Test
    void formulasInsideTablesAndHeadingsAreFound() {
        PageRenderer.Rendered page = render("""
                # The slope $\\sigma'$

                | | $\\sigma = 1$ from |
                | --- | --- |
                | FLOAT | $z = 16.6$ |
                """);
        assertEquals(List.of("$\\sigma'$", "$\\sigma = 1$", "$z = 16.6$"), texts(page));
        assertEquals("The slope $\\sigma'$", page.title());
        assertTrue(page.articleHtml().contains("<table>"), page.articleHtml());
        assertTrue(page.articleHtml().contains("<td><span class=\"math\">z = 16.6</span></td>"), page.articleHtml());
    }

    /** The note that the book wrote a page is for its editors; HTML of any other kind is shown as text. */
    @Test
    void commentsAreDroppedAndOtherHtmlIsShownAsText() {
        String html = render("<!-- Written by the book; edit the template. -->\n# 1. One\n\nA <b>bold</b> claim.\n").articleHtml();
        assertFalse(html.contains("Written by the book"), html);
        assertTrue(html.contains("A &lt;b&gt;bold&lt;/b&gt; claim."), html);
    }
}
