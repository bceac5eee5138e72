package org.sigmoidbook.site;

/** The HTML around a page's article: head, masthead, and the pager to the previous and next pages. */
final class PageLayout {

    /** The site's own files and KaTeX's, kept apart from the copied figures and data. */
    static final String ASSETS = "assets";

    private PageLayout() {
    }

    /**
     * The whole HTML page. {@code previous} and {@code next} are the neighbouring pages in book
     * order, or null; {@code contents} is the contents page, or null when this is it.
     */
    static String page(PageRenderer.Rendered page, PageRenderer.Rendered contents,
                       PageRenderer.Rendered previous, PageRenderer.Rendered next) {
        String katex = page.formulas().isEmpty() ? "" : """
                <link rel="stylesheet" href="%1$s/%2$s/%3$s">
                <script src="%1$s/%2$s/%4$s" defer></script>
                <script src="%1$s/site.js" defer></script>
                """.formatted(ASSETS, Katex.FOLDER, Katex.STYLESHEET, Katex.SCRIPT);
        String home = contents == null ? page.page().htmlName() : contents.page().htmlName();
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="generator" content="%s">
                <title>%s</title>
                <link rel="stylesheet" href="%s/site.css">
                %s</head>
                <body>
                <header class="masthead"><a href="%s">The Sigmoid Book</a></header>
                <main>
                %s</main>
                %s</body>
                </html>
                """.formatted(Site.GENERATOR, escape(title(page, contents)), ASSETS, katex, home,
                page.articleHtml(), pager(contents, previous, next));
    }

    private static String title(PageRenderer.Rendered page, PageRenderer.Rendered contents) {
        return contents == null ? "The Sigmoid Book: " + page.title() : page.title() + " · The Sigmoid Book";
    }

    private static String pager(PageRenderer.Rendered contents, PageRenderer.Rendered previous,
                                PageRenderer.Rendered next) {
        StringBuilder links = new StringBuilder();
        if (previous != null && previous != contents) {
            links.append(link("prev", "← " + previous.title(), previous));
        }
        if (contents != null) {
            links.append(link("contents", "Contents", contents));
        }
        if (next != null) {
            links.append(link("next", next.title() + " →", next));
        }
        return links.isEmpty() ? "" : "<nav class=\"pager\">\n" + links + "</nav>\n";
    }

    private static String link(String role, String text, PageRenderer.Rendered target) {
        return "<a class=\"%s\" href=\"%s\">%s</a>\n".formatted(role, target.page().htmlName(), escape(text));
    }

    static String escape(String text) {
        StringBuilder html = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> html.append("&amp;");
                case '<' -> html.append("&lt;");
                case '>' -> html.append("&gt;");
                case '"' -> html.append("&quot;");
                case '\'' -> html.append("&#39;");
                default -> html.append(c);
            }
        }
        return html.toString();
    }
}
