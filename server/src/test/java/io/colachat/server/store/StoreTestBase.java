package io.colachat.server.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;

/**
 * Shared set-up of the store's integration tests: each contract runs once per database
 * (an {@code ...H2Test} and a {@code ...PostgresTest} subclass), against real storage.
 */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreTestBase {

    /** A fixed clock reading for deterministic timestamps; sub-millisecond on purpose. */
    static final Instant NOW = Instant.parse("2026-11-24T10:00:00.123456789Z");

    TestDatabase target;
    Database db;
    RoomRepository rooms;
    ChatterRepository chatters;
    MessageRepository messages;

    /** The database this subclass runs against. */
    abstract TestDatabase openTarget();

    @BeforeAll
    void openDatabase() {
        target = openTarget();
        db = target.database();
        rooms = new RoomRepository(db);
        chatters = new ChatterRepository(db);
        messages = new MessageRepository(db);
    }

    @AfterAll
    void closeDatabase() {
        if (target != null) {
            target.close();
        }
    }

    @BeforeEach
    void wipe() {
        db.execute(c -> {
            for (String table : List.of("messages", "chatters", "rooms")) {
                c.createStatement().executeUpdate("DELETE FROM " + table);
            }
            return null;
        });
    }

    /** Waits for a store future; rethrows its failure unwrapped, as callers would see it. */
    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new AssertionError("store future did not complete in 60 s", e);
        }
    }

    RoomRecord newRoom() {
        return newRoom(NOW, NOW.plus(Duration.ofHours(24)));
    }

    RoomRecord newRoom(Instant createdAt, Instant expiresAt) {
        return await(rooms.create(RoomRecord.newRoom(UUID.randomUUID(), "Friday plans", "anonymous", 8, null,
                createdAt, expiresAt)));
    }

    ChatterRecord newChatter(RoomRecord room, String nickname) {
        return await(chatters.create(ChatterRecord.newChatter(UUID.randomUUID(), room.id(), nickname,
                sha256Hex(UUID.randomUUID().toString()), NOW)));
    }

    /** A chatter that has joined (its JOIN stored). */
    ChatterRecord joinedChatter(RoomRecord room, String nickname) {
        ChatterRecord chatter = newChatter(room, nickname);
        await(messages.appendJoin(room.id(), chatter.id(), nickname, nickname + " joined.", NOW));
        return reload(chatter);
    }

    ChatterRecord reload(ChatterRecord chatter) {
        return await(chatters.findById(chatter.id())).orElseThrow();
    }

    RoomRecord reload(RoomRecord room) {
        return await(rooms.findById(room.id())).orElseThrow();
    }

    List<MessageRecord> appendMessages(RoomRecord room, ChatterRecord author, int count) {
        List<NewMessage> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(NewMessage.message("message " + i, NOW.plusMillis(i), author.id(), author.nickname()));
        }
        return await(messages.append(room.id(), batch));
    }

    /** The highest id stored in a room, 0 for none, read straight from the table. */
    long lastStoredId(RoomRecord room) {
        return perRoom("SELECT COALESCE(MAX(id), 0) FROM messages WHERE room_id = ?", room.id());
    }

    /** Rows of {@code messages} of one room, counted straight from the table. */
    long countMessages(UUID roomId) {
        return perRoom("SELECT COUNT(*) FROM messages WHERE room_id = ?", roomId);
    }

    private long perRoom(String sql, UUID roomId) {
        return db.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, roomId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    static String sha256Hex(String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code threads} tasks released at the same instant; returns their results in task order. */
    static <T> List<T> race(int threads, IntFunction<Callable<T>> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<T> body = task.apply(t);
                futures.add(pool.submit(() -> {
                    start.await();
                    return body.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
