package io.colachat.engine.eio;

/** Why an Engine.IO session ended: a closed vocabulary, with the wire strings Socket.IO uses. */
public enum EioCloseReason {
    /** The client closed the connection or sent a CLOSE packet. */
    TRANSPORT_CLOSE("transport close"),
    /** The connection failed (reset, protocol violation at the transport level). */
    TRANSPORT_ERROR("transport error"),
    /** No PONG within pingInterval + pingTimeout. */
    PING_TIMEOUT("ping timeout"),
    /** The client sent a packet that could not be decoded. */
    PARSE_ERROR("parse error"),
    /** The server closed the session on purpose. */
    FORCED_CLOSE("forced close"),
    /** The client did not read fast enough and its outbound buffer passed the high-water mark. */
    SLOW_CONSUMER("slow consumer"),
    /** The server is shutting down. */
    SERVER_SHUTDOWN("server shutting down");

    private final String wireName;

    EioCloseReason(String wireName) {
        this.wireName = wireName;
    }

    /** The reason as Socket.IO's servers name it, for example {@code "ping timeout"}. */
    public String wireName() {
        return wireName;
    }
}
