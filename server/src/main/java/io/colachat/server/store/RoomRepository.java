package io.colachat.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rooms: creation, look-up, listing and the purge of expired rooms. Every method has an
 * asynchronous form (on the {@link Database}'s blocking executor, one transaction) and a
 * synchronous form taking a {@link Connection}, to compose into a larger transaction.
 * Futures fail with {@link StoreException} on database failures.
 */
public final class RoomRepository {

    private static final Logger log = LoggerFactory.getLogger(RoomRepository.class);
    private static final String COLUMNS =
            "id, title, namespace, capacity, password_hash, created_at, expires_at";

    private final Database database;

    /** @param database never null */
    public RoomRepository(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /**
     * Stores a new room.
     *
     * @param room never null; its id must be new
     * @return the stored room (timestamps in milliseconds), never null
     */
    public CompletableFuture<RoomRecord> create(RoomRecord room) {
        Objects.requireNonNull(room, "room");
        return database.submit(c -> create(c, room));
    }

    /** Synchronous {@link #create(RoomRecord)} inside the caller's transaction. */
    public RoomRecord create(Connection c, RoomRecord room) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO rooms (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            Jdbc.setUuid(ps, 1, room.id());
            ps.setString(2, room.title());
            ps.setString(3, room.namespace());
            ps.setInt(4, room.capacity());
            Jdbc.setNullableString(ps, 5, room.passwordHash());
            Jdbc.setInstant(ps, 6, room.createdAt());
            Jdbc.setInstant(ps, 7, room.expiresAt());
            ps.executeUpdate();
        }
        log.debug("Room {} created in namespace {}", room.id(), room.namespace());
        return room;
    }

    /**
     * Looks a room up, expired or not.
     *
     * @param roomId never null
     * @return the room, or empty when there is no such room; never null
     */
    public CompletableFuture<Optional<RoomRecord>> findById(UUID roomId) {
        Objects.requireNonNull(roomId, "roomId");
        return database.submit(c -> findById(c, roomId));
    }

    /** Synchronous {@link #findById(UUID)}. */
    public Optional<RoomRecord> findById(Connection c, UUID roomId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM rooms WHERE id = ?")) {
            Jdbc.setUuid(ps, 1, roomId);
            List<RoomRecord> rooms = readAll(ps);
            return rooms.isEmpty() ? Optional.empty() : Optional.of(rooms.get(0));
        }
    }

    /**
     * The rooms still open at {@code now} ({@code expires_at > now}), newest first.
     *
     * @param now   never null
     * @param limit the most rooms to return, positive
     * @return never null, at most {@code limit} rooms
     */
    public CompletableFuture<List<RoomRecord>> listOpen(Instant now, int limit) {
        Objects.requireNonNull(now, "now");
        return database.submit(c -> listOpen(c, now, limit));
    }

    /** Synchronous {@link #listOpen(Instant, int)}. */
    public List<RoomRecord> listOpen(Connection c, Instant now, int limit) throws SQLException {
        requirePositive(limit);
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM rooms WHERE expires_at > ?"
                + " ORDER BY created_at DESC, id DESC FETCH FIRST ? ROWS ONLY")) {
            Jdbc.setInstant(ps, 1, now);
            ps.setInt(2, limit);
            return readAll(ps);
        }
    }

    /**
     * Every room that expires after {@code now}, soonest first: the expiry timers to
     * schedule at start-up.
     *
     * @param now never null
     * @return never null
     */
    public CompletableFuture<List<RoomRecord>> findExpiringAfter(Instant now) {
        Objects.requireNonNull(now, "now");
        return database.submit(c -> findExpiringAfter(c, now));
    }

    /** Synchronous {@link #findExpiringAfter(Instant)}. */
    public List<RoomRecord> findExpiringAfter(Connection c, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM rooms WHERE expires_at > ?"
                + " ORDER BY expires_at, id")) {
            Jdbc.setInstant(ps, 1, now);
            return readAll(ps);
        }
    }

    /**
     * Deletes the rooms that expired before {@code cutoff} ({@code expires_at < cutoff}),
     * with their chatters and messages, in one transaction.
     *
     * @param cutoff never null
     * @return how many rooms were deleted
     */
    public CompletableFuture<Integer> purgeExpiredBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return database.submit(c -> purgeExpiredBefore(c, cutoff));
    }

    /** Synchronous {@link #purgeExpiredBefore(Instant)}. */
    public int purgeExpiredBefore(Connection c, Instant cutoff) throws SQLException {
        // Lock in the order every writer uses, chatters before the room row (see
        // MessageRepository): a late append or join to a dying room then either finishes
        // first or waits and finds the room gone, instead of deadlocking or slipping a
        // message in between our DELETEs and failing the foreign key.
        String expired = "SELECT id FROM rooms WHERE expires_at < ?";
        lockRows(c, "SELECT id FROM chatters WHERE room_id IN (" + expired + ") FOR UPDATE", cutoff);
        EmbeddedSequences embedded = EmbeddedSequences.of(c);
        if (embedded != null) {
            // The embedded database's writers lock a room in the process, not its row: take those too.
            embedded.lockForDelete(lockRows(c, expired, cutoff));
        }
        lockRows(c, expired + " FOR UPDATE", cutoff);
        int messages = deleteWhere(c, "DELETE FROM messages WHERE room_id IN (" + expired + ")", cutoff);
        int chatters = deleteWhere(c, "DELETE FROM chatters WHERE room_id IN (" + expired + ")", cutoff);
        int rooms = deleteWhere(c, "DELETE FROM rooms WHERE expires_at < ?", cutoff);
        if (rooms > 0) {
            log.info("Purged {} rooms expired before {} ({} chatters, {} messages)", rooms, cutoff, chatters, messages);
        }
        return rooms;
    }

    // ---------------------------------------------------------------- private methods

    /** Reads the ids that {@code sql} selects; with {@code FOR UPDATE}, reading them takes their rows' locks. */
    private static List<UUID> lockRows(Connection c, String sql, Instant cutoff) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.setInstant(ps, 1, cutoff);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(Jdbc.getUuid(rs, "id"));
                }
            }
        }
        return ids;
    }

    private static int deleteWhere(Connection c, String sql, Instant cutoff) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.setInstant(ps, 1, cutoff);
            return ps.executeUpdate();
        }
    }

    private static List<RoomRecord> readAll(PreparedStatement ps) throws SQLException {
        List<RoomRecord> rooms = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rooms.add(new RoomRecord(Jdbc.getUuid(rs, "id"), rs.getString("title"), rs.getString("namespace"),
                        rs.getInt("capacity"), rs.getString("password_hash"), Jdbc.getInstant(rs, "created_at"),
                        Jdbc.getInstant(rs, "expires_at")));
            }
        }
        return rooms;
    }

    static void requirePositive(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
    }
}
