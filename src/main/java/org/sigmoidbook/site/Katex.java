package org.sigmoidbook.site;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import org.mozilla.javascript.Context;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.JavaScriptException;
import org.mozilla.javascript.Scriptable;

/**
 * KaTeX as its WebJar ships it on the class path: the files a browser needs, and KaTeX's own parser,
 * run at build time by Rhino (a JavaScript engine written in Java) so that a formula the browser
 * could not render fails the build instead.
 */
final class Katex implements AutoCloseable {

    /** Where the site keeps KaTeX's files; its CSS finds the fonts in {@code fonts/} beside it. */
    static final String FOLDER = "katex";
    static final String SCRIPT = "katex.min.js";
    static final String STYLESHEET = "katex.min.css";

    private static final String WEBJAR_PROPERTIES = "META-INF/maven/org.webjars.npm/katex/pom.properties";

    /*
     * KaTeX's parser alone (its __parse entry point, stable within the pinned version) finds the
     * errors that its renderer would report, at about a quarter of the cost of renderToString
     * under Rhino's interpreter.
     */
    private static final String CHECK = """
            function problemIn(tex, display) {
              try {
                katex.__parse(tex, {displayMode: display, throwOnError: true});
                return null;
              } catch (e) {
                if (e instanceof katex.ParseError) return String(e.message);
                throw e;
              }
            }
            """;

    private final Context context;
    private final Scriptable scope;
    private final Function problemIn;

    private Katex() {
        String script = readString(distribution("dist/" + SCRIPT));
        context = Context.enter();
        try {
            context.setLanguageVersion(Context.VERSION_ES6);
            context.setOptimizationLevel(-1);
            scope = context.initStandardObjects();
            context.evaluateString(scope, script, SCRIPT, 1, null);
            context.evaluateString(scope, CHECK, "check.js", 1, null);
            problemIn = (Function) scope.get("problemIn", scope);
        } catch (RuntimeException e) {
            Context.exit();
            throw e;
        }
    }

    /** Loads KaTeX's parser; use it on the thread that loaded it, and close it there. */
    static Katex load() {
        return new Katex();
    }

    /** What KaTeX reports when it cannot render {@code tex}, or empty when it can. */
    Optional<String> problem(String tex, boolean display) {
        try {
            Object problem = problemIn.call(context, scope, scope, new Object[] {tex, display});
            return problem instanceof String message ? Optional.of(plain(message)) : Optional.empty();
        } catch (JavaScriptException e) {
            return Optional.of("KaTeX failed: " + e.details());
        }
    }

    /** KaTeX underlines the offending characters with U+0332; a terminal shows plain text better. */
    private static String plain(String message) {
        return message.replace("\u0332", "").replaceFirst("^KaTeX parse error: ", "");
    }

    @Override
    public void close() {
        Context.exit();
    }

    /** Copies the script, the stylesheet, its fonts and the licence into {@code folder}. */
    static void copyAssets(Path folder) throws IOException {
        Path dist = distribution("dist/" + SCRIPT).getParent();
        Files.createDirectories(folder.resolve("fonts"));
        for (String name : List.of(SCRIPT, STYLESHEET)) {
            Files.copy(dist.resolve(name), folder.resolve(name));
        }
        Files.copy(dist.getParent().resolve("LICENSE"), folder.resolve("LICENSE"));
        try (Stream<Path> fonts = Files.list(dist.resolve("fonts"))) {
            for (Path font : (Iterable<Path>) fonts::iterator) {
                Files.copy(font, folder.resolve("fonts").resolve(font.getFileName().toString()));
            }
        }
    }

    static String version() {
        Properties properties = new Properties();
        try (InputStream in = resource(WEBJAR_PROPERTIES).openStream()) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    /** A file of the KaTeX distribution inside the WebJar, readable as a {@link Path}. */
    private static Path distribution(String file) {
        URL url = resource("META-INF/resources/webjars/katex/" + version() + "/" + file);
        try {
            URI uri = url.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return Path.of(uri);
            }
            return jarFileSystem(uri).provider().getPath(uri);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad class-path URL " + url, e);
        }
    }

    private static FileSystem jarFileSystem(URI uri) {
        try {
            return FileSystems.getFileSystem(uri);
        } catch (FileSystemNotFoundException notOpenYet) {
            try {
                return FileSystems.newFileSystem(uri, Map.of());
            } catch (FileSystemAlreadyExistsException openedMeanwhile) {
                return FileSystems.getFileSystem(uri);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static URL resource(String name) {
        URL url = Katex.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalStateException(name + " is not on the class path: the KaTeX WebJar is missing");
        }
        return url;
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
