package io.colachat.server.presence;

/**
 * What {@link PresenceTracker#join} decided. Closed vocabulary: the caller switches on it.
 *
 * <pre>{@code
 * switch (tracker.join(roomId, chatterId, socketId, room.capacity(), now)) {
 *     case FULL -> throw new ApiException(ErrorCode.ROOM_FULL, "The room is full."); // nothing changed
 *     case NEW -> { storeAndBroadcastJoinAlert(); broadcastPresence(); }
 *     case RESUMED -> sendPresenceToJoinerOnly();           // no alert
 * }
 * }</pre>
 */
public enum JoinOutcome {

    /**
     * The room already holds {@code capacity} present chatters other than this one. Nothing
     * changed: the socket is not attached; the caller answers {@code ROOM_FULL}.
     */
    FULL,

    /**
     * The chatter was not present and now is. The caller stores and broadcasts exactly one
     * JOIN alert, then the presence change.
     */
    NEW,

    /**
     * The chatter was already present (another tab, or within the grace of a refresh or a
     * dropped network): any pending leave is cancelled and there is no alert. Also the answer to
     * the same socket joining twice.
     */
    RESUMED;

    /** True unless {@link #FULL}: the socket is now attached to the chatter in the room. */
    public boolean admitted() {
        return this != FULL;
    }
}
