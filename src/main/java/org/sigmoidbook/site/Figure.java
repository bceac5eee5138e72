package org.sigmoidbook.site;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.commonmark.node.CustomBlock;
import org.commonmark.node.Node;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;

/** An image that stands alone in its paragraph: shown with its caption and links to its vector twins. */
final class Figure extends CustomBlock {

    /** A link to the same figure in another format, such as the SVG beside a PNG. */
    record Twin(String format, String href) {
    }

    private final String src;
    private final String caption;
    private final List<Twin> twins;

    Figure(String src, String caption, List<Twin> twins) {
        this.src = src;
        this.caption = caption;
        this.twins = List.copyOf(twins);
    }

    static final class Extension implements HtmlRenderer.HtmlRendererExtension {
        @Override
        public void extend(HtmlRenderer.Builder renderer) {
            renderer.nodeRendererFactory(Html::new);
        }
    }

    private static final class Html implements NodeRenderer {

        private final HtmlNodeRendererContext context;

        Html(HtmlNodeRendererContext context) {
            this.context = context;
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Figure.class);
        }

        @Override
        public void render(Node node) {
            Figure figure = (Figure) node;
            var html = context.getWriter();
            html.line();
            html.tag("figure");
            Map<String, String> image = new LinkedHashMap<>();
            image.put("src", figure.src);
            image.put("alt", figure.caption);
            html.tag("img", image, true);
            html.tag("figcaption");
            html.text(figure.caption);
            if (!figure.twins.isEmpty()) {
                html.raw(" ");
                html.tag("span", Map.of("class", "twins"));
                String separator = "";
                for (Twin twin : figure.twins) {
                    html.raw(separator);
                    html.tag("a", Map.of("href", twin.href()));
                    html.text(twin.format());
                    html.tag("/a");
                    separator = " · ";
                }
                html.tag("/span");
            }
            html.tag("/figcaption");
            html.tag("/figure");
            html.line();
        }
    }
}
