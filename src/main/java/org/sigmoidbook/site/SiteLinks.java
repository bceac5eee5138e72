package org.sigmoidbook.site;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the links of the Markdown pages into links inside the site. The pages sit at the site's
 * root as HTML; every other file a page links to (figures, data, notebooks) is copied to the same
 * path, relative to the project, that it has in the project, and is collected for that copy.
 */
final class SiteLinks {

    /** A link whose target cannot be part of the site. */
    static class BrokenLink extends Exception {
        BrokenLink(String message) {
            super(message);
        }
    }

    /**
     * A link to the notes page of a chapter that the notes' folder does not hold: a folder the book
     * ran part of ({@code --out X} with some chapters) has pages whose previous and next links point
     * to chapters it lacks. The site shows such a link as its text.
     */
    static final class PageNotHere extends BrokenLink {
        PageNotHere(String message) {
            super(message);
        }
    }

    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");
    private static final List<String> SAFE_SCHEMES = List.of("http", "https", "mailto");
    private static final List<String> TWIN_FORMATS = List.of("svg", "pdf");
    private static final Pattern CHAPTER_PAGE = Pattern.compile("\\d\\d-[a-z0-9-]+\\.md");

    private final Path root;
    private final Map<Path, String> pages;
    private final Set<Path> files = new TreeSet<>();

    /** {@code pages} maps each rendered Markdown file (absolute, normalised) to its HTML name. */
    SiteLinks(Path root, Map<Path, String> pages) {
        this.root = root;
        this.pages = Map.copyOf(pages);
    }

    /** Project files that pages link to, to be copied into the site at their project-relative paths. */
    Set<Path> files() {
        return Set.copyOf(files);
    }

    static String sitePath(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    /**
     * The site's link for {@code destination} written on {@code page}: web and mail links stay as
     * they are, a link of any other scheme ({@code javascript:}, {@code data:}, {@code file:}) is
     * refused, and anything else must be a file of the project.
     */
    String href(Path page, String destination) throws BrokenLink {
        if (destination.isEmpty() || destination.startsWith("#") || destination.startsWith("//")) {
            return destination;
        }
        Matcher scheme = SCHEME.matcher(destination);
        if (scheme.find()) {
            if (!SAFE_SCHEMES.contains(scheme.group(1).toLowerCase(Locale.ROOT))) {
                throw new BrokenLink("links to " + destination + ", a " + scheme.group(1) + ": link, where the site allows only "
                        + String.join(", ", SAFE_SCHEMES) + " links and files of the project");
            }
            return destination;
        }
        int hash = destination.indexOf('#');
        String fragment = hash < 0 ? "" : destination.substring(hash);
        Path target = target(page, hash < 0 ? destination : destination.substring(0, hash));
        String html = pages.get(target);
        if (html != null) {
            return html + fragment;
        }
        files.add(target);
        return encode(sitePath(root, target)) + fragment;
    }

    /** Links to the SVG and PDF drawn beside an image, for those that exist. */
    List<Figure.Twin> twins(Path page, String imageDestination) throws BrokenLink {
        Path image = target(page, imageDestination);
        String name = image.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot < 0 ? name : name.substring(0, dot);
        List<Figure.Twin> twins = new ArrayList<>();
        for (String format : TWIN_FORMATS) {
            Path twin = image.resolveSibling(base + "." + format);
            if (!twin.equals(image) && Files.isRegularFile(twin)) {
                files.add(twin);
                twins.add(new Figure.Twin(format.toUpperCase(Locale.ROOT), encode(sitePath(root, twin))));
            }
        }
        return twins;
    }

    private Path target(Path page, String path) throws BrokenLink {
        String decoded = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        Path target = page.getParent().resolve(decoded).normalize();
        if (!target.startsWith(root)) {
            throw new BrokenLink("links to " + path + ", outside the project");
        }
        if (!Files.isRegularFile(target)) {
            if (CHAPTER_PAGE.matcher(target.getFileName().toString()).matches() && target.getParent().equals(root.resolve("chapters"))) {
                throw new PageNotHere("links to " + path + ", a chapter these notes do not hold");
            }
            throw new BrokenLink("links to " + path + ", which is not a file in the project");
        }
        return target;
    }

    private static String encode(String path) {
        try {
            return new URI(null, null, path, null).getRawPath();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot link to " + path, e);
        }
    }
}
