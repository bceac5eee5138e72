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

    private Problems() {
    }

    static String describe(Throwable problem) {
        if (problem instanceof UncheckedIOException unchecked && unchecked.getCause() != null) {
            return describe(unchecked.getCause());
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
