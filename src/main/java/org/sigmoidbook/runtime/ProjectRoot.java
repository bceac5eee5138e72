package org.sigmoidbook.runtime;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The project folder, where the book's data, figures and notes live, whatever the current
 * directory: {@code mvn -f path/to/pom.xml ...} run from elsewhere must not scatter outputs there.
 * Maven passes it as the system property {@value #PROPERTY}; otherwise it is found from where the
 * book's classes were loaded ({@code <project>/target/classes}), and failing that it is the current
 * directory.
 */
public final class ProjectRoot {

    public static final String PROPERTY = "sigmoidbook.root";

    private ProjectRoot() {
    }

    public static Path get() {
        String given = System.getProperty(PROPERTY);
        if (given != null && !given.isBlank()) {
            return Path.of(given).toAbsolutePath().normalize();
        }
        return fromClasses().orElse(Path.of("").toAbsolutePath());
    }

    private static Optional<Path> fromClasses() {
        try {
            Path classes = Path.of(ProjectRoot.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path project = classes.getParent() == null ? null : classes.getParent().getParent();
            if (project != null && Files.isRegularFile(project.resolve("pom.xml"))) {
                return Optional.of(project);
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // not loaded from a folder of classes
        }
        return Optional.empty();
    }
}
