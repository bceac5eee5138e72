package org.sigmoidbook.site;

import java.util.Map;
import java.util.Set;

import org.commonmark.node.CustomNode;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.parser.beta.InlineContentParser;
import org.commonmark.parser.beta.InlineContentParserFactory;
import org.commonmark.parser.beta.InlineParserState;
import org.commonmark.parser.beta.ParsedInline;
import org.commonmark.parser.beta.Position;
import org.commonmark.parser.beta.Scanner;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * A TeX formula written {@code $...$} (inline) or {@code $$...$$} (display), as GitHub reads them.
 * It is recognised inside CommonMark's own inline parsing, so code spans, code blocks and {@code \$}
 * stay literal, while the TeX reaches KaTeX untouched: CommonMark's backslash escapes (which would
 * turn {@code \,} into {@code ,}) never see it.
 */
final class TexMath extends CustomNode {

    private final String tex;
    private final boolean display;
    private String before = "";
    private String after = "";

    TexMath(String tex, boolean display) {
        this.tex = tex;
        this.display = display;
    }

    String tex() {
        return tex;
    }

    boolean display() {
        return display;
    }

    /**
     * Keeps the punctuation that touches an inline formula on its line, as a reader expects: a
     * browser may otherwise break the line between KaTeX's box and a comma after it.
     */
    void holdPunctuation(String before, String after) {
        this.before = before;
        this.after = after;
    }

    /** The formula as the page wrote it. */
    String source() {
        String fence = display ? "$$" : "$";
        return fence + tex + fence;
    }

    /** Parses the dollar syntax and renders each formula as a span that KaTeX fills in the browser. */
    static final class Extension implements Parser.ParserExtension, HtmlRenderer.HtmlRendererExtension {

        @Override
        public void extend(Parser.Builder parser) {
            parser.customInlineContentParserFactory(new InlineContentParserFactory() {
                @Override
                public Set<Character> getTriggerCharacters() {
                    return Set.of('$');
                }

                @Override
                public InlineContentParser create() {
                    return TexMath::tryParse;
                }
            });
        }

        @Override
        public void extend(HtmlRenderer.Builder renderer) {
            renderer.nodeRendererFactory(HtmlSpan::new);
        }
    }

    /**
     * Display math runs from {@code $$} to the next {@code $$}. Inline math opens with a {@code $}
     * not followed by a space and closes at the next unescaped {@code $} not preceded by a space
     * nor followed by a digit, so that "costs $5 and $10" stays text.
     */
    private static ParsedInline tryParse(InlineParserState state) {
        Scanner scanner = state.scanner();
        int dollars = scanner.matchMultiple('$');
        if (dollars == 2) {
            Position start = scanner.position();
            while (scanner.find('$') >= 0) {
                Position end = scanner.position();
                if (scanner.next("$$")) {
                    return formula(scanner, start, end, true);
                }
                scanner.next();
            }
            return ParsedInline.none();
        }
        if (dollars != 1 || isSpaceOrEnd(scanner.peek())) {
            return ParsedInline.none();
        }
        Position start = scanner.position();
        while (scanner.find('$') >= 0) {
            int before = scanner.peekPreviousCodePoint();
            Position end = scanner.position();
            scanner.next();
            if (before != '\\' && !Character.isWhitespace(before) && !Character.isDigit(scanner.peek())) {
                return formula(scanner, start, end, false);
            }
        }
        return ParsedInline.none();
    }

    private static ParsedInline formula(Scanner scanner, Position start, Position end, boolean display) {
        String tex = scanner.getSource(start, end).getContent();
        if (tex.isBlank()) {
            return ParsedInline.none();
        }
        return ParsedInline.of(new TexMath(tex, display), scanner.position());
    }

    private static boolean isSpaceOrEnd(char c) {
        return c == Scanner.END || Character.isWhitespace(c);
    }

    private static final class HtmlSpan implements NodeRenderer {

        private final HtmlNodeRendererContext context;

        HtmlSpan(HtmlNodeRendererContext context) {
            this.context = context;
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(TexMath.class);
        }

        @Override
        public void render(Node node) {
            TexMath math = (TexMath) node;
            var html = context.getWriter();
            boolean held = !math.before.isEmpty() || !math.after.isEmpty();
            if (held) {
                html.tag("span", Map.of("class", "nowrap"));
                html.text(math.before);
            }
            html.tag("span", Map.of("class", math.display() ? "math display" : "math"));
            html.text(math.tex());
            html.tag("/span");
            if (held) {
                html.text(math.after);
                html.tag("/span");
            }
        }
    }
}
