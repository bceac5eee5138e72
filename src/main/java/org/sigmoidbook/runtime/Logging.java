package org.sigmoidbook.runtime;

import java.util.function.Supplier;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** The book is quiet by default (warnings only); {@code --verbose} brings back ND4J's INFO chatter. */
public final class Logging {

    private Logging() {
    }

    public static void configure(boolean verbose) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(verbose ? Level.INFO : Level.WARN);
    }

    /**
     * Runs {@code action} with the logger {@code name} raised to ERROR, for a library warning the book
     * has checked to be harmless; the logger's level is restored afterwards.
     */
    public static <T> T withoutWarnings(String name, Supplier<T> action) {
        Logger logger = (Logger) LoggerFactory.getLogger(name);
        Level previous = logger.getLevel();
        logger.setLevel(Level.ERROR);
        try {
            return action.get();
        } finally {
            logger.setLevel(previous);
        }
    }
}
