package org.sigmoidbook.runtime;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Files written for one piece of work (a chapter, the site), kept in a staging folder inside the
 * output folder until the work has finished, then put in place all or nothing: every target folder
 * is checked before the first move, the files they replace or remove are kept aside (as hard
 * links), and if a move fails anyway the new files already placed are taken back and the old ones
 * restored. Each file is replaced by an atomic rename, so a reader sees the old file or the new one,
 * never a mix or a gap. Work that fails, or a process that is killed, leaves the previous outputs as
 * they were; the staging folder of a dead process is removed by {@link #clearDead}.
 */
public final class Staging {

    public static final String PREFIX = ".staging-";
    private static final Pattern PID = Pattern.compile(Pattern.quote(PREFIX) + ".*-(\\d+)");

    private final Path outDir;
    private final Path root;
    private final Set<Path> files = new LinkedHashSet<>();
    private final Set<Path> removals = new LinkedHashSet<>();

    public Staging(Path outDir, String label) {
        this.outDir = outDir;
        this.root = outDir.resolve(PREFIX + label + "-" + ProcessHandle.current().pid());
    }

    /** Where to write the output {@code relative} (to the output folder) until it is committed. */
    public synchronized Path file(Path relative) throws IOException {
        Path staged = root.resolve(relative);
        Files.createDirectories(staged.getParent());
        files.add(relative);
        removals.remove(relative);
        return staged;
    }

    /** Removes the output {@code relative}, where it exists, when the staged files are put in place. */
    public synchronized void remove(Path relative) {
        if (!files.contains(relative)) {
            removals.add(relative);
        }
    }

    /** The staging copy of the output folder {@code relative}, where staged files can be read back. */
    public Path folder(Path relative) {
        return root.resolve(relative);
    }

    /** Puts every staged file in place, removes what was to be removed, and returns the targets; or changes nothing and throws. */
    public synchronized List<Path> commit() throws IOException {
        for (Path relative : files) {
            checkTarget(outDir.resolve(relative));
        }
        Path backup = root.resolve(".replaced");
        List<Path> replaced = new ArrayList<>();
        List<Path> placed = new ArrayList<>();
        List<Path> removed = new ArrayList<>();
        try {
            for (Path relative : files) {
                Path target = outDir.resolve(relative);
                if (Files.exists(target)) {
                    keepAside(target, backup.resolve(relative));
                    replaced.add(relative);
                }
            }
            for (Path relative : removals) {
                Path target = outDir.resolve(relative);
                if (Files.isRegularFile(target)) {
                    keepAside(target, backup.resolve(relative));
                    removed.add(relative);
                }
            }
            for (Path relative : files) {
                AtomicFiles.moveInto(root.resolve(relative), outDir.resolve(relative));
                placed.add(relative);
            }
            for (Path relative : removed) {
                Files.delete(outDir.resolve(relative));
            }
        } catch (IOException | RuntimeException e) {
            rollBack(placed, replaced, removed, backup, e);
            throw e;
        }
        discard();
        return files.stream().map(outDir::resolve).toList();
    }

    public void discard() throws IOException {
        AtomicFiles.deleteTree(root);
    }

    /** Removes the staging folders in {@code outDir} whose process is gone; those of live processes stay. */
    public static void clearDead(Path outDir) throws IOException {
        try (var folders = Files.newDirectoryStream(outDir, PREFIX + "*")) {
            for (Path folder : folders) {
                Matcher pid = PID.matcher(folder.getFileName().toString());
                boolean alive = pid.matches() && ProcessHandle.of(Long.parseLong(pid.group(1))).map(ProcessHandle::isAlive).orElse(false);
                if (!alive) {
                    AtomicFiles.deleteTree(folder);
                }
            }
        }
    }

    private static void keepAside(Path target, Path copy) throws IOException {
        Files.createDirectories(copy.getParent());
        try {
            Files.createLink(copy, target);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(target, copy);
        }
    }

    private static void checkTarget(Path target) throws IOException {
        Path folder = target.getParent();
        Files.createDirectories(folder);
        if (!Files.isWritable(folder)) {
            throw new AccessDeniedException(folder.toString(), null, "folder is not writable");
        }
        if (Files.isDirectory(target)) {
            throw new FileSystemException(target.toString(), null, "is a folder, where a file should go");
        }
    }

    /** Takes back what was placed and puts back what was replaced or removed; a failure here is added to {@code cause}. */
    private void rollBack(List<Path> placed, List<Path> replaced, List<Path> removed, Path backup, Exception cause) {
        for (Path relative : placed) {
            if (replaced.contains(relative)) {
                continue;
            }
            try {
                Files.deleteIfExists(outDir.resolve(relative));
            } catch (IOException e) {
                cause.addSuppressed(e);
            }
        }
        List<Path> restore = new ArrayList<>(replaced);
        restore.addAll(removed);
        for (Path relative : restore) {
            try {
                AtomicFiles.moveInto(backup.resolve(relative), outDir.resolve(relative));
            } catch (IOException e) {
                cause.addSuppressed(e);
            }
        }
    }
}
