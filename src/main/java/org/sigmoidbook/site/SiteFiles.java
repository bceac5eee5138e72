package org.sigmoidbook.site;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.sigmoidbook.runtime.Staging;

/**
 * The files a site build owns in the site's folder, listed in {@value #RECORD} there: the next build
 * replaces them, removes those it no longer writes, and never touches any other file, so the folder
 * may be a gh-pages checkout with its {@code .git} and {@code CNAME}. Files are readable by all
 * (0644, folders 0755) whatever the umask, as a web server running as another user needs.
 */
final class SiteFiles {

    static final String RECORD = ".sigmoidbook-site";
    private static final int SHOWN = 5;

    private SiteFiles() {
    }

    /**
     * Puts the files written under {@code staging}'s folder in place in {@code target}, all or
     * nothing, and removes the files of the previous build that this one did not write.
     */
    static void place(Path target, Staging staging) throws IOException, SiteException {
        Path staged = staging.folder(Path.of(""));
        List<String> written = filesUnder(staged);
        Set<String> owned = owned(target, written);
        List<String> conflicts = written.stream()
                .filter(file -> !owned.contains(file) && Files.exists(target.resolve(file), LinkOption.NOFOLLOW_LINKS)).toList();
        if (!conflicts.isEmpty()) {
            throw SiteException.usage(target + " holds files that the site would overwrite and that no earlier build of the site wrote: "
                    + shown(conflicts) + ". Move them away, or name another folder for the site");
        }
        for (String file : written) {
            readableByAll(staging.file(Path.of(file)), false);
            createFolders(target.resolve(file).getParent());
        }
        Set<String> gone = new TreeSet<>(owned);
        written.forEach(gone::remove);
        gone.forEach(file -> staging.remove(Path.of(file)));
        Path record = staging.file(Path.of(RECORD));
        Files.writeString(record, String.join("\n", written) + "\n", StandardCharsets.UTF_8);
        readableByAll(record, false);
        staging.commit();
        for (String file : gone) {
            removeEmptyFolders(target, target.resolve(file).getParent());
        }
    }

    /** Creates {@code folder} and its missing parents, readable by all; folders that exist are left as they are. */
    static void createFolders(Path folder) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path f = folder; f != null && !Files.exists(f); f = f.getParent()) {
            missing.add(0, f);
        }
        Files.createDirectories(folder);
        for (Path created : missing) {
            readableByAll(created, true);
        }
    }

    /**
     * The files of the previous build: those {@value #RECORD} lists; for a site written before sites
     * kept a record (its contents page names the book as its generator), those of its files that
     * this build writes again; else none.
     */
    private static Set<String> owned(Path target, List<String> written) throws IOException {
        Path record = target.resolve(RECORD);
        Set<String> owned = new LinkedHashSet<>();
        if (Files.isRegularFile(record)) {
            for (String line : Files.readAllLines(record, StandardCharsets.UTF_8)) {
                Path file = Path.of(line.strip());
                // A record edited to point outside the site must not make the build remove files there.
                if (!line.isBlank() && !file.isAbsolute() && file.normalize().equals(file) && !file.startsWith("..")) {
                    owned.add(line.strip());
                }
            }
        } else if (Site.isSite(target)) {
            written.stream().filter(file -> Files.isRegularFile(target.resolve(file))).forEach(owned::add);
        }
        return owned;
    }

    private static List<String> filesUnder(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).map(file -> SiteLinks.sitePath(folder, file)).sorted().toList();
        }
    }

    private static void removeEmptyFolders(Path target, Path folder) throws IOException {
        for (Path f = folder; f != null && f.startsWith(target) && !f.equals(target); f = f.getParent()) {
            try {
                Files.deleteIfExists(f);
            } catch (DirectoryNotEmptyException e) {
                return;
            }
        }
    }

    static void readableByAll(Path path, boolean folder) throws IOException {
        if (Files.getFileAttributeView(path, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(folder ? "rwxr-xr-x" : "rw-r--r--"));
        }
    }

    private static String shown(List<String> files) {
        String first = String.join(", ", files.subList(0, Math.min(SHOWN, files.size())));
        return files.size() > SHOWN ? first + " (and " + (files.size() - SHOWN) + " more)" : first;
    }
}
