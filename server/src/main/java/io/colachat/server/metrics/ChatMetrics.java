package io.colachat.server.metrics;

import io.colachat.server.api.ErrorCode;

/**
 * What the chat reports about itself, called at the points that matter: a join, a leave, a
 * message accepted or refused, a broadcast's deliveries, an acknowledgement's latency, a
 * database round trip. Every method has a no-op default, so the chat runs unmeasured with
 * {@link #NONE} and an implementation overrides only what it records.
 *
 * <p>Hot path: these are called on workers and room lanes for every message. Implementations
 * must not block, allocate per call, or look meters up by name per call (pre-register them).
 *
 * <pre>{@code
 * chat.instrument(new ColaChatMetrics(registry));
 * }</pre>
 */
public interface ChatMetrics {

    /** Records nothing. */
    ChatMetrics NONE = new ChatMetrics() {
    };

    /** Why a chatter stopped being present. */
    enum LeaveKind {
        /** {@code leaveRoom}: at once, no grace. */
        EXPLICIT,
        /** Its last socket went away and the grace ran out. */
        GRACE,
        /** An operator removed it from the room. */
        KICKED
    }

    /** Which database work a latency belongs to. */
    enum DbOp {
        /** Storing a batch of chat messages. */
        APPEND_MESSAGES,
        /** Storing a chatter's JOIN alert. */
        JOIN
    }

    /**
     * A socket was admitted to a room.
     *
     * @param newPresence true when the chatter was not present (a JOIN alert follows); false
     *     when it was (a refresh or dropped network within the grace, or another tab): absorbed
     */
    default void joined(boolean newPresence) {
    }

    /** A chatter stopped being present and its LEAVE alert was stored. */
    default void left(LeaveKind kind) {
    }

    /** {@code count} chat messages were stored and broadcast. */
    default void messagesAccepted(int count) {
    }

    /** A {@code sendMessage} was refused with this code; nothing was stored. */
    default void messageRejected(ErrorCode code) {
    }

    /** Events written to {@code count} local sockets by one broadcast (or batch of broadcasts). */
    default void delivered(long count) {
    }

    /** A {@code sendMessage} was acknowledged {@code nanos} after the server accepted it for its lane. */
    default void messageAcked(long nanos) {
    }

    /** A database round trip of this kind took {@code nanos}. */
    default void database(DbOp op, long nanos) {
    }
}
