package io.colachat.bench.loadgen;

/**
 * Scenario hooks, called on the connection's event loop. The common accounting (latency, deliveries,
 * order, presence, bytes) is done by {@link SioConnection} before these run; implement only what a
 * scenario needs. The byte arrays are scratch space, valid only during the call.
 */
public interface ClientListener {

    /** The namespace is connected (Socket.IO) or the websocket is open (raw). */
    default void onReady(SioConnection c) {
    }

    /** A {@code joinRoom} acknowledgement; {@code json} holds the envelope in {@code [from, to)}. */
    default void onJoinAck(SioConnection c, boolean ok, byte[] json, int from, int to) {
    }

    /** An event frame other than the ones counted for you; payload in {@code [from, to)}. */
    default void onEvent(SioConnection c, Event event, byte[] frame, int from, int to) {
    }

    /**
     * A {@code sendMessage} ({@code alert} false) or {@code sendAlert} (true) frame whose message id is
     * {@code id}, after the common accounting.
     */
    default void onStored(SioConnection c, boolean alert, long id) {
    }

    /** An acknowledgement other than a join's; {@code json} holds the envelope in {@code [from, to)}. */
    default void onAck(SioConnection c, long ackId, boolean ok, byte[] json, int from, int to) {
    }

    /** The connection could not be opened or failed before it was ready (may be called more than once). */
    default void onFailed(SioConnection c, Throwable cause) {
    }

    /** The connection is gone. */
    default void onClosed(SioConnection c) {
    }

    ClientListener NONE = new ClientListener() {
    };
}
