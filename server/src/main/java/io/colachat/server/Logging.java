package io.colachat.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.colachat.server.config.ServerConfig;
import org.slf4j.LoggerFactory;

/** Applies the logging settings to Logback at start-up. */
final class Logging {

    private Logging() {
    }

    static void configure(ServerConfig cfg) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
            ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(cfg.logLevel().name(), Level.INFO));
        }
    }
}
