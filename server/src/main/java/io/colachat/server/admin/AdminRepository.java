package io.colachat.server.admin;

import io.colachat.server.store.RoomRecord;
import io.colachat.server.store.RoomRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The few queries only the operator needs, beside the chat's own repositories: the ids of
 * every open room (for the census) and closing a room now. Synchronous, inside the caller's
 * transaction ({@code db.execute(c -> repo.openRoomIds(c, now))}).
 */
final class AdminRepository {

    /** The census looks at no more rooms than this (a guard, far above any real node's load). */
    static final int CENSUS_LIMIT = 100_000;

    private final RoomRepository rooms;

    AdminRepository(RoomRepository rooms) {
        this.rooms = rooms;
    }

    /** Ids of the rooms that have not expired at {@code now}, at most {@link #CENSUS_LIMIT}. */
    List<UUID> openRoomIds(Connection c, Instant now) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM rooms WHERE expires_at > ? FETCH FIRST " + CENSUS_LIMIT + " ROWS ONLY")) {
            ps.setObject(1, utc(now));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    /** Open rooms, newest first, at most {@code limit}. */
    List<RoomRecord> openRooms(Connection c, Instant now, int limit) throws SQLException {
        return rooms.listOpen(c, now, limit);
    }

    /** A room, expired or not. */
    Optional<RoomRecord> find(Connection c, UUID roomId) throws SQLException {
        return rooms.findById(c, roomId);
    }

    /**
     * Makes an open room expire at {@code now}: from then on it answers ROOM_EXPIRED and leaves
     * the lobby, exactly as if its time had run out.
     *
     * @return the room as it is now, or empty when it does not exist or had already expired
     */
    Optional<RoomRecord> expireNow(Connection c, UUID roomId, Instant now) throws SQLException {
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE rooms SET expires_at = ? WHERE id = ? AND expires_at > ?")) {
            ps.setObject(1, utc(at));
            ps.setObject(2, roomId);
            ps.setObject(3, utc(at));
            if (ps.executeUpdate() == 0) {
                return Optional.empty();
            }
        }
        return rooms.findById(c, roomId);
    }

    private static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.ofInstant(t.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }
}
