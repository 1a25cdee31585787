package io.colachat.server.store;

/** A stored message's kind, as in the contract: a chatter wrote it, or the server did. */
public enum MessageType {
    /** Written by a chatter. */
    MESSAGE,
    /** Written by the server; carries an {@link AlertKind}. */
    ALERT
}
