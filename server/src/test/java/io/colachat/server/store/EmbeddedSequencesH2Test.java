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
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** On the embedded database the process counts a room's ids ({@link EmbeddedSequences}); what it must not get wrong. */
class EmbeddedSequencesH2Test extends StoreTestBase {

    @Override
    TestDatabase openTarget() {
        return TestDatabase.h2();
    }

    @Test
    void aRolledBackWriterLeavesNoGapBehindTheIdsItCounted() {
        RoomRecord room = newRoom();
        ChatterRecord author = newChatter(room, "Brave Otter");
        appendMessages(room, author, 2);

        assertThatThrownBy(() -> db.execute(c -> {
            messages.append(c, room.id(), List.of(NewMessage.message("a", NOW, author.id(), "Brave Otter"),
                    NewMessage.message("b", NOW, author.id(), "Brave Otter"),
                    NewMessage.message("c", NOW, author.id(), "Brave Otter")));
            throw new IllegalStateException("the caller fails after appending");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(appendMessages(room, author, 2)).extracting(MessageRecord::id).containsExactly(3L, 4L);
        assertThat(lastStoredId(room)).isEqualTo(4);
    }

    @Test
    void continuesFromTheStoredIdsOfARoomItHasNotCountedYet() {
        RoomRecord room = newRoom();
        ChatterRecord author = newChatter(room, "Brave Otter");
        // Stored by an earlier run of the process: nothing of this room is remembered.
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
    void aRoomDeletedAfterItWasCountedIsNotFound() {
        RoomRecord room = newRoom();
        ChatterRecord author = newChatter(room, "Brave Otter");
        appendMessages(room, author, 1);
        db.execute(c -> {
            for (String table : List.of("messages", "chatters", "rooms")) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table
                        + (table.equals("rooms") ? " WHERE id = ?" : " WHERE room_id = ?"))) {
                    Jdbc.setUuid(ps, 1, room.id());
                    ps.executeUpdate();
                }
            }
            return null;
        });

        assertThatThrownBy(() -> appendMessages(room, author, 1)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.ROOM_NOT_FOUND));
    }

    @Test
    void twoPoolsOnOneDatabaseShareTheCount() {
        RoomRecord room = newRoom();
        ChatterRecord author = newChatter(room, "Brave Otter");
        MessageRepository other = new MessageRepository(target.openAnother());
        appendMessages(room, author, 1);

        List<MessageRecord> second = await(other.append(room.id(),
                List.of(NewMessage.message("from the other pool", NOW, author.id(), "Brave Otter"))));

        assertThat(second).extracting(MessageRecord::id).containsExactly(2L);
        assertThat(appendMessages(room, author, 1)).extracting(MessageRecord::id).containsExactly(3L);
    }

    @Test
    void aWriterThatWaitedForTheRoomCountsOnFromTheIdsStoredMeanwhile() throws Exception {
        RoomRecord room = newRoom();
        ChatterRecord author = newChatter(room, "Brave Otter");
        appendMessages(room, author, 1);
        CountDownLatch waiting = new CountDownLatch(1);
        AtomicReference<Thread> second = new AtomicReference<>();

        // The first writer holds the room's row before it counts, so the second one reads the count
        // (1) and then waits for the row while the first moves the count on.
        CompletableFuture<List<MessageRecord>> first = CompletableFuture.supplyAsync(() -> db.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM rooms WHERE id = ? FOR UPDATE")) {
                Jdbc.setUuid(ps, 1, room.id());
                ps.executeQuery().close();
            }
            waiting.countDown();
            Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> second.get() != null && second.get().getState() != Thread.State.RUNNABLE);
            return messages.append(c, room.id(), List.of(NewMessage.message("a", NOW, author.id(), "Brave Otter"),
                    NewMessage.message("b", NOW, author.id(), "Brave Otter")));
        }));
        waiting.await();
        CompletableFuture<List<MessageRecord>> then = CompletableFuture.supplyAsync(() -> {
            second.set(Thread.currentThread());
            return db.execute(c -> messages.append(c, room.id(),
                    List.of(NewMessage.message("c", NOW, author.id(), "Brave Otter"))));
        });

        assertThat(await(first)).extracting(MessageRecord::id).containsExactly(2L, 3L);
        assertThat(await(then)).extracting(MessageRecord::id).containsExactly(4L);
    }
}
