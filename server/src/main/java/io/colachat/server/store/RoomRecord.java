package io.colachat.server.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * One row of {@code rooms}. Timestamps are truncated to milliseconds on construction, so a
 * record equals what reading it back returns.
 *
 * @param id            never null
 * @param title         never null
 * @param namespace     the Socket.IO namespace (without the slash), never null
 * @param capacity      the most present chatters the room allows, positive
 * @param passwordHash  the slow salted hash of the password, or null for an open room
 * @param createdAt     never null
 * @param expiresAt     never null
 */
public record RoomRecord(UUID id, String title, String namespace, int capacity, String passwordHash,
                         Instant createdAt, Instant expiresAt) {

    public RoomRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(namespace, "namespace");
        createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MILLIS);
        expiresAt = Objects.requireNonNull(expiresAt, "expiresAt").truncatedTo(ChronoUnit.MILLIS);
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
    }

    /**
     * A room as created: no message yet.
     *
     * @param passwordHash may be null (no password); every other argument must not be null
     * @return never null
     */
    public static RoomRecord newRoom(UUID id, String title, String namespace, int capacity,
                                     String passwordHash, Instant createdAt, Instant expiresAt) {
        return new RoomRecord(id, title, namespace, capacity, passwordHash, createdAt, expiresAt);
    }

    /** Whether the room needs a password to enter. */
    public boolean hasPassword() {
        return passwordHash != null;
    }

    /**
     * Whether the room has passed its expiry at {@code now}.
     *
     * @param now must not be null
     */
    public boolean isExpiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }
}
