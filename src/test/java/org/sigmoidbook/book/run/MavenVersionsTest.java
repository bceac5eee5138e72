package org.sigmoidbook.book.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.sigmoidbook.runtime.ProjectRoot;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Item 9: the README's Maven versions are the build's. Each build plugin's pom declares the oldest
 * Maven it runs on (its prerequisites; exec-maven-plugin 3.7.0 declares 3.9.0, which Debian's and
 * Ubuntu's Maven 3.8.7 refuses); the newest of those is what the README must name, and it must admit
 * 3.8.7. CI runs the book with the installed Maven as well (.ci/run).
 */
class MavenVersionsTest {

    private static final Path ROOT = ProjectRoot.get();
    private static final String DEBIAN_MAVEN = "3.8.7";
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{(.+)}");

    /** A plugin of the pom and the oldest Maven its own pom declares. */
    record Plugin(String coordinates, String minimumMaven) {
    }

    @Test
    void everyBuildPluginRunsOnDebiansMavenAndTheReadmeNamesTheOldestMavenTheyAllRunOn() throws Exception {
        String home = Path.of(System.getProperty("user.home"), ".m2", "repository").toString();
        Path repository = Path.of(System.getProperty("maven.repo.local", home));
        List<Plugin> plugins = new ArrayList<>();
        List<String> notDownloaded = new ArrayList<>();
        NodeList declared = xml(ROOT.resolve("pom.xml")).getElementsByTagName("plugin");
        for (int i = 0; i < declared.getLength(); i++) {
            Element plugin = (Element) declared.item(i);
            String group = text(plugin, "groupId", "org.apache.maven.plugins");
            String artifact = text(plugin, "artifactId", null);
            String version = text(plugin, "version", null);
            if (version == null) {
                continue; // configured again in a profile: the version is the one declared above
            }
            Path pom = pom(repository, group, artifact, version);
            if (Files.isRegularFile(pom)) {
                plugins.add(new Plugin(group + ":" + artifact + ":" + version, prerequisite(repository, pom)));
            } else {
                notDownloaded.add(artifact + " " + version);
            }
        }
        assertTrue(plugins.stream().anyMatch(p -> p.coordinates().contains("exec-maven-plugin"))
                || !"true".equals(System.getenv("CI")), "CI runs the book before the tests, so exec-maven-plugin is in " + repository);
        Assumptions.assumeTrue(plugins.stream().anyMatch(p -> p.coordinates().contains("exec-maven-plugin")),
                "exec-maven-plugin is not downloaded yet (run the book once): " + notDownloaded);
        for (Plugin plugin : plugins) {
            assertTrue(compare(plugin.minimumMaven(), DEBIAN_MAVEN) <= 0, plugin + " does not run on Maven " + DEBIAN_MAVEN);
        }
        String oldest = plugins.stream().map(Plugin::minimumMaven).max(MavenVersionsTest::compare).orElseThrow();
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        Matcher claim = Pattern.compile("An installed Maven (\\d+\\.\\d+\\.\\d+) or later").matcher(readme);
        assertTrue(claim.find(), "README.md names no Maven version");
        assertEquals(oldest, claim.group(1), "README.md names Maven " + claim.group(1) + ", the plugins need " + oldest + ": " + plugins);
        assertFalse(readme.contains("exec-maven-plugin:3.7"), "README.md");
    }

    @Test
    void versionsCompareAsMavenDoes() {
        assertTrue(compare("3.9.0", "3.8.7") > 0);
        assertTrue(compare("3.6.3", "3.8.7") < 0);
        assertTrue(compare("3.10.0", "3.9.11") > 0);
        assertEquals(0, compare("3.8.7", "3.8.7"));
    }

    private static int compare(String a, String b) {
        Comparator<int[]> numbers = Arrays::compare;
        return numbers.compare(parts(a), parts(b));
    }

    private static int[] parts(String version) {
        return Arrays.stream(version.split("\\.")).mapToInt(Integer::parseInt).toArray();
    }

    private static Path pom(Path repository, String group, String artifact, String version) {
        return repository.resolve(group.replace('.', '/')).resolve(artifact).resolve(version).resolve(artifact + "-" + version + ".pom");
    }

    /**
     * What Maven 3.8 checks before it runs a plugin: the prerequisites of the plugin's pom (they
     * replace the requiredMavenVersion of its descriptor), a property filled in from the pom or its
     * parents; 2.0 where none is declared.
     */
    private static String prerequisite(Path repository, Path pom) throws Exception {
        NodeList prerequisites = xml(pom).getElementsByTagName("prerequisites");
        if (prerequisites.getLength() == 0) {
            return "2.0";
        }
        String value = text((Element) prerequisites.item(0), "maven", "2.0");
        for (Matcher property = PROPERTY.matcher(value); property.matches(); property = PROPERTY.matcher(value)) {
            value = property(repository, pom, property.group(1));
        }
        return value;
    }

    /** A property of {@code pom}, or of its nearest parent that sets it. */
    private static String property(Path repository, Path pom, String name) throws Exception {
        Element project = xml(pom).getDocumentElement();
        NodeList properties = project.getElementsByTagName("properties");
        for (int i = 0; i < properties.getLength(); i++) {
            Element block = (Element) properties.item(i);
            // Only the pom's own properties, not those of its profiles.
            if (block.getParentNode() == project && text(block, name, null) != null) {
                return text(block, name, null);
            }
        }
        NodeList parents = project.getElementsByTagName("parent");
        assertTrue(parents.getLength() > 0, "no parent of " + pom + " sets " + name);
        Element parent = (Element) parents.item(0);
        Path parentPom = pom(repository, text(parent, "groupId", null), text(parent, "artifactId", null), text(parent, "version", null));
        assertTrue(Files.isRegularFile(parentPom), parentPom + " is not downloaded");
        return property(repository, parentPom, name);
    }

    private static Document xml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    /** The text of {@code element}'s own child {@code name}, or {@code otherwise}. */
    private static String text(Element element, String name, String otherwise) {
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child && child.getTagName().equals(name)) {
                return child.getTextContent().strip();
            }
        }
        return otherwise;
    }
}
