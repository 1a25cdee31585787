package io.colachat.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages and alerts, and the per-room id sequence ({@code rooms.last_message_id}).
 *
 * <p>Writes: {@link #append} is the group-commit primitive (many messages of one room, one
 * transaction, contiguous ids in list order); {@link #appendJoin}, {@link #appendLeave} and
 * {@link #rename} change the chatter and store its alert atomically (see
 * {@code PresenceAlerts} for why that keeps JOIN/LEAVE alternating across processes).
 * Reads: a chatter reads from its first JOIN on, so every read takes that bound as
 * {@code fromId}; a null {@code fromId} (never joined) reads nothing.
 *
 * <p>Asynchronous methods run on the {@link Database}'s blocking executor in their own
 * transaction and fail with {@link StoreException} on database failures or with
 * {@code ApiException} (ROOM_NOT_FOUND, CHATTER_NOT_FOUND, INVALID_TOKEN, ROOM_FULL) as
 * documented, having changed nothing. Synchronous forms take the caller's connection.
 */
public final class MessageRepository {

    /** Capacity argument of {@link #appendJoin(UUID, UUID, String, String, Instant, int)} that disables the check. */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    private static final Logger log = LoggerFactory.getLogger(MessageRepository.class);

    private final Database database;

    /** @param database never null */
    public MessageRepository(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /**
     * Stores messages of one room in one transaction, with ids {@code last+1 .. last+n} in
     * list order. Example: {@code append(room, List.of(NewMessage.message("hi", now, id, "Brave Otter")))}.
     *
     * @param roomId   never null
     * @param messages never null, may be empty (then nothing is written)
     * @return the stored messages in list order, never null; fails with
     *     {@code ApiException(ROOM_NOT_FOUND)} when the room does not exist
     */
    public CompletableFuture<List<MessageRecord>> append(UUID roomId, List<NewMessage> messages) {
        Objects.requireNonNull(roomId, "roomId");
        List<NewMessage> copy = List.copyOf(messages);
        if (copy.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        return database.submit(c -> append(c, roomId, copy));
    }

    /** Synchronous {@link #append(UUID, List)}; the caller's transaction holds the room row until it ends. */
    public List<MessageRecord> append(Connection c, UUID roomId, List<NewMessage> messages) throws SQLException {
        if (messages.isEmpty()) {
            return List.of();
        }
        long last = MessageRows.allocate(c, roomId, messages.size());
        long next = last - messages.size() + 1;
        List<MessageRecord> records = new ArrayList<>(messages.size());
        for (NewMessage m : messages) {
            records.add(m.withId(roomId, next++));
        }
        MessageRows.insert(c, records);
        log.debug("Appended {} messages to room {}, ids up to {}", records.size(), roomId, last);
        return Collections.unmodifiableList(records);
    }

    /**
     * Appends to several rooms in the caller's transaction, as {@link #append(Connection, UUID, List)}
     * for each in turn would. On PostgreSQL the whole group takes two round trips (one statement
     * reserves every room's ids, locking the rows in id order; one batch inserts every message)
     * instead of two per room; elsewhere the rooms go one by one.
     *
     * @param roomIds rooms sorted by id, never null
     * @param batches each room's messages, in the same order, each non-empty
     * @return each room's stored messages, in the same order; fails with
     *     {@code ApiException(ROOM_NOT_FOUND)} when any room does not exist, and the caller must
     *     then roll back
     */
    public List<List<MessageRecord>> appendAll(Connection c, List<UUID> roomIds, List<List<NewMessage>> batches)
            throws SQLException {
        if (roomIds.size() != batches.size()) {
            throw new IllegalArgumentException(roomIds.size() + " rooms, " + batches.size() + " batches");
        }
        // Sorted, so a room named twice is named twice in a row; such a group goes room by room.
        boolean distinct = true;
        for (int i = 1; i < roomIds.size() && distinct; i++) {
            distinct = !roomIds.get(i - 1).equals(roomIds.get(i));
        }
        if (roomIds.size() < 2 || !distinct || !c.isWrapperFor(PGConnection.class)) {
            List<List<MessageRecord>> out = new ArrayList<>(roomIds.size());
            for (int i = 0; i < roomIds.size(); i++) {
                out.add(append(c, roomIds.get(i), batches.get(i)));
            }
            return out;
        }
        int[] counts = new int[roomIds.size()];
        int total = 0;
        for (int i = 0; i < counts.length; i++) {
            counts[i] = batches.get(i).size();
            total += counts[i];
        }
        long[] last = MessageRows.allocateAll(c, roomIds, counts);
        List<MessageRecord> all = new ArrayList<>(total);
        List<List<MessageRecord>> out = new ArrayList<>(roomIds.size());
        for (int i = 0; i < counts.length; i++) {
            long next = last[i] - counts[i] + 1;
            List<MessageRecord> room = new ArrayList<>(counts[i]);
            for (NewMessage m : batches.get(i)) {
                room.add(m.withId(roomIds.get(i), next++));
            }
            all.addAll(room);
            out.add(Collections.unmodifiableList(room));
        }
        MessageRows.insert(c, all);
        return out;
    }

    /**
     * {@link #appendJoin(UUID, UUID, String, String, Instant, int)} without a capacity check.
     */
    public CompletableFuture<Optional<MessageRecord>> appendJoin(UUID roomId, UUID chatterId, String nickname,
                                                                 String content, Instant at) {
        return appendJoin(roomId, chatterId, nickname, content, at, UNLIMITED);
    }

    /**
     * Marks the chatter present and stores its JOIN alert, in one transaction, unless it is
     * present already. Sets its first-join id on its first JOIN.
     *
     * @param roomId    never null
     * @param chatterId never null; a chatter of {@code roomId}
     * @param nickname  the chatter's nickname, never null
     * @param content   the alert text, e.g. "Brave Otter joined.", never null
     * @param at        never null
     * @param capacity  the room's capacity, or {@link #UNLIMITED}: when that many other
     *                  chatters are present the join fails with {@code ApiException(ROOM_FULL)};
     *                  checked atomically with the join
     * @return the JOIN alert, or empty when the chatter was already present (nothing
     *     written); never null. Fails with {@code ApiException} CHATTER_NOT_FOUND (no such
     *     chatter in the room), INVALID_TOKEN (revoked), ROOM_FULL or ROOM_NOT_FOUND.
     */
    public CompletableFuture<Optional<MessageRecord>> appendJoin(UUID roomId, UUID chatterId, String nickname,
                                                                 String content, Instant at, int capacity) {
        requireAlert(roomId, chatterId, content, at);
        Objects.requireNonNull(nickname, "nickname");
        return database.submit(c -> appendJoin(c, roomId, chatterId, nickname, content, at, capacity));
    }

    /** Synchronous {@link #appendJoin(UUID, UUID, String, String, Instant)}, without a capacity check. */
    public Optional<MessageRecord> appendJoin(Connection c, UUID roomId, UUID chatterId, String nickname,
                                              String content, Instant at) throws SQLException {
        return appendJoin(c, roomId, chatterId, nickname, content, at, UNLIMITED);
    }

    /** Synchronous {@link #appendJoin(UUID, UUID, String, String, Instant, int)}. */
    public Optional<MessageRecord> appendJoin(Connection c, UUID roomId, UUID chatterId, String nickname,
                                              String content, Instant at, int capacity) throws SQLException {
        return PresenceAlerts.join(c, roomId, chatterId, nickname, content, at, capacity);
    }

    /** {@link #appendLeave(UUID, UUID, String, String, Instant, boolean)} without revoking the token. */
    public CompletableFuture<Optional<MessageRecord>> appendLeave(UUID roomId, UUID chatterId, String nickname,
                                                                  String content, Instant at) {
        return appendLeave(roomId, chatterId, nickname, content, at, false);
    }

    /**
     * Marks the chatter not present and stores its LEAVE alert, in one transaction, unless it
     * is not present (then nothing is stored).
     *
     * @param roomId    never null
     * @param chatterId never null
     * @param nickname  never null
     * @param content   the alert text, e.g. "Brave Otter left.", never null
     * @param at        never null
     * @param revoke    true for an explicit leave: the token stops working, even when the
     *                  chatter was not present
     * @return the LEAVE alert, or empty when the chatter was not present or does not exist;
     *     never null
     */
    public CompletableFuture<Optional<MessageRecord>> appendLeave(UUID roomId, UUID chatterId, String nickname,
                                                                  String content, Instant at, boolean revoke) {
        requireAlert(roomId, chatterId, content, at);
        Objects.requireNonNull(nickname, "nickname");
        return database.submit(c -> appendLeave(c, roomId, chatterId, nickname, content, at, revoke));
    }

    /** Synchronous {@link #appendLeave(UUID, UUID, String, String, Instant, boolean)}. */
    public Optional<MessageRecord> appendLeave(Connection c, UUID roomId, UUID chatterId, String nickname,
                                               String content, Instant at, boolean revoke) throws SQLException {
        return PresenceAlerts.leave(c, roomId, chatterId, nickname, content, at, revoke);
    }

    /**
     * Changes a chatter's nickname and stores the RENAME alert, in one transaction.
     *
     * @param roomId      never null
     * @param chatterId   never null
     * @param oldNickname never null
     * @param newNickname never null
     * @param content     the alert text, never null
     * @param at          never null
     * @return the RENAME alert, never null; fails with {@code ApiException(CHATTER_NOT_FOUND)}
     */
    public CompletableFuture<MessageRecord> rename(UUID roomId, UUID chatterId, String oldNickname,
                                                   String newNickname, String content, Instant at) {
        requireAlert(roomId, chatterId, content, at);
        Objects.requireNonNull(oldNickname, "oldNickname");
        Objects.requireNonNull(newNickname, "newNickname");
        return database.submit(c -> rename(c, roomId, chatterId, oldNickname, newNickname, content, at));
    }

    /** Synchronous {@link #rename(UUID, UUID, String, String, String, Instant)}. */
    public MessageRecord rename(Connection c, UUID roomId, UUID chatterId, String oldNickname, String newNickname,
                                String content, Instant at) throws SQLException {
        return PresenceAlerts.rename(c, roomId, chatterId, oldNickname, newNickname, content, at);
    }

    /**
     * One page of a room's history as a chatter may read it: page 1 holds the newest
     * {@code pageSize} messages with {@code id >= fromId}, page 2 the ones before, ...
     *
     * @param roomId   never null
     * @param fromId   the reader's first-join id, or null (then the result is empty)
     * @param page     1 or more
     * @param pageSize 1 or more
     * @return never null, ascending by id
     */
    public CompletableFuture<List<MessageRecord>> page(UUID roomId, Long fromId, int page, int pageSize) {
        Objects.requireNonNull(roomId, "roomId");
        return database.submit(c -> page(c, roomId, fromId, page, pageSize));
    }

    /** Synchronous {@link #page(UUID, Long, int, int)}. */
    public List<MessageRecord> page(Connection c, UUID roomId, Long fromId, int page, int pageSize)
            throws SQLException {
        if (page < 1) {
            throw new IllegalArgumentException("pages start at 1: " + page);
        }
        RoomRepository.requirePositive(pageSize);
        if (fromId == null) {
            return List.of();
        }
        return newestFirst(c, roomId, fromId - 1, (long) (page - 1) * pageSize, pageSize);
    }

    /**
     * The messages after a cursor: {@code id > afterId} and {@code id >= fromId}, oldest first.
     *
     * @param roomId  never null
     * @param fromId  the reader's first-join id, or null (then the result is empty)
     * @param afterId the cursor, 0 for the beginning
     * @param limit   1 or more
     * @return never null, ascending by id, at most {@code limit}
     */
    public CompletableFuture<List<MessageRecord>> after(UUID roomId, Long fromId, long afterId, int limit) {
        Objects.requireNonNull(roomId, "roomId");
        return database.submit(c -> after(c, roomId, fromId, afterId, limit));
    }

    /** Synchronous {@link #after(UUID, Long, long, int)}. */
    public List<MessageRecord> after(Connection c, UUID roomId, Long fromId, long afterId, int limit)
            throws SQLException {
        RoomRepository.requirePositive(limit);
        if (fromId == null) {
            return List.of();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + MessageRows.COLUMNS + " FROM messages"
                + " WHERE room_id = ? AND id > ? ORDER BY id FETCH FIRST ? ROWS ONLY")) {
            Jdbc.setUuid(ps, 1, roomId);
            ps.setLong(2, Math.max(afterId, fromId - 1));
            ps.setInt(3, limit);
            return MessageRows.query(ps);
        }
    }

    /**
     * The newest {@code max} messages after a cursor, for a resume: when more than
     * {@code max} were missed, the oldest are left out (the client pages back for them).
     *
     * @param roomId  never null
     * @param fromId  the reader's first-join id, or null (then the result is empty)
     * @param afterId the last id the client has
     * @param max     1 or more
     * @return never null, ascending by id, at most {@code max}
     */
    public CompletableFuture<List<MessageRecord>> newestAfter(UUID roomId, Long fromId, long afterId, int max) {
        Objects.requireNonNull(roomId, "roomId");
        return database.submit(c -> newestAfter(c, roomId, fromId, afterId, max));
    }

    /** Synchronous {@link #newestAfter(UUID, Long, long, int)}. */
    public List<MessageRecord> newestAfter(Connection c, UUID roomId, Long fromId, long afterId, int max)
            throws SQLException {
        RoomRepository.requirePositive(max);
        if (fromId == null) {
            return List.of();
        }
        return newestFirst(c, roomId, Math.max(afterId, fromId - 1), 0, max);
    }

    // ---------------------------------------------------------------- private methods

    /** Reads newest first (the index walks backwards), then returns the slice ascending. */
    private static List<MessageRecord> newestFirst(Connection c, UUID roomId, long aboveId, long offset, int limit)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + MessageRows.COLUMNS + " FROM messages"
                + " WHERE room_id = ? AND id > ? ORDER BY id DESC OFFSET ? ROWS FETCH FIRST ? ROWS ONLY")) {
            Jdbc.setUuid(ps, 1, roomId);
            ps.setLong(2, aboveId);
            ps.setLong(3, offset);
            ps.setInt(4, limit);
            List<MessageRecord> messages = new ArrayList<>(MessageRows.query(ps));
            Collections.reverse(messages);
            return messages;
        }
    }

    private static void requireAlert(UUID roomId, UUID chatterId, String content, Instant at) {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(chatterId, "chatterId");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(at, "at");
    }
}
