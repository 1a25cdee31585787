package io.colachat.engine.adapter.cluster;

/**
 * What a cluster adapter reports: peers coming and going, and messages that could not be sent or
 * read. Every method defaults to a no-op. Callbacks run on the bus's I/O thread or the adapter's
 * timer thread: keep them short and never block in them.
 *
 * <pre>{@code
 * ClusterListener metrics = new ClusterListener() {
 *     public void publishFailed(String namespace, MessageType type, Throwable cause) {
 *         failures.increment();
 *     }
 * };
 * }</pre>
 */
public interface ClusterListener {

    /** A peer's adapter for {@code namespace} was heard from for the first time (or again after being lost). */
    default void nodeUp(String namespace, String nodeId) {
    }

    /**
     * A peer's adapter for {@code namespace} closed, or stayed silent past the heartbeat timeout.
     * Pending requests stop waiting for it.
     */
    default void nodeDown(String namespace, String nodeId) {
    }

    /**
     * A message could not be handed to the bus (the bus refused it or is disconnected). The
     * message is lost for the other nodes; local delivery has happened regardless.
     */
    default void publishFailed(String namespace, MessageType type, Throwable cause) {
    }

    /** Bytes received from the bus were not a readable message and were dropped. */
    default void messageDropped(String namespace, Throwable cause) {
    }
}
