package org.sigmoidbook.book.run;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.sigmoidbook.runtime.AtomicFiles;

/**
 * Files written for one chapter, kept in a staging folder beside the outputs until the chapter has
 * finished, then put in place all or nothing: every target folder is checked before the first
 * move, the files they replace are kept aside (as hard links), and if a move fails anyway the new
 * files already placed are taken back and the old ones restored. Each file is replaced by an atomic
 * rename, so a reader sees the old file or the new one, never a mix or a gap. A chapter that fails, or a run that is killed, leaves the
 * previous outputs as they were.
 */
final class Staging {

    static final String PREFIX = ".staging-";

    private final Path outDir;
    private final Path root;
    private final Set<Path> files = new LinkedHashSet<>();

    Staging(Path outDir, String label) {
        this.outDir = outDir;
        this.root = outDir.resolve(PREFIX + label + "-" + ProcessHandle.current().pid());
    }

    /** Where to write the output {@code relative} (to the output folder) until it is committed. */
    synchronized Path file(Path relative) throws IOException {
        Path staged = root.resolve(relative);
        Files.createDirectories(staged.getParent());
        files.add(relative);
        return staged;
    }

    /** The staging copy of the output folder {@code relative}, where staged files can be read back. */
    Path folder(Path relative) {
        return root.resolve(relative);
    }

    /** Puts every staged file in place and returns the targets, or changes nothing and throws. */
    synchronized List<Path> commit() throws IOException {
        for (Path relative : files) {
            checkTarget(outDir.resolve(relative));
        }
        Path backup = root.resolve(".replaced");
        List<Path> replaced = new ArrayList<>();
        List<Path> placed = new ArrayList<>();
        try {
            for (Path relative : files) {
                Path target = outDir.resolve(relative);
                if (Files.exists(target)) {
                    keepAside(target, backup.resolve(relative));
                    replaced.add(relative);
                }
            }
            for (Path relative : files) {
                AtomicFiles.moveInto(root.resolve(relative), outDir.resolve(relative));
                placed.add(relative);
            }
        } catch (IOException | RuntimeException e) {
            rollBack(placed, replaced, backup, e);
            throw e;
        }
        discard();
        return files.stream().map(outDir::resolve).toList();
    }

    void discard() throws IOException {
        AtomicFiles.deleteTree(root);
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

    private void rollBack(List<Path> placed, List<Path> replaced, Path backup, Exception cause) {
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
        for (Path relative : replaced) {
            try {
                AtomicFiles.moveInto(backup.resolve(relative), outDir.resolve(relative));
            } catch (IOException e) {
                cause.addSuppressed(e);
            }
        }
    }
}
