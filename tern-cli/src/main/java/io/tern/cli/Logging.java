package io.tern.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** The log level of the {@code tern} command (Logback, configured by {@link LogConfigurator}). */
public final class Logging {
    private Logging() {
    }

    /**
     * Logs at {@code level} ({@code error}, {@code warn}, {@code info}, {@code debug} or {@code trace})
     * from now on. Netty's own debug messages stay out unless the level is {@code trace}.
     */
    public static void setLevel(String level) {
        Level chosen = Level.toLevel(level, Level.INFO);
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            root.setLevel(chosen);
        }
        if (LoggerFactory.getLogger("io.netty") instanceof Logger netty) {
            netty.setLevel(chosen.isGreaterOrEqual(Level.INFO) || chosen == Level.TRACE ? chosen : Level.INFO);
        }
    }
}
