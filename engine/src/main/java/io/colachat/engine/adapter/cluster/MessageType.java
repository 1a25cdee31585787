package io.colachat.engine.adapter.cluster;

/**
 * The closed vocabulary of messages between the adapters of one namespace on different nodes.
 * Each type has a fixed one-byte wire code; codes are never reused, so a node that meets a code
 * it does not know (a newer peer) drops that message instead of misreading it.
 */
public enum MessageType {

    /** Sent once when an adapter starts; every peer answers with a {@link #HEARTBEAT}. */
    INITIAL_HEARTBEAT(1),
    /** "I am alive": sent when a node has published nothing else for a heartbeat interval. */
    HEARTBEAT(2),
    /** Encoded packets for the sockets matching some options. */
    BROADCAST(3),
    /** The sockets matching some options join rooms. */
    SOCKETS_JOIN(4),
    /** The sockets matching some options leave rooms. */
    SOCKETS_LEAVE(5),
    /** The sockets matching some options are disconnected. */
    DISCONNECT_SOCKETS(6),
    /** A request: each peer answers with the ids and rooms of its matching sockets. */
    FETCH_SOCKETS(7),
    /** One peer's answer to {@link #FETCH_SOCKETS}. */
    FETCH_SOCKETS_RESPONSE(8),
    /** A request: each peer answers with the number of its matching sockets. */
    COUNT_SOCKETS(9),
    /** One peer's answer to {@link #COUNT_SOCKETS}. */
    COUNT_SOCKETS_RESPONSE(10),
    /** "I am leaving": peers stop waiting for this node's answers at once. */
    ADAPTER_CLOSE(11);

    private static final MessageType[] BY_CODE = new MessageType[16];

    static {
        for (MessageType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;

    MessageType(int code) {
        this.code = code;
    }

    /** The wire code, 1 to 15. */
    public int code() {
        return code;
    }

    /** Whether this is an answer routed back to one requesting node. */
    public boolean isResponse() {
        return this == FETCH_SOCKETS_RESPONSE || this == COUNT_SOCKETS_RESPONSE;
    }

    /** The type of a wire code, or null when the code is unknown. */
    public static MessageType fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
