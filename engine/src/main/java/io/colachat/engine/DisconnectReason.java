package io.colachat.engine;

import io.colachat.engine.eio.EioCloseReason;

/** Why a socket left its namespace: Socket.IO's closed vocabulary, with its wire strings. */
public enum DisconnectReason {
    TRANSPORT_CLOSE("transport close"),
    TRANSPORT_ERROR("transport error"),
    PING_TIMEOUT("ping timeout"),
    PARSE_ERROR("parse error"),
    FORCED_CLOSE("forced close"),
    SLOW_CONSUMER("slow consumer"),
    SERVER_SHUTTING_DOWN("server shutting down"),
    /** The server called {@link Socket#disconnect(boolean)}. */
    SERVER_NAMESPACE_DISCONNECT("server namespace disconnect"),
    /** The client sent DISCONNECT for this namespace. */
    CLIENT_NAMESPACE_DISCONNECT("client namespace disconnect");

    private final String wireName;

    DisconnectReason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    static DisconnectReason of(EioCloseReason reason) {
        return switch (reason) {
            case TRANSPORT_CLOSE -> TRANSPORT_CLOSE;
            case TRANSPORT_ERROR -> TRANSPORT_ERROR;
            case PING_TIMEOUT -> PING_TIMEOUT;
            case PARSE_ERROR -> PARSE_ERROR;
            case FORCED_CLOSE -> FORCED_CLOSE;
            case SLOW_CONSUMER -> SLOW_CONSUMER;
            case SERVER_SHUTDOWN -> SERVER_SHUTTING_DOWN;
        };
    }
}
