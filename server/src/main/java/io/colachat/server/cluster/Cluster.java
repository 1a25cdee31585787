package io.colachat.server.cluster;

import java.util.UUID;
import java.util.function.Supplier;

/**
 * What the chat needs from the other nodes of a cluster. A single node uses {@link #local()},
 * whose every method is trivially true to one process; {@link RedisCluster} shares the same
 * facts through Redis.
 *
 * <p>How presence stays one truth across nodes: every live socket of a chatter is registered
 * (by node) before its JOIN is decided; the database stores a JOIN only when it flips the
 * chatter's {@code present} flag, and a node whose grace ran out stores a LEAVE only if, under
 * the chatter's row lock, no node holds a socket of that chatter any more. A refresh that lands
 * on another node is therefore silent, and the alerts alternate cluster-wide. When a node dies,
 * one survivor takes over its registrations and gives each orphaned chatter the grace.
 */
public interface Cluster extends AutoCloseable {

    /** The single-process cluster: nothing is shared because nothing needs to be. */
    static Cluster local() {
        return LocalCluster.INSTANCE;
    }

    /** Whether other nodes exist (capacity is then enforced by the database, not in memory). */
    boolean distributed();

    /** A socket of this chatter joined the room on this node. Blocking: call off the event loop. */
    void socketJoined(UUID roomId, UUID chatterId, String socketId);

    /** A socket of this chatter left the room on this node. Never blocks. */
    void socketGone(UUID roomId, UUID chatterId, String socketId);

    /**
     * Whether the chatter has a socket in the room on any node. Blocking. A single node answers
     * false: its own tracker already knows, and asks only when no local socket is left.
     */
    boolean hasLiveSockets(UUID roomId, UUID chatterId);

    /**
     * Runs a room's store-then-broadcast so that no other node stores or broadcasts for the room
     * in between: receivers then see the room's messages in id order. Blocking.
     *
     * @param namespace the room's namespace, whose broadcasts must reach the bus before the next
     *     node's
     */
    <T> T inRoomOrder(UUID roomId, String namespace, Supplier<T> work);

    /** Whether the shared state answers, for readiness. */
    boolean ready();

    /**
     * This node is stopping: from now on it keeps its sockets' registrations when they close, so
     * that after its lease ends one survivor adopts its chatters and gives them the grace (they
     * reconnect elsewhere, or get one LEAVE) exactly as if it had crashed.
     */
    default void stopping() {
    }

    /** Registers what to do with chatters whose node died and who have no socket anywhere. */
    default void onOrphans(OrphanHandler handler) {
    }

    @Override
    default void close() {
    }

    /** Receives the chatters a dead node left behind, once, on one survivor. */
    @FunctionalInterface
    interface OrphanHandler {
        void orphaned(UUID roomId, UUID chatterId);
    }
}
