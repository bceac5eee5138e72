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

import org.sigmoidbook.runtime.Staging;

/**
 * One writer or several readers per output folder. Two runs writing the same figures would replace
 * each other's files half-way, and a site built while a run writes would show one run's text beside
 * another's figures: a run takes the folder's lock for writing, {@code --site} for reading, and a
 * second one that cannot have it is refused with a message naming the first. Holding the lock for
 * writing, a run may clear staging folders left by runs that were killed: their processes are gone.
 */
final class OutputLock implements AutoCloseable {

    static final String FILE_NAME = ".sigmoidbook.lock";

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

    /** The lock of a run that writes {@code outDir}, which it creates if need be; the lock file names the run's process. */
    static OutputLock forWriting(Path outDir) throws IOException {
        Files.createDirectories(outDir);
        Path file = outDir.resolve(FILE_NAME);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock = tryLock(channel, false);
        if (lock == null) {
            channel.close();
            throw busy(outDir, file, "writing to");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
        channel.force(false);
        Staging.clearDead(outDir);
        return new OutputLock(channel, lock);
    }

    /**
     * The lock of a reader of {@code outDir}, shared with other readers. A folder that no run has
     * written (no lock file) and that this process cannot write either cannot be written while it
     * reads: then no lock is needed, and the result holds none.
     */
    static OutputLock forReading(Path outDir) throws IOException {
        Path file = outDir.resolve(FILE_NAME);
        if (!Files.exists(file) && !Files.isWritable(outDir)) {
            return new OutputLock(null, null);
        }
        FileChannel channel = Files.exists(file) && !Files.isWritable(file)
                ? FileChannel.open(file, StandardOpenOption.READ)
                : FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock = tryLock(channel, true);
        if (lock == null) {
            channel.close();
            throw busy(outDir, file, "writing to");
        }
        return new OutputLock(channel, lock);
    }

    private static FileLock tryLock(FileChannel channel, boolean shared) throws IOException {
        try {
            return channel.tryLock(0, Long.MAX_VALUE, shared);
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    /** Names the holder's process where the lock file names a live one: a writer's does while it writes, readers' never. */
    private static BusyException busy(Path outDir, Path file, String doing) throws IOException {
        String pid = Files.readString(file, StandardCharsets.UTF_8).strip();
        boolean writer = pid.matches("\\d+") && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        String holder = writer ? "another run of the book (process " + pid + ") is " + doing + " " + outDir
                : "another run of the book, or a --site build reading it, is using " + outDir;
        return new BusyException(holder + "; wait for it to finish, or give this run its own --out folder");
    }

    /** A writer empties the lock file before letting go, so that it names a process only while one writes. */
    @Override
    public void close() throws IOException {
        if (lock == null) {
            return;
        }
        if (!lock.isShared()) {
            channel.truncate(0);
        }
        lock.release();
        channel.close();
    }
}
