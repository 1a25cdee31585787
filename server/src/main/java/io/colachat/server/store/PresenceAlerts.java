package io.colachat.server.store;

import io.colachat.server.api.ApiException;
import io.colachat.server.api.ErrorCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JOIN, LEAVE and RENAME writes behind {@link MessageRepository}: each changes the
 * chatter row and stores its alert in the caller's transaction.
 *
 * <p>A JOIN is stored only by the transaction that flips {@code present} from false to
 * true, a LEAVE only by the one that flips it back: the conditional {@code UPDATE} takes the
 * chatter row's lock and re-checks the condition after waiting for it, so of two racing
 * joins (threads, processes, or a process restarted mid-way) exactly one sees a changed row.
 * That makes JOIN, LEAVE, JOIN alternation a property of the database, not of any cache.
 *
 * <p>Lock order is chatter row, then room row ({@link MessageRows#allocate}), everywhere,
 * including the purge; plain appends take only the room row. No cycle, so no deadlock.
 */
final class PresenceAlerts {

    private static final Logger log = LoggerFactory.getLogger(PresenceAlerts.class);

    private PresenceAlerts() {
    }

    static Optional<MessageRecord> join(Connection c, UUID roomId, UUID chatterId, String nickname, String content,
                                        Instant at, int capacity) throws SQLException {
        int flipped = MessageRows.update(c, "UPDATE chatters SET present = TRUE"
                + " WHERE id = ? AND room_id = ? AND present = FALSE AND revoked = FALSE", chatterId, roomId);
        if (flipped == 0) {
            requireJoinable(c, roomId, chatterId);
            log.debug("Chatter {} already present in room {}: no JOIN", chatterId, roomId);
            return Optional.empty();
        }
        long id = MessageRows.allocate(c, roomId, 1);
        if (capacity != MessageRepository.UNLIMITED) {
            // Counted under the room row's lock, which every join holds until commit: the
            // count includes all earlier joins of this room and none can slip in meanwhile.
            int others = countOthersPresent(c, roomId, chatterId);
            if (others >= capacity) {
                throw new ApiException(ErrorCode.ROOM_FULL, "The room is full.");
            }
        }
        MessageRecord join = NewMessage.alert(AlertKind.JOIN, content, at, chatterId, nickname, null)
                .withId(roomId, id);
        MessageRows.insert(c, List.of(join));
        MessageRows.update(c, "UPDATE chatters SET first_join_message_id = ?"
                + " WHERE id = ? AND first_join_message_id IS NULL", id, chatterId);
        log.debug("Chatter {} joined room {} at message {}", chatterId, roomId, id);
        return Optional.of(join);
    }

    static Optional<MessageRecord> leave(Connection c, UUID roomId, UUID chatterId, String nickname, String content,
                                         Instant at, boolean revoke) throws SQLException {
        String set = revoke ? "present = FALSE, revoked = TRUE" : "present = FALSE";
        int flipped = MessageRows.update(c, "UPDATE chatters SET " + set
                + " WHERE id = ? AND room_id = ? AND present = TRUE", chatterId, roomId);
        if (flipped == 0) {
            if (revoke) {
                // Not present (the grace period already wrote the LEAVE), but an explicit
                // leave still voids the token.
                MessageRows.update(c, "UPDATE chatters SET revoked = TRUE WHERE id = ? AND room_id = ?",
                        chatterId, roomId);
            }
            log.debug("Chatter {} not present in room {}: no LEAVE", chatterId, roomId);
            return Optional.empty();
        }
        long id = MessageRows.allocate(c, roomId, 1);
        MessageRecord leave = NewMessage.alert(AlertKind.LEAVE, content, at, chatterId, nickname, null)
                .withId(roomId, id);
        MessageRows.insert(c, List.of(leave));
        log.debug("Chatter {} left room {} at message {} (revoked: {})", chatterId, roomId, id, revoke);
        return Optional.of(leave);
    }

    static MessageRecord rename(Connection c, UUID roomId, UUID chatterId, String oldNickname, String newNickname,
                                String content, Instant at) throws SQLException {
        int changed = MessageRows.update(c, "UPDATE chatters SET nickname = ? WHERE id = ? AND room_id = ?",
                newNickname, chatterId, roomId);
        if (changed == 0) {
            throw new ApiException(ErrorCode.CHATTER_NOT_FOUND, "The chatter does not exist.");
        }
        long id = MessageRows.allocate(c, roomId, 1);
        MessageRecord rename = NewMessage.alert(AlertKind.RENAME, content, at, chatterId, newNickname, oldNickname)
                .withId(roomId, id);
        MessageRows.insert(c, List.of(rename));
        log.debug("Chatter {} renamed in room {} at message {}", chatterId, roomId, id);
        return rename;
    }

    /** Explains a join that flipped nothing: present is fine, anything else is an error. */
    private static void requireJoinable(Connection c, UUID roomId, UUID chatterId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT revoked FROM chatters WHERE id = ? AND room_id = ?")) {
            Jdbc.setUuid(ps, 1, chatterId);
            Jdbc.setUuid(ps, 2, roomId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new ApiException(ErrorCode.CHATTER_NOT_FOUND, "The chatter does not exist.");
                }
                if (rs.getBoolean(1)) {
                    throw new ApiException(ErrorCode.INVALID_TOKEN, "The chatter has left; its token no longer works.");
                }
            }
        }
    }

    private static int countOthersPresent(Connection c, UUID roomId, UUID chatterId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM chatters WHERE room_id = ? AND present = TRUE AND id <> ?")) {
            Jdbc.setUuid(ps, 1, roomId);
            Jdbc.setUuid(ps, 2, chatterId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
