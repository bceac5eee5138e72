package org.sigmoidbook.site;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Renders one Markdown page of the notes to the HTML of its article, with links made to work in the
 * site. Every text is escaped, raw HTML written in the Markdown included: a page is made of table
 * cells and findings that any CSV file can hold.
 */
final class PageRenderer {

    /** A page's article, its title (its first level-1 heading), its formulas, and what is wrong with it. */
    record Rendered(SourcePage page, String title, String articleHtml, List<TexMath> formulas, List<String> problems) {
    }

    private static final Pattern OPENING = Pattern.compile("[(\\[{“‘]+$");
    private static final Pattern CLOSING = Pattern.compile("^[.,;:!?)\\]}”’]+");

    private final Parser parser;
    private final HtmlRenderer renderer;

    PageRenderer() {
        List<Extension> extensions = List.of(TablesExtension.create(), new TexMath.Extension(), new Figure.Extension());
        parser = Parser.builder().extensions(extensions).build();
        // Text that reaches a page from a table cell, a finding or a template is text: HTML in it is shown, not obeyed.
        renderer = HtmlRenderer.builder().extensions(extensions).escapeHtml(true).build();
    }

    Rendered render(SourcePage page, String markdown, SiteLinks links) {
        Node document = parser.parse(markdown);
        List<String> problems = new ArrayList<>();
        Collector collector = new Collector(page, links, problems);
        document.accept(collector);
        collector.figures.forEach((paragraph, figure) -> {
            paragraph.insertBefore(figure);
            paragraph.unlink();
        });
        for (Link link : collector.toMissingPages) {
            for (Node child = link.getFirstChild(); child != null; child = link.getFirstChild()) {
                link.insertBefore(child);
            }
            link.unlink();
        }
        for (TexMath math : collector.formulas) {
            if (!math.display()) {
                math.holdPunctuation(take(math.getPrevious(), OPENING, false), take(math.getNext(), CLOSING, true));
            }
        }
        String title = collector.title == null ? page.htmlName() : collector.title;
        return new Rendered(page, title, renderer.render(document), List.copyOf(collector.formulas), problems);
    }

    /** Rewrites link and image targets, finds the title and the formulas, and turns lone images into figures. */
    private static final class Collector extends AbstractVisitor {

        private final SourcePage page;
        private final SiteLinks links;
        private final List<String> problems;
        private final List<TexMath> formulas = new ArrayList<>();
        private final Map<Paragraph, Figure> figures = new IdentityHashMap<>();
        private final List<Link> toMissingPages = new ArrayList<>();
        private String title;

        Collector(SourcePage page, SiteLinks links, List<String> problems) {
            this.page = page;
            this.links = links;
            this.problems = problems;
        }

        @Override
        public void visit(Heading heading) {
            if (title == null && heading.getLevel() == 1) {
                title = plainText(heading);
            }
            visitChildren(heading);
        }

        @Override
        public void visit(Link link) {
            try {
                link.setDestination(links.href(page.markdown(), link.getDestination()));
            } catch (SiteLinks.PageNotHere e) {
                toMissingPages.add(link);
            } catch (SiteLinks.BrokenLink e) {
                problems.add(e.getMessage());
            }
            visitChildren(link);
        }

        @Override
        public void visit(Image image) {
            String source = image.getDestination();
            image.setDestination(href(source));
            Node paragraph = image.getParent();
            if (paragraph instanceof Paragraph p && image.getPrevious() == null && image.getNext() == null) {
                try {
                    figures.put(p, new Figure(image.getDestination(), plainText(image), links.twins(page.markdown(), source)));
                } catch (SiteLinks.BrokenLink alreadyReported) {
                    // href() has reported the missing image
                }
            }
        }

        @Override
        public void visit(CustomNode node) {
            if (node instanceof TexMath math) {
                formulas.add(math);
            }
            visitChildren(node);
        }

        /** A comment (such as the note that the book wrote the page) is for the page's editors: no reader sees it. */
        @Override
        public void visit(HtmlBlock html) {
            if (html.getLiteral().strip().startsWith("<!--") && html.getLiteral().strip().endsWith("-->")) {
                html.unlink();
            }
        }

        private String href(String destination) {
            try {
                return links.href(page.markdown(), destination);
            } catch (SiteLinks.BrokenLink e) {
                problems.add(e.getMessage());
                return destination;
            }
        }
    }

    /** Removes the punctuation that touches a formula from the text beside it, and returns it. */
    private static String take(Node beside, Pattern punctuation, boolean fromStart) {
        if (!(beside instanceof Text text)) {
            return "";
        }
        Matcher matcher = punctuation.matcher(text.getLiteral());
        if (!matcher.find()) {
            return "";
        }
        String literal = text.getLiteral();
        text.setLiteral(fromStart ? literal.substring(matcher.end()) : literal.substring(0, matcher.start()));
        if (text.getLiteral().isEmpty()) {
            text.unlink();
        }
        return matcher.group();
    }

    /** The text a reader sees in a heading or an image's description, formulas as written. */
    static String plainText(Node node) {
        StringBuilder text = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text t) {
                text.append(t.getLiteral());
            }

            @Override
            public void visit(Code code) {
                text.append(code.getLiteral());
            }

            @Override
            public void visit(SoftLineBreak lineBreak) {
                text.append(' ');
            }

            @Override
            public void visit(CustomNode custom) {
                if (custom instanceof TexMath math) {
                    text.append(math.source());
                }
                visitChildren(custom);
            }
        });
        return text.toString().strip();
    }
}
