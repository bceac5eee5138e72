package org.sigmoidbook.book.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import org.sigmoidbook.runtime.Versions;

/**
 * How a chapter's results were made, written beside them as {@code data/<id>/run-manifest.json}:
 * chapter, seed, mode, backend, the versions of Java and the libraries, and the SHA-256 checksum of
 * every table the run wrote. {@code --replot} compares the tables with their checksums, so that a
 * damaged or edited table, or one copied in from another run, is named instead of drawn. No date:
 * a run that reproduces the committed results must leave the files, and git, unchanged.
 */
record Manifest(String chapter, String seed, String mode, Map<String, String> tables) {

    static final String FILE_NAME = "run-manifest.json";
    private static final String TABLES = "tables";
    private static final String QUICK = "quick";

    /** Writes the manifest of the tables in {@code dataDir} (every {@code *.csv} there, as this run wrote them). */
    static void write(Path dataDir, String chapterId, long seed, boolean quick, String backend) throws IOException {
        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put("chapter", chapterId);
        entries.put("seed", Long.toString(seed));
        entries.put("mode", quick ? QUICK : "full");
        entries.put("backend", backend);
        entries.putAll(Versions.all());
        entries.put(TABLES, checksums(dataDir));
        String json = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(entries);
        Files.writeString(dataDir.resolve(FILE_NAME), json + "\n", StandardCharsets.UTF_8);
    }

    /**
     * The manifest in {@code dataDir}; its {@code tables} is null when it records no checksums (a
     * manifest written before they were recorded).
     */
    static Manifest read(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "missing: these tables do not say which run wrote them");
        }
        try {
            JsonObject json = new JsonParser().parse(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
            Map<String, String> tables = null;
            if (json.has(TABLES)) {
                tables = new TreeMap<>();
                for (Map.Entry<String, JsonElement> table : json.getAsJsonObject(TABLES).entrySet()) {
                    tables.put(table.getKey(), table.getValue().getAsString());
                }
            }
            return new Manifest(text(json, "chapter"), text(json, "seed"), text(json, "mode"), tables);
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
            throw new IOException(file + " is damaged (" + e.getMessage() + ")", e);
        }
    }

    /**
     * How the tables in {@code dataDir} differ from those this manifest's run wrote: one line per
     * file that is missing, changed, or was not written by that run; empty when they are the same.
     */
    List<String> differences(Path dataDir) throws IOException {
        Map<String, String> now = checksums(dataDir);
        List<String> differences = new ArrayList<>();
        tables.forEach((file, checksum) -> {
            if (!now.containsKey(file)) {
                differences.add(file + " is missing");
            } else if (!now.get(file).equals(checksum)) {
                differences.add(file + " has changed");
            }
        });
        now.keySet().stream().filter(file -> !tables.containsKey(file)).forEach(file -> differences.add(file + " was not written by that run"));
        return differences;
    }

    /** Whether the run that wrote the tables was a quick one. */
    boolean quick() {
        return mode.equals(QUICK);
    }

    /** The run in a few words: "seed 42, full mode". */
    String run() {
        return "seed " + seed + ", " + mode + " mode";
    }

    private static Map<String, String> checksums(Path dataDir) throws IOException {
        Map<String, String> checksums = new TreeMap<>();
        try (Stream<Path> files = Files.list(dataDir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".csv")).toList()) {
                checksums.put(file.getFileName().toString(), sha256(Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
        return checksums;
    }

    /** Of the text with its lines ending in LF: git on Windows checks text out with CRLF, and that is no change to a table. */
    private static String sha256(String text) {
        byte[] bytes = text.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static String text(JsonObject json, String key) {
        return json.has(key) ? json.get(key).getAsString() : "unknown";
    }
}
