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
import java.util.concurrent.TimeoutException;
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

        HeldTransaction<List<MessageRecord>> first = new HeldTransaction<>(
                c -> messages.append(c, room.id(), List.of(message(author, "a"), message(author, "b"))));
        CompletableFuture<List<MessageRecord>> second = messages.append(room.id(), List.of(message(author, "c")));
        first.assertWaiting(second);

        assertThat(first.commit()).extracting(MessageRecord::id).containsExactly(2L, 3L);
        assertThat(await(second)).extracting(MessageRecord::id).containsExactly(4L);
    }

    @Test
    void aWriterThatWaitedForAPurgedRoomFindsItGone() throws Exception {
        RoomRecord room = newRoom(NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofDays(2)));
        ChatterRecord author = newChatter(room, "Brave Otter");
        appendMessages(room, author, 1);

        HeldTransaction<Integer> purge = new HeldTransaction<>(
                c -> rooms.purgeExpiredBefore(c, NOW.minus(Duration.ofDays(1))));
        CompletableFuture<List<MessageRecord>> late = messages.append(room.id(), List.of(message(author, "late")));
        purge.assertWaiting(late);

        assertThat(purge.commit()).isEqualTo(1);
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

    /** Work whose transaction stays open until {@link #commit}, so that others can be seen waiting for it. */
    private final class HeldTransaction<T> {
        private final CountDownLatch ran = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private final CompletableFuture<T> result;

        HeldTransaction(SqlWork<T> work) throws InterruptedException {
            result = CompletableFuture.supplyAsync(() -> db.execute(c -> {
                T value = work.run(c);
                ran.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                return value;
            }));
            assertThat(ran.await(30, TimeUnit.SECONDS)).as("the held transaction did its work").isTrue();
        }

        /** {@code other} has not finished while this transaction is open. */
        void assertWaiting(CompletableFuture<?> other) {
            assertThatThrownBy(() -> other.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        }

        T commit() {
            release.countDown();
            return await(result);
        }
    }

    private static NewMessage message(ChatterRecord author, String content) {
        return NewMessage.message(content, NOW, author.id(), author.nickname());
    }
}
