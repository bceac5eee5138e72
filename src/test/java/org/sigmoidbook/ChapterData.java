package org.sigmoidbook;

import java.nio.file.Path;
import java.util.List;

import org.sigmoidbook.book.Results;
import org.sigmoidbook.runtime.ProjectRoot;

/**
 * One chapter's outputs in an output folder, as a test reads them: its tables as the records the
 * chapter wrote them with, its findings, its figures and its page. {@link QuickBook#chapter} gives
 * those of the shared quick run, {@link #committed} those committed to the project.
 */
public record ChapterData(Path dir, String id) {

    /** The committed results of chapter {@code id}: the full run that its page is written from. */
    public static ChapterData committed(String id) {
        return new ChapterData(ProjectRoot.get(), id);
    }

    public Results results() {
        return new Results(dir.resolve("data").resolve(id));
    }

    public <R extends Record> List<R> rows(String table, Class<R> type) {
        return results().rows(table, type);
    }

    /** A finding's text exactly as the chapter reported it. */
    public String text(String finding) {
        return results().finding(finding);
    }

    /** A numeric finding's value. */
    public double finding(String name) {
        return results().value(name);
    }

    public Path data(String file) {
        return dir.resolve("data").resolve(id).resolve(file);
    }

    public Path figure(String file) {
        return dir.resolve("figures").resolve(id).resolve(file);
    }
}
