package io.colachat.server.store;

import io.colachat.server.api.ApiException;
import io.colachat.server.api.ErrorCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.postgresql.PGConnection;

/** The SQL of {@code messages} and of the per-room id sequence, shared by {@link MessageRepository}. */
final class MessageRows {

    static final String COLUMNS = "room_id, id, type, content, sent_at, chatter_id, chatter_nickname,"
            + " alert_kind, alert_nickname, alert_previous_nickname";

    private MessageRows() {
    }

    /**
     * Reserves {@code count} ids in a room and returns the last one; the reserved range is
     * {@code last - count + 1 .. last}.
     *
     * <p>The increment is the synchronisation: {@code UPDATE} takes the room row's lock until
     * the transaction ends, so two writers of one room (threads or processes sharing
     * PostgreSQL) run one after the other, each reading the value it wrote. Ids therefore
     * strictly increase in commit order and, since a rolled-back transaction also rolls back
     * its increment, stay contiguous. Callers must insert the rows in this same transaction
     * and keep it short: every writer of the room waits for it. An embedded H2 database counts
     * in the process instead, under a lock of the process's own ({@link EmbeddedSequences}).
     *
     * @throws ApiException ROOM_NOT_FOUND when the room does not exist (any more)
     */
    static long allocate(Connection c, UUID roomId, int count) throws SQLException {
        EmbeddedSequences embedded = EmbeddedSequences.of(c);
        if (embedded != null) {
            return embedded.allocate(c, roomId, count);
        }
        // One statement that updates and returns the new value: PostgreSQL's RETURNING, H2's data
        // change delta table.
        String sql = c.isWrapperFor(PGConnection.class)
                ? "UPDATE rooms SET last_message_id = last_message_id + ? WHERE id = ? RETURNING last_message_id"
                : "SELECT last_message_id FROM FINAL TABLE"
                        + " (UPDATE rooms SET last_message_id = last_message_id + ? WHERE id = ?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, count);
            Jdbc.setUuid(ps, 2, roomId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new ApiException(ErrorCode.ROOM_NOT_FOUND, "The room does not exist.");
                }
                return rs.getLong(1);
            }
        }
    }

    /**
     * PostgreSQL only: {@link #allocate} for several rooms in one round trip. The rooms' rows are
     * locked in id order first (as separate {@code UPDATE}s in id order would), so concurrent groups
     * never wait on each other in a cycle.
     *
     * @param roomIds distinct rooms
     * @param counts  ids to reserve in each, in the same order
     * @return the last reserved id of each room, in the same order
     * @throws ApiException ROOM_NOT_FOUND when any of the rooms does not exist (any more); the
     *                      caller's transaction must then be rolled back
     */
    static long[] allocateAll(Connection c, List<UUID> roomIds, int[] counts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "WITH locked AS (SELECT id FROM rooms WHERE id = ANY (?) ORDER BY id FOR UPDATE)"
                        + " UPDATE rooms r SET last_message_id = r.last_message_id + v.n"
                        + " FROM unnest(?::uuid[], ?::int[]) AS v(id, n)"
                        + " WHERE r.id = v.id AND r.id IN (SELECT id FROM locked)"
                        + " RETURNING r.id, r.last_message_id")) {
            Object[] ids = roomIds.toArray();
            Integer[] ns = new Integer[counts.length];
            for (int i = 0; i < counts.length; i++) {
                ns[i] = counts[i];
            }
            ps.setArray(1, c.createArrayOf("uuid", ids));
            ps.setArray(2, c.createArrayOf("uuid", ids));
            ps.setArray(3, c.createArrayOf("int4", ns));
            Map<UUID, Long> last = new HashMap<>(roomIds.size() * 2);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    last.put(rs.getObject(1, UUID.class), rs.getLong(2));
                }
            }
            long[] out = new long[roomIds.size()];
            for (int i = 0; i < out.length; i++) {
                Long l = last.get(roomIds.get(i));
                if (l == null) {
                    throw new ApiException(ErrorCode.ROOM_NOT_FOUND, "The room does not exist.");
                }
                out[i] = l;
            }
            return out;
        }
    }

    static void insert(Connection c, List<MessageRecord> records) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO messages (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (MessageRecord m : records) {
                Jdbc.setUuid(ps, 1, m.roomId());
                ps.setLong(2, m.id());
                ps.setString(3, m.type().name());
                ps.setString(4, m.content());
                Jdbc.setInstant(ps, 5, m.sentAt());
                Jdbc.setUuid(ps, 6, m.chatterId());
                Jdbc.setNullableString(ps, 7, m.chatterNickname());
                Jdbc.setNullableString(ps, 8, m.alertKind() == null ? null : m.alertKind().name());
                Jdbc.setNullableString(ps, 9, m.alertNickname());
                Jdbc.setNullableString(ps, 10, m.alertPreviousNickname());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Runs a prepared query over {@link #COLUMNS}, keeping the result order. */
    static List<MessageRecord> query(PreparedStatement ps) throws SQLException {
        List<MessageRecord> messages = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                messages.add(new MessageRecord(rs.getLong("id"), Jdbc.getUuid(rs, "room_id"),
                        Jdbc.getEnum(rs, "type", MessageType.class), rs.getString("content"),
                        Jdbc.getInstant(rs, "sent_at"), Jdbc.getUuid(rs, "chatter_id"),
                        rs.getString("chatter_nickname"), Jdbc.getEnum(rs, "alert_kind", AlertKind.class),
                        rs.getString("alert_nickname"), rs.getString("alert_previous_nickname")));
            }
        }
        return messages;
    }

    /** Executes an update with UUID and other parameters in order, returning the row count. */
    static int update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                Object p = parameters[i];
                if (p instanceof UUID uuid) {
                    Jdbc.setUuid(ps, i + 1, uuid);
                } else {
                    ps.setObject(i + 1, p);
                }
            }
            return ps.executeUpdate();
        }
    }
}
