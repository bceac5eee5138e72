package org.sigmoidbook.book.run;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.ReadOnlyFileSystemException;

/**
 * One readable line for what went wrong. Java's file errors carry little more than a path ("/x: /x",
 * "a -> b"); here they say what happened to which file.
 */
final class Problems {

    /** Printed once after a run in which a chapter ran out of memory. */
    static final String MORE_MEMORY = "The book ran out of Java heap memory: give it more with -Xmx, for example "
            + "MAVEN_OPTS=-Xmx4g ./mvnw -q compile exec:java (look for a smaller -Xmx in JAVA_TOOL_OPTIONS, MAVEN_OPTS and .mvn/jvm.config)";

    private Problems() {
    }

    static String describe(Throwable problem) {
        if (problem instanceof UncheckedIOException unchecked && unchecked.getCause() != null) {
            return describe(unchecked.getCause());
        }
        if (problem instanceof OutOfMemoryError) {
            return "out of Java heap memory (" + problem.getMessage() + "; the heap's limit is "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB)";
        }
        if (problem instanceof FileSystemException files) {
            String what = files.getFile() + (files.getOtherFile() == null ? "" : " (moving it to " + files.getOtherFile() + ")");
            return what + ": " + (files.getReason() != null ? files.getReason() : reasonOf(files));
        }
        if (problem instanceof ReadOnlyFileSystemException) {
            return "the file system is read-only";
        }
        String message = problem.getMessage();
        return message == null || message.isBlank() ? problem.getClass().getSimpleName() : message;
    }

    /** Whether {@code problem}, or what caused it, is the JVM running out of memory. */
    static boolean outOfMemory(Throwable problem) {
        for (Throwable cause = problem; cause != null; cause = cause.getCause()) {
            if (cause instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    /** Why a file operation failed, without the file: "no such file or folder", "permission denied". */
    static String reason(Throwable problem) {
        if (problem instanceof FileSystemException files) {
            return files.getReason() != null ? files.getReason() : reasonOf(files);
        }
        return describe(problem);
    }

    private static String reasonOf(FileSystemException problem) {
        if (problem instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (problem instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (problem instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (problem instanceof NotDirectoryException) {
            return "not a folder";
        }
        return problem.getClass().getSimpleName();
    }
}
