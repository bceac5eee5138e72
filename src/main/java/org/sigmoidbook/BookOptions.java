package org.sigmoidbook;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The runner's command line, parsed and validated before anything runs or is written. */
public record BookOptions(List<String> chapterIds, boolean list, boolean quick, long seed,
                          Path outDir, boolean show, boolean verbose) {

    public static final long DEFAULT_SEED = 42L;

    public static final String USAGE = "usage: [CHAPTER-ID ...] [--list] [--quick] [--seed N] [--out DIR] [--show] [--verbose]";

    public static BookOptions parse(String... args) {
        Set<String> ids = new LinkedHashSet<>();
        Set<String> flagsSeen = new HashSet<>();
        boolean list = false, quick = false, show = false, verbose = false;
        long seed = DEFAULT_SEED;
        Path out = Path.of("");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("-") && !flagsSeen.add(arg)) {
                throw new UsageException("flag " + arg + " is given twice");
            }
            switch (arg) {
                case "--list" -> list = true;
                case "--quick" -> quick = true;
                case "--show" -> show = true;
                case "--verbose" -> verbose = true;
                case "--seed" -> seed = parseSeed(valueOf(args, ++i, "--seed"));
                case "--out" -> out = Path.of(valueOf(args, ++i, "--out"));
                default -> {
                    if (arg.startsWith("-")) {
                        throw new UsageException("unknown flag " + arg);
                    }
                    if (Chapters.byId(arg).isEmpty()) {
                        throw new UsageException("unknown chapter id '" + arg + "'");
                    }
                    if (!ids.add(arg)) {
                        throw new UsageException("chapter id '" + arg + "' is given twice");
                    }
                }
            }
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UsageException("--out " + out + " is a file, not a folder");
        }
        return new BookOptions(new ArrayList<>(ids), list, quick, seed, out, show, verbose);
    }

    /** The chapters to run, always in book order whatever order they were named in. */
    public List<Chapter> chapters() {
        if (chapterIds.isEmpty()) {
            return Chapters.ALL;
        }
        return Chapters.ALL.stream().filter(c -> chapterIds.contains(c.id())).toList();
    }

    private static String valueOf(String[] args, int index, String flag) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new UsageException(flag + " needs a value");
        }
        return args[index];
    }

    private static long parseSeed(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new UsageException("--seed needs a whole number, not '" + text + "'");
        }
    }
}
