package io.colachat.server.config;

/** How log lines are written: {@code text} for people, {@code json} (one object a line) for collectors. */
public enum LogFormat {
    TEXT,
    JSON
}
