package io.colachat.server.store;

/** What an {@link MessageType#ALERT} announces. */
public enum AlertKind {
    JOIN,
    LEAVE,
    RENAME
}
