package io.colachat.server.config;

/** The root log level; names match SLF4J and Logback ({@code Level.toLevel(level.name())}). */
public enum LogLevel {
    TRACE,
    DEBUG,
    INFO,
    WARN,
    ERROR,
    OFF
}
