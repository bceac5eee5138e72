package org.sigmoidbook.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Versions of Java and of the libraries the book was built with (filled in by Maven). */
public final class Versions {

    private static final String[] LIBRARIES = {"deeplearning4j", "nd4j", "xchart", "tablesaw"};

    private Versions() {
    }

    /** The book's own version, from the pom. */
    public static String book() {
        return built().getProperty("book", "unknown");
    }

    public static Map<String, String> all() {
        Properties built = built();
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("java", System.getProperty("java.version"));
        for (String library : LIBRARIES) {
            versions.put(library, built.getProperty(library, "unknown"));
        }
        return versions;
    }

    private static Properties built() {
        Properties built = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("/sigmoidbook-versions.properties")) {
            if (in != null) {
                built.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return built;
    }
}
