package org.sigmoidbook.runtime;

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
}
