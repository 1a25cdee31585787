package io.colachat.server.store;

import io.colachat.server.api.ApiException;
import io.colachat.server.api.ErrorCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.WeakHashMap;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;

/**
 * The per-room message id sequence on an embedded H2 database, without writing the room's row.
 *
 * <p>H2 performs an {@code UPDATE} as a delete and an insert of the row in every index of the
 * table, whatever columns changed. Counting ids in {@code rooms.last_message_id} therefore rewrote
 * the room's row and its three index entries for every message: with 2,000 rooms chatting that was
 * a fifth of the server's allocation, and the rewritten rows, alive until the next message of their
 * room, were most of what each young collection had to copy.
 *
 * <p>An embedded database belongs to one process, so the process can count: the last id of each
 * room is kept here, one table per H2 database (whatever pools open it), and checked against the
 * table on every use:
 * <ol>
 *   <li>the room's row is locked ({@code SELECT … FOR UPDATE}), which serialises the room's writers
 *       until commit as the {@code UPDATE} did, and finds a deleted room;</li>
 *   <li>the remembered last id must be a stored message, visible to this transaction (the same
 *       statement checks it): a writer that rolled back after counting left a number that is not,
 *       and the last id is then read from {@code messages} (also on first use, or after the room
 *       fell out of this bounded table);</li>
 *   <li>the count moves on by the ids reserved; callers insert them in the same transaction.</li>
 * </ol>
 * Ids thus stay contiguous and strictly increasing in commit order, as with the row's counter; on
 * this database {@code rooms.last_message_id} stays 0. PostgreSQL, which several processes share,
 * keeps counting in the row ({@link MessageRows#allocate}), as does an H2 server reached over TCP.
 */
final class EmbeddedSequences {

    /** Rooms remembered per database; a room beyond it costs one read of its ids when next written. */
    private static final int MAX_ROOMS = 100_000;

    private static final Map<org.h2.engine.Database, EmbeddedSequences> BY_DATABASE =
            Collections.synchronizedMap(new WeakHashMap<>());

    private final Map<UUID, Long> last = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Long> eldest) {
            return size() > MAX_ROOMS;
        }
    };

    private EmbeddedSequences() {
    }

    /** The sequences of the embedded H2 database behind {@code c}; null for any other database. */
    static EmbeddedSequences of(Connection c) throws SQLException {
        if (!c.isWrapperFor(JdbcConnection.class)
                || !(c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return null;
        }
        return BY_DATABASE.computeIfAbsent(session.getDatabase(), d -> new EmbeddedSequences());
    }

    /** As {@link MessageRows#allocate}: reserves {@code count} ids and returns the last one. */
    long allocate(Connection c, UUID roomId, int count) throws SQLException {
        Long known = remembered(roomId);
        boolean stored;
        // One statement locks the room's row and checks the remembered id (0, never an id, for none).
        try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM messages m"
                + " WHERE m.room_id = r.id AND m.id = ?) FROM rooms r WHERE r.id = ? FOR UPDATE")) {
            ps.setLong(1, known != null ? known : 0);
            Jdbc.setUuid(ps, 2, roomId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    forget(roomId);
                    throw new ApiException(ErrorCode.ROOM_NOT_FOUND, "The room does not exist.");
                }
                stored = rs.getBoolean(1);
            }
        }
        // Only holders of the row's lock change a room's count, so it holds still from here on. A writer
        // that held the lock while this one waited for it has changed it since it was read: check again.
        Long now = remembered(roomId);
        if (!Objects.equals(now, known)) {
            stored = now != null && isStored(c, roomId, now);
        }
        long reserved = (stored ? now : lastStored(c, roomId)) + count;
        synchronized (last) {
            last.put(roomId, reserved);
        }
        return reserved;
    }

    private Long remembered(UUID roomId) {
        synchronized (last) {
            return last.get(roomId);
        }
    }

    private void forget(UUID roomId) {
        synchronized (last) {
            last.remove(roomId);
        }
    }

    private static boolean isStored(Connection c, UUID roomId, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM messages WHERE room_id = ? AND id = ?")) {
            Jdbc.setUuid(ps, 1, roomId);
            ps.setLong(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The room's highest stored id, 0 for none. H2 reads the room's index range for it, once. */
    private static long lastStored(Connection c, UUID roomId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COALESCE(MAX(id), 0) FROM messages WHERE room_id = ?")) {
            Jdbc.setUuid(ps, 1, roomId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
