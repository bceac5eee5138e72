package org.sigmoidbook.book.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.google.gson.GsonBuilder;
import org.sigmoidbook.runtime.Versions;

/**
 * How a chapter's results were made, written beside them as {@code data/<id>/run-manifest.json}:
 * chapter, seed, mode, backend and the versions of Java and the libraries. No date: a run that
 * reproduces the committed results must leave the files, and git, unchanged.
 */
final class Manifest {

    static final String FILE_NAME = "run-manifest.json";

    private Manifest() {
    }

    static void write(Path file, String chapterId, long seed, boolean quick, String backend) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("chapter", chapterId);
        entries.put("seed", Long.toString(seed));
        entries.put("mode", quick ? "quick" : "full");
        entries.put("backend", backend);
        entries.putAll(Versions.all());
        String json = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(entries);
        Files.writeString(file, json + "\n", StandardCharsets.UTF_8);
    }
}
