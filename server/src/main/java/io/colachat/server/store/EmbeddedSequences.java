package io.colachat.server.store;

import io.colachat.server.api.ApiException;
import io.colachat.server.api.ErrorCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;

/**
 * The per-room message id sequence on an embedded H2 database, counted by the process.
 *
 * <p>H2 performs an {@code UPDATE} as a delete and an insert of the row in every index of the
 * table, so counting in {@code rooms.last_message_id} rewrote the room's row and its three index
 * entries for every message: 60 % of what an append allocated ({@code StoreCostProbe}), and much of
 * what each young collection copies while many rooms chat. Locking the row instead
 * ({@code SELECT … FOR UPDATE}) costs H2 more than half as much again, so the lock is the process's
 * own: an embedded database belongs to one process, and every transaction of it runs through
 * {@link Database#execute}, which tells this class when it ends.
 *
 * <p>For a room, a writer takes the room's lock and holds it until its transaction ends, as the
 * row's lock was held: writers of a room go one after the other, ids strictly increase in commit
 * order and stay contiguous. The count is read from {@code messages} the first time a room is
 * written after start (its highest stored id), moved on by each reservation, and put back when the
 * transaction rolls back. The purge of expired rooms takes the same locks, after the chatters' rows
 * and before the rooms' rows, the order every writer keeps; a writer that waited for a purged room
 * finds it gone. On this database {@code rooms.last_message_id} stays 0. PostgreSQL, which several
 * processes share, and H2 reached over TCP keep counting in the row ({@link MessageRows#allocate}).
 */
final class EmbeddedSequences {

    /** How long a writer waits for a room another transaction holds, as H2's own lock timeout would. */
    private static final long LOCK_WAIT_SECONDS = 10;

    private static final Map<org.h2.engine.Database, EmbeddedSequences> BY_DATABASE =
            Collections.synchronizedMap(new WeakHashMap<>());

    /** The transaction running on this thread ({@link Database#execute}), or null outside one. */
    private static final ThreadLocal<Transaction> CURRENT = new ThreadLocal<>();

    private final Map<UUID, Room> rooms = new ConcurrentHashMap<>();

    /** A room's count; read and written only by the holder of {@code lock}. */
    private static final class Room {
        final ReentrantLock lock = new ReentrantLock();
        /** The last id reserved, or -1 until read from the table. */
        long last = -1;
        boolean gone;
    }

    /** What one transaction holds: each lock taken, in order, with the count before it. */
    static final class Transaction {
        private final Transaction outer;
        private final List<Room> held = new ArrayList<>(2);
        private final List<Long> before = new ArrayList<>(2);
        private final List<Room> deleting = new ArrayList<>(0);
        private final List<Runnable> forget = new ArrayList<>(0);

        private Transaction(Transaction outer) {
            this.outer = outer;
        }

        private void held(Room room) {
            held.add(room);
            before.add(room.last);
        }
    }

    private EmbeddedSequences() {
    }

    /** Called by {@link Database} as a transaction begins on this thread; pass the result to {@link #end}. */
    static Transaction begin() {
        Transaction t = new Transaction(CURRENT.get());
        CURRENT.set(t);
        return t;
    }

    /** Called by {@link Database} once the transaction has committed or rolled back: releases what it held. */
    static void end(Transaction t, boolean committed) {
        if (t.outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(t.outer);
        }
        if (committed) {
            for (Room room : t.deleting) {
                room.gone = true;
            }
            t.forget.forEach(Runnable::run);
        }
        for (int i = t.held.size() - 1; i >= 0; i--) {
            Room room = t.held.get(i);
            if (!committed) {
                room.last = t.before.get(i);
            }
            room.lock.unlock();
        }
    }

    /** The sequences of the embedded H2 database behind {@code c} inside a transaction; otherwise null. */
    static EmbeddedSequences of(Connection c) throws SQLException {
        if (CURRENT.get() == null || !c.isWrapperFor(JdbcConnection.class)
                || !(c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return null;
        }
        return BY_DATABASE.computeIfAbsent(session.getDatabase(), d -> new EmbeddedSequences());
    }

    /** As {@link MessageRows#allocate}: reserves {@code count} ids and returns the last one. */
    long allocate(Connection c, UUID roomId, int count) throws SQLException {
        Room room = lock(roomId);
        if (room.gone) {
            throw new ApiException(ErrorCode.ROOM_NOT_FOUND, "The room does not exist.");
        }
        if (room.last < 0) {
            if (!exists(c, roomId)) {
                rooms.remove(roomId, room);
                throw new ApiException(ErrorCode.ROOM_NOT_FOUND, "The room does not exist.");
            }
            room.last = lastStored(c, roomId);
        }
        room.last += count;
        return room.last;
    }

    /**
     * Takes the locks of rooms this transaction is about to delete, in id order; once it commits,
     * their writers find them gone.
     */
    void lockForDelete(List<UUID> roomIds) throws SQLException {
        List<UUID> sorted = new ArrayList<>(roomIds);
        Collections.sort(sorted);
        Transaction t = CURRENT.get();
        for (UUID id : sorted) {
            Room room = lock(id);
            t.deleting.add(room);
            t.forget.add(() -> rooms.remove(id, room));
        }
    }

    private Room lock(UUID roomId) throws SQLException {
        Room room = rooms.computeIfAbsent(roomId, id -> new Room());
        try {
            if (!room.lock.tryLock(LOCK_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new SQLTimeoutException("room " + roomId + " stayed locked by another transaction for "
                        + LOCK_WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTimeoutException("interrupted while waiting for room " + roomId, e);
        }
        CURRENT.get().held(room);
        return room;
    }

    private static boolean exists(Connection c, UUID roomId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM rooms WHERE id = ?")) {
            Jdbc.setUuid(ps, 1, roomId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The room's highest stored id, 0 for none; H2 reads the room's index range for it, once a start. */
    private static long lastStored(Connection c, UUID roomId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM messages WHERE room_id = ?")) {
            Jdbc.setUuid(ps, 1, roomId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
