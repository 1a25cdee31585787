package io.colachat.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.colachat.server.api.ApiException;
import io.colachat.server.api.ErrorCode;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** On the embedded database the process counts a room's ids ({@link EmbeddedSequences}): what it must get right. */
class EmbeddedSequencesH2Test extends StoreTestBase {

    @Override
    TestDatabase openTarget() {
        return TestDatabase.h2();
    }

    @Test
    void aRolledBackWriterGivesItsIdsBack() {
        RoomRecord room = newRoom();
        ChatterRecord author = newChatter(room, "Brave Otter");
        appendMessages(room, author, 2);

        assertThatThrownBy(() -> db.execute(c -> {
            messages.append(c, room.id(), List.of(message(author, "a"), message(author, "b"), message(author, "c")));
            throw new IllegalStateException("the caller fails after appending");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(appendMessages(room, author, 2)).extracting(MessageRecord::id).containsExactly(3L, 4L);
    }

    @Test
    void countsOnFromWhatAnEarlierRunOfTheProcessStored() {
        RoomRecord room = newRoom();
        ChatterRecord author = newChatter(room, "Brave Otter");
        db.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO messages (" + MessageRows.COLUMNS
                    + ") VALUES (?, ?, 'MESSAGE', 'old', ?, NULL, NULL, NULL, NULL, NULL)")) {
                for (long id = 1; id <= 7; id++) {
                    Jdbc.setUuid(ps, 1, room.id());
                    ps.setLong(2, id);
                    Jdbc.setInstant(ps, 3, NOW);
                    ps.executeUpdate();
                }
            }
            return null;
        });

        assertThat(appendMessages(room, author, 1)).extracting(MessageRecord::id).containsExactly(8L);
    }

    @Test
    void aSecondWriterWaitsForTheFirstToCommitAndCountsOnFromIt() throws Exception {
        RoomRecord room = newRoom();
        ChatterRecord author = newChatter(room, "Brave Otter");
        appendMessages(room, author, 1);
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);

        CompletableFuture<List<MessageRecord>> first = CompletableFuture.supplyAsync(() -> db.execute(c -> {
            List<MessageRecord> stored = messages.append(c, room.id(), List.of(message(author, "a"), message(author, "b")));
            appended.countDown();
            awaitQuietly(release);
            return stored;
        }));
        assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<List<MessageRecord>> second = messages.append(room.id(), List.of(message(author, "c")));

        // The second waits for the room while the first's transaction is open.
        assertThatThrownBy(() -> second.get(300, TimeUnit.MILLISECONDS))
                .isInstanceOf(java.util.concurrent.TimeoutException.class);
        release.countDown();

        assertThat(await(first)).extracting(MessageRecord::id).containsExactly(2L, 3L);
        assertThat(await(second)).extracting(MessageRecord::id).containsExactly(4L);
    }

    @Test
    void aWriterThatWaitedForAPurgedRoomFindsItGone() throws Exception {
        RoomRecord room = newRoom(NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofDays(2)));
        ChatterRecord author = newChatter(room, "Brave Otter");
        appendMessages(room, author, 1);
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);

        CompletableFuture<Integer> purge = CompletableFuture.supplyAsync(() -> db.execute(c -> {
            int purged = rooms.purgeExpiredBefore(c, NOW.minus(Duration.ofDays(1)));
            locked.countDown();
            awaitQuietly(release);
            return purged;
        }));
        assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<List<MessageRecord>> late = messages.append(room.id(), List.of(message(author, "late")));
        assertThatThrownBy(() -> late.get(300, TimeUnit.MILLISECONDS))
                .isInstanceOf(java.util.concurrent.TimeoutException.class);
        release.countDown();

        assertThat(await(purge)).isEqualTo(1);
        assertThatThrownBy(() -> await(late)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.ROOM_NOT_FOUND));
        assertThat(countMessages(room.id())).isZero();
    }

    @Test
    void aRoomThatNeverExistedIsNotFoundEveryTime() {
        RoomRecord ghost = RoomRecord.newRoom(java.util.UUID.randomUUID(), "never created", "anonymous", 8, null,
                NOW, NOW.plus(Duration.ofDays(1)));
        ChatterRecord author = ChatterRecord.newChatter(java.util.UUID.randomUUID(), ghost.id(), "Brave Otter",
                "0".repeat(64), NOW);

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> appendMessages(ghost, author, 1)).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.ROOM_NOT_FOUND));
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static NewMessage message(ChatterRecord author, String content) {
        return NewMessage.message(content, NOW, author.id(), author.nickname());
    }
}
