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

    /** The connection is gone. */
    default void onClosed(SioConnection c) {
    }

    ClientListener NONE = new ClientListener() {
    };
}
