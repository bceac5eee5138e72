package org.sigmoidbook.toolkit.charts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shrinks the SVG that VectorGraphics2D writes for an XChart chart, which draws every segment of a
 * curve as its own {@code <line>} with the same inline style and every coordinate to 15 digits:
 * runs of joined lines of one style become one {@code <path>}, and coordinates are rounded to a
 * hundredth of a point, far below what a reader can see. The drawing itself does not change.
 */
final class CompactSvg {

    private static final Pattern LONG_DECIMAL = Pattern.compile("-?\\d+\\.\\d{3,}");
    private static final Pattern LINE = Pattern.compile(
            "[ \\t]*<line style=\"([^\"]*)\" x1=\"([^\"]+)\" x2=\"([^\"]+)\" y1=\"([^\"]+)\" y2=\"([^\"]+)\"/>\\R?");

    private CompactSvg() {
    }

    static String compact(String svg) {
        return joinLines(roundDecimals(svg));
    }

    static String roundDecimals(String svg) {
        Matcher matcher = LONG_DECIMAL.matcher(svg);
        StringBuilder out = new StringBuilder(svg.length());
        while (matcher.find()) {
            String rounded = new BigDecimal(matcher.group()).setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
            matcher.appendReplacement(out, rounded.equals("-0") ? "0" : rounded);
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** Consecutive {@code <line>}s with one style, each starting where the last ended, as one path. */
    static String joinLines(String svg) {
        Matcher line = LINE.matcher(svg);
        StringBuilder out = new StringBuilder(svg.length());
        int copied = 0;
        String style = null;
        String endX = null;
        String endY = null;
        StringBuilder path = null;
        while (line.find()) {
            boolean adjacent = line.start() == copied;
            boolean continues = path != null && adjacent && line.group(1).equals(style)
                    && line.group(2).equals(endX) && line.group(4).equals(endY);
            if (!continues) {
                if (path != null) {
                    out.append(path).append("\"/>\n");
                }
                out.append(svg, copied, line.start());
                style = line.group(1);
                path = new StringBuilder(indentOf(line.group())).append("<path style=\"").append(style).append("\" d=\"M")
                        .append(line.group(2)).append(' ').append(line.group(4));
            }
            path.append(" L").append(line.group(3)).append(' ').append(line.group(5));
            endX = line.group(3);
            endY = line.group(5);
            copied = line.end();
        }
        if (path != null) {
            out.append(path).append("\"/>\n");
        }
        out.append(svg, copied, svg.length());
        return out.toString();
    }

    private static String indentOf(String element) {
        int i = 0;
        while (i < element.length() && (element.charAt(i) == ' ' || element.charAt(i) == '\t')) {
            i++;
        }
        return element.substring(0, i);
    }
}
