package io.colachat.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chatters: creation, look-up, presence queries and token revocation. Presence itself is
 * flipped only by {@link MessageRepository#appendJoin} and {@link MessageRepository#appendLeave},
 * together with the alert. Every method has an asynchronous form (blocking executor, one
 * transaction, failures as {@link StoreException}) and a synchronous form taking a
 * {@link Connection}.
 */
public final class ChatterRepository {

    private static final Logger log = LoggerFactory.getLogger(ChatterRepository.class);
    private static final String COLUMNS =
            "id, room_id, nickname, token_hash, created_at, present, revoked, first_join_message_id";

    private final Database database;

    /** @param database never null */
    public ChatterRepository(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /**
     * Stores a new chatter.
     *
     * @param chatter never null; its room must exist (else the future fails with a
     *                {@link StoreException}, reason FAILED)
     * @return the stored chatter, never null
     */
    public CompletableFuture<ChatterRecord> create(ChatterRecord chatter) {
        Objects.requireNonNull(chatter, "chatter");
        return database.submit(c -> create(c, chatter));
    }

    /** Synchronous {@link #create(ChatterRecord)}. */
    public ChatterRecord create(Connection c, ChatterRecord chatter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO chatters (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            Jdbc.setUuid(ps, 1, chatter.id());
            Jdbc.setUuid(ps, 2, chatter.roomId());
            ps.setString(3, chatter.nickname());
            ps.setString(4, chatter.tokenHash());
            Jdbc.setInstant(ps, 5, chatter.createdAt());
            ps.setBoolean(6, chatter.present());
            ps.setBoolean(7, chatter.revoked());
            Jdbc.setNullableLong(ps, 8, chatter.firstJoinMessageId());
            ps.executeUpdate();
        }
        log.debug("Chatter {} created in room {}", chatter.id(), chatter.roomId());
        return chatter;
    }

    /**
     * Looks a chatter up.
     *
     * @param chatterId never null
     * @return the chatter, or empty when there is none; never null
     */
    public CompletableFuture<Optional<ChatterRecord>> findById(UUID chatterId) {
        Objects.requireNonNull(chatterId, "chatterId");
        return database.submit(c -> findById(c, chatterId));
    }

    /** Synchronous {@link #findById(UUID)}. */
    public Optional<ChatterRecord> findById(Connection c, UUID chatterId) throws SQLException {
        List<ChatterRecord> found = query(c, "SELECT " + COLUMNS + " FROM chatters WHERE id = ?", chatterId);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /**
     * Looks a chatter of one room up by its token's hash (for endpoints that carry only the
     * token). Looking up by a hash of 128 random bits leaks nothing through timing; revoked
     * chatters are returned too, so callers must check {@link ChatterRecord#revoked()}.
     *
     * @param roomId    never null
     * @param tokenHash lower-case hex SHA-256 of the token, never null
     * @return the chatter, or empty when no chatter of the room has that token; never null
     */
    public CompletableFuture<Optional<ChatterRecord>> findByTokenHash(UUID roomId, String tokenHash) {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(tokenHash, "tokenHash");
        return database.submit(c -> findByTokenHash(c, roomId, tokenHash));
    }

    /** Synchronous {@link #findByTokenHash(UUID, String)}. */
    public Optional<ChatterRecord> findByTokenHash(Connection c, UUID roomId, String tokenHash) throws SQLException {
        List<ChatterRecord> found = query(c, "SELECT " + COLUMNS + " FROM chatters WHERE token_hash = ? AND room_id = ?",
                tokenHash, roomId);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /**
     * Every present chatter of every room, for recovery after a restart: their LEAVE
     * alerts were never written if the process died.
     *
     * @return never null, ordered by room then creation
     */
    public CompletableFuture<List<ChatterRecord>> findPresent() {
        return database.submit(this::findPresent);
    }

    /** Synchronous {@link #findPresent()}. */
    public List<ChatterRecord> findPresent(Connection c) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM chatters WHERE present = TRUE ORDER BY room_id, created_at, id");
    }

    /**
     * The present chatters of one room, oldest first.
     *
     * @param roomId never null
     * @return never null, empty for an unknown room
     */
    public CompletableFuture<List<ChatterRecord>> findPresentInRoom(UUID roomId) {
        Objects.requireNonNull(roomId, "roomId");
        return database.submit(c -> findPresentInRoom(c, roomId));
    }

    /** Synchronous {@link #findPresentInRoom(UUID)}. */
    public List<ChatterRecord> findPresentInRoom(Connection c, UUID roomId) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM chatters WHERE room_id = ? AND present = TRUE"
                + " ORDER BY created_at, id", roomId);
    }

    /**
     * How many chatters of one room are present (the room's {@code onlineCount}).
     *
     * @param roomId never null
     * @return a count, 0 for an unknown room
     */
    public CompletableFuture<Integer> countPresentInRoom(UUID roomId) {
        Objects.requireNonNull(roomId, "roomId");
        return database.submit(c -> countPresentInRoom(c, roomId));
    }

    /** Synchronous {@link #countPresentInRoom(UUID)}. */
    public int countPresentInRoom(Connection c, UUID roomId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM chatters WHERE room_id = ? AND present = TRUE")) {
            Jdbc.setUuid(ps, 1, roomId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * The nicknames in use by present chatters of one room, to generate a fresh one.
     *
     * @param roomId never null
     * @return never null, in no particular order
     */
    public CompletableFuture<Set<String>> nicknamesPresentInRoom(UUID roomId) {
        Objects.requireNonNull(roomId, "roomId");
        return database.submit(c -> nicknamesPresentInRoom(c, roomId));
    }

    /** Synchronous {@link #nicknamesPresentInRoom(UUID)}. */
    public Set<String> nicknamesPresentInRoom(Connection c, UUID roomId) throws SQLException {
        Set<String> nicknames = new LinkedHashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT nickname FROM chatters WHERE room_id = ? AND present = TRUE")) {
            Jdbc.setUuid(ps, 1, roomId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    nicknames.add(rs.getString(1));
                }
            }
        }
        return nicknames;
    }

    /**
     * Voids a chatter's token (an explicit leave) without touching presence; use
     * {@link MessageRepository#appendLeave(UUID, UUID, String, String, java.time.Instant, boolean)}
     * to leave and revoke in one transaction.
     *
     * @param chatterId never null
     * @return true when the chatter exists (revoked now or before), false when unknown
     */
    public CompletableFuture<Boolean> revoke(UUID chatterId) {
        Objects.requireNonNull(chatterId, "chatterId");
        return database.submit(c -> revoke(c, chatterId));
    }

    /** Synchronous {@link #revoke(UUID)}. */
    public boolean revoke(Connection c, UUID chatterId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE chatters SET revoked = TRUE WHERE id = ?")) {
            Jdbc.setUuid(ps, 1, chatterId);
            boolean found = ps.executeUpdate() > 0;
            log.debug("Chatter {} revoked: {}", chatterId, found);
            return found;
        }
    }

    /**
     * Locks a chatter's row until the transaction ends: decisions about its presence taken by
     * different nodes then happen one after the other.
     */
    public void lockForUpdate(Connection c, UUID chatterId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM chatters WHERE id = ? FOR UPDATE")) {
            Jdbc.setUuid(ps, 1, chatterId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
        }
    }

    // ---------------------------------------------------------------- private methods

    /** Runs a query over {@link #COLUMNS}; parameters are UUIDs or strings, in order. */
    private static List<ChatterRecord> query(Connection c, String sql, Object... parameters) throws SQLException {
        List<ChatterRecord> chatters = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] instanceof UUID uuid) {
                    Jdbc.setUuid(ps, i + 1, uuid);
                } else {
                    ps.setString(i + 1, (String) parameters[i]);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    chatters.add(read(rs));
                }
            }
        }
        return chatters;
    }

    static ChatterRecord read(ResultSet rs) throws SQLException {
        return new ChatterRecord(Jdbc.getUuid(rs, "id"), Jdbc.getUuid(rs, "room_id"), rs.getString("nickname"),
                rs.getString("token_hash"), Jdbc.getInstant(rs, "created_at"), rs.getBoolean("present"),
                rs.getBoolean("revoked"), Jdbc.getNullableLong(rs, "first_join_message_id"));
    }
}
