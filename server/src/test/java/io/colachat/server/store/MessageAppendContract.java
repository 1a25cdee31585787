package io.colachat.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.colachat.server.api.ApiException;
import io.colachat.server.api.ErrorCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** {@link MessageRepository#append}: the per-room id sequence and group commit. */
abstract class MessageAppendContract extends StoreTestBase {

    @Test
    void appendAssignsContiguousIdsPerRoom() {
        RoomRecord first = newRoom();
        RoomRecord second = newRoom();
        ChatterRecord author = newChatter(first, "Brave Otter");

        assertThat(appendMessages(first, author, 3)).extracting(MessageRecord::id).containsExactly(1L, 2L, 3L);
        assertThat(appendMessages(second, author, 2)).extracting(MessageRecord::id).containsExactly(1L, 2L);
        assertThat(appendMessages(first, author, 2)).extracting(MessageRecord::id).containsExactly(4L, 5L);
        assertThat(lastStoredId(first)).isEqualTo(5);
        assertThat(lastStoredId(second)).isEqualTo(2);
    }

    @Test
    void appendKeepsListOrderAndEveryField() {
        RoomRecord room = newRoom();
        UUID chatterId = UUID.randomUUID();
        List<NewMessage> batch = List.of(
                NewMessage.message("hi", NOW, chatterId, "Brave Otter"),
                NewMessage.alert(AlertKind.RENAME, "Brave Otter is now Calm Heron.", NOW.plusMillis(1), chatterId,
                        "Calm Heron", "Brave Otter"),
                NewMessage.message("line one\nline two\t✓ 😀", NOW.plusMillis(2), chatterId, "Calm Heron"));

        List<MessageRecord> stored = await(messages.append(room.id(), batch));

        assertThat(stored).extracting(MessageRecord::id).containsExactly(1L, 2L, 3L);
        assertThat(stored.get(1)).isEqualTo(new MessageRecord(2, room.id(), MessageType.ALERT,
                "Brave Otter is now Calm Heron.", millis(NOW.plusMillis(1)), chatterId, "Calm Heron",
                AlertKind.RENAME, "Calm Heron", "Brave Otter"));
        assertThat(await(messages.after(room.id(), 1L, 0, 10))).isEqualTo(stored);
        assertThat(stored.get(0).sentAt()).isEqualTo(millis(NOW));
        assertThat(stored.get(0).alertKind()).isNull();
    }

    @Test
    void appendOfNothingWritesNothing() {
        RoomRecord room = newRoom();

        assertThat(await(messages.append(room.id(), List.of()))).isEmpty();
        assertThat(lastStoredId(room)).isZero();
    }

    @Test
    void appendToAnUnknownRoomFailsWithRoomNotFound() {
        UUID chatterId = UUID.randomUUID();
        CompletableFuture<List<MessageRecord>> failed = messages.append(UUID.randomUUID(),
                List.of(NewMessage.message("hi", NOW, chatterId, "Brave Otter")));

        assertThatThrownBy(() -> await(failed)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.ROOM_NOT_FOUND));
    }

    @Test
    void failedAppendRollsBackItsIdsSoIdsStayContiguous() {
        RoomRecord room = newRoom();
        ChatterRecord author = newChatter(room, "Brave Otter");
        List<NewMessage> tooLong = List.of(NewMessage.message("ok", NOW, author.id(), "Brave Otter"),
                NewMessage.message("x".repeat(5000), NOW, author.id(), "Brave Otter"));

        assertThatThrownBy(() -> await(messages.append(room.id(), tooLong))).isInstanceOf(StoreException.class);

        assertThat(lastStoredId(room)).isZero();
        assertThat(countMessages(room.id())).isZero();
        assertThat(appendMessages(room, author, 1)).extracting(MessageRecord::id).containsExactly(1L);
    }

    @Test
    void concurrentAppendsFromEightThreadsGetUniqueContiguousIds() throws Exception {
        RoomRecord room = newRoom();
        // Two pools on one database: on PostgreSQL that is two processes as far as locks go.
        Database otherProcess = target.openAnother();
        List<MessageRepository> writers = List.of(messages, new MessageRepository(otherProcess));
        List<List<List<MessageRecord>>> perThread = race(8, t -> () -> {
            MessageRepository writer = writers.get(t % 2);
            List<List<MessageRecord>> batches = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                List<NewMessage> batch = new ArrayList<>();
                for (int k = 0; k <= (t + i) % 3; k++) {
                    batch.add(NewMessage.message(t + "/" + i + "/" + k, NOW, UUID.randomUUID(), "T" + t));
                }
                batches.add(await(writer.append(room.id(), batch)));
            }
            return batches;
        });

        List<Long> allIds = new ArrayList<>();
        for (List<List<MessageRecord>> batches : perThread) {
            long previous = 0;
            for (List<MessageRecord> batch : batches) {
                List<Long> ids = batch.stream().map(MessageRecord::id).toList();
                assertThat(ids).as("one batch is one contiguous range")
                        .isEqualTo(LongStream.rangeClosed(ids.get(0), ids.get(ids.size() - 1)).boxed().toList());
                assertThat(ids.get(0)).as("a writer's later batch gets higher ids").isGreaterThan(previous);
                previous = ids.get(ids.size() - 1);
                allIds.addAll(ids);
            }
        }
        Collections.sort(allIds);
        assertThat(allIds).isEqualTo(LongStream.rangeClosed(1, allIds.size()).boxed().toList());
        assertThat(lastStoredId(room)).isEqualTo(allIds.size());
        assertThat(countMessages(room.id())).isEqualTo(allIds.size());
    }
}
