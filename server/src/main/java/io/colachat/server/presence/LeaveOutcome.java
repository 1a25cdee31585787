package io.colachat.server.presence;

import java.util.Objects;
import java.util.Set;

/**
 * What {@link PresenceTracker#leave} decided.
 *
 * @param wasPresent true when the chatter was present (connected or in grace) and now is not:
 *     the caller stores and broadcasts exactly one LEAVE alert, then the presence change
 * @param detachedSockets the chatter's sockets that were still joined (other tabs), never
 *     null, unmodifiable, in join order; the caller makes them leave the room. They are already
 *     forgotten here, so their later disconnects are no-ops in {@link PresenceTracker#socketGone}.
 */
public record LeaveOutcome(boolean wasPresent, Set<String> detachedSockets) {

    /** The chatter was not present: no alert, nothing to detach. */
    public static final LeaveOutcome NOT_PRESENT = new LeaveOutcome(false, Set.of());

    public LeaveOutcome {
        Objects.requireNonNull(detachedSockets, "detachedSockets");
        if (!wasPresent && !detachedSockets.isEmpty()) {
            throw new IllegalArgumentException("a chatter that was not present has no sockets");
        }
    }
}
