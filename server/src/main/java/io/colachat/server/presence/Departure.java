package io.colachat.server.presence;

import java.util.Objects;
import java.util.UUID;

/**
 * A chatter whose grace ran out without a socket coming back: it is no longer present, and the
 * caller stores and broadcasts exactly one LEAVE alert for it, then the presence change.
 *
 * @param roomId the room, never null
 * @param chatterId the chatter, never null
 * @param deadlineMillis when its grace ended, on the caller's clock; at or before the
 *     {@code nowMillis} of the {@link PresenceTracker#expire} call that returned it
 */
public record Departure(UUID roomId, UUID chatterId, long deadlineMillis) {

    public Departure {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(chatterId, "chatterId");
    }
}
