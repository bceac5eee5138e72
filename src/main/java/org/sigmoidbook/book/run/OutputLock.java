package org.sigmoidbook.book.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sigmoidbook.runtime.AtomicFiles;

/**
 * One run at a time per output folder. Two runs writing the same figures would replace each other's
 * files half-way, so a second run is refused with a message naming the first. Holding the lock, a
 * run may clear staging folders left by runs that were killed: their processes are gone.
 */
final class OutputLock implements AutoCloseable {

    static final String FILE_NAME = ".sigmoidbook.lock";
    private static final Pattern STAGING_PID = Pattern.compile(Pattern.quote(Staging.PREFIX) + ".*-(\\d+)");

    /** Another run holds the folder. */
    static final class BusyException extends IOException {
        BusyException(String message) {
            super(message);
        }
    }

    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static OutputLock acquire(Path outDir) throws IOException {
        Files.createDirectories(outDir);
        Path file = outDir.resolve(FILE_NAME);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
            channel.close();
            throw new BusyException("another run of the book" + (holder.isEmpty() ? "" : " (process " + holder + ")")
                    + " is writing to " + outDir + "; wait for it to finish, or give this run its own --out folder");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
        channel.force(false);
        OutputLock held = new OutputLock(channel, lock);
        held.clearDeadStaging(outDir);
        return held;
    }

    private void clearDeadStaging(Path outDir) throws IOException {
        try (var folders = Files.newDirectoryStream(outDir, Staging.PREFIX + "*")) {
            for (Path folder : folders) {
                Matcher pid = STAGING_PID.matcher(folder.getFileName().toString());
                boolean alive = pid.matches() && ProcessHandle.of(Long.parseLong(pid.group(1))).map(ProcessHandle::isAlive).orElse(false);
                if (!alive) {
                    AtomicFiles.deleteTree(folder);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
