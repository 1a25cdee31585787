package io.colachat.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.colachat.server.api.ApiException;
import io.colachat.server.api.ErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link GroupCommit}: appends of many rooms in one transaction, each room's failure its own. */
abstract class GroupCommitContract extends StoreTestBase {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private GroupCommit group;
    private ExecutorService threads;

    @BeforeEach
    void newGroup() {
        group = new GroupCommit(db, messages);
        threads = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void manyRoomsAppendingAtOnceGetContiguousIdsEach() throws Exception {
        int rooms = 12;
        int batches = 15;
        List<RoomRecord> all = new ArrayList<>();
        List<Future<?>> lanes = new ArrayList<>();
        for (int r = 0; r < rooms; r++) {
            RoomRecord room = newRoom();
            all.add(room);
            // One thread per room, as the rooms' lanes are: a room has one append in flight at a time.
            lanes.add(threads.submit(() -> {
                for (int b = 0; b < batches; b++) {
                    List<MessageRecord> stored = group.append(room.id(), batch(2, "b" + b));
                    assertThat(stored).extracting(MessageRecord::id).containsExactly(2L * b + 1, 2L * b + 2);
                }
                return null;
            }));
        }
        for (Future<?> lane : lanes) {
            lane.get(60, TimeUnit.SECONDS);
        }

        for (RoomRecord room : all) {
            assertThat(await(messages.after(room.id(), 0L, 0, 100))).extracting(MessageRecord::id)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 2L * batches).boxed().toList());
            assertThat(lastStoredId(room)).isEqualTo(2L * batches);
        }
        assertThat(group.appends()).isEqualTo((long) rooms * batches);
        assertThat(group.transactions()).isBetween(1L, group.appends());
    }

    @Test
    void appendsQueuedBehindACommitShareTheNextTransaction() throws Exception {
        group = new GroupCommit(db, messages, 1);
        RoomRecord blocked = newRoom();
        List<RoomRecord> waiting = List.of(newRoom(), newRoom(), newRoom(), newRoom());
        try (RowLock lock = new RowLock(blocked.id())) {
            Future<List<MessageRecord>> first = threads.submit(() -> group.append(blocked.id(), batch(1, "first")));
            // The first caller commits alone and waits on the row lock, holding the committer.
            Awaitility.await().atMost(WAIT).until(() -> group.active() == 1 && group.queued() == 0);
            List<Future<List<MessageRecord>>> rest = new ArrayList<>();
            for (RoomRecord room : waiting) {
                rest.add(threads.submit(() -> group.append(room.id(), batch(3, "queued"))));
            }
            Awaitility.await().atMost(WAIT).until(() -> group.queued() == waiting.size());
            lock.release();

            assertThat(first.get(30, TimeUnit.SECONDS)).extracting(MessageRecord::id).containsExactly(1L);
            for (Future<List<MessageRecord>> f : rest) {
                assertThat(f.get(30, TimeUnit.SECONDS)).extracting(MessageRecord::id).containsExactly(1L, 2L, 3L);
            }
        }
        assertThat(group.appends()).isEqualTo(5);
        assertThat(group.transactions()).as("one alone, then the four queued together").isEqualTo(2);
        for (RoomRecord room : waiting) {
            assertThat(countMessages(room.id())).isEqualTo(3);
        }
    }

    @Test
    void aFailingRoomFailsAloneAndTheRestOfItsGroupIsStored() throws Exception {
        group = new GroupCommit(db, messages, 1);
        RoomRecord blocked = newRoom();
        RoomRecord good = newRoom();
        RoomRecord alsoGood = newRoom();
        UUID gone = UUID.randomUUID();
        Future<List<MessageRecord>> ok;
        Future<List<MessageRecord>> alsoOk;
        Future<List<MessageRecord>> failed;
        try (RowLock lock = new RowLock(blocked.id())) {
            threads.submit(() -> group.append(blocked.id(), batch(1, "first")));
            Awaitility.await().atMost(WAIT).until(() -> group.active() == 1 && group.queued() == 0);
            ok = threads.submit(() -> group.append(good.id(), batch(2, "good")));
            failed = threads.submit(() -> group.append(gone, batch(2, "nowhere")));
            alsoOk = threads.submit(() -> group.append(alsoGood.id(), batch(1, "good")));
            Awaitility.await().atMost(WAIT).until(() -> group.queued() == 3);
            lock.release();
        }

        assertThat(ok.get(30, TimeUnit.SECONDS)).extracting(MessageRecord::id).containsExactly(1L, 2L);
        assertThat(alsoOk.get(30, TimeUnit.SECONDS)).extracting(MessageRecord::id).containsExactly(1L);
        assertThatThrownBy(() -> unwrap(failed)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.ROOM_NOT_FOUND));
        assertThat(countMessages(good.id())).isEqualTo(2);
        assertThat(countMessages(alsoGood.id())).isEqualTo(1);
        assertThat(countMessages(gone)).isZero();
        assertThat(lastStoredId(good)).isEqualTo(2);
    }

    @Test
    void appendAllContinuesEveryRoomsSequenceAndStoresEveryMessage() throws Exception {
        java.util.Map<UUID, Integer> before = new java.util.HashMap<>();
        java.util.Map<UUID, RoomRecord> byId = new java.util.HashMap<>();
        for (int r = 0; r < 5; r++) {
            RoomRecord room = newRoom();
            byId.put(room.id(), room);
            before.put(room.id(), r);
            messages.append(room.id(), batch(r, "before")).get(30, TimeUnit.SECONDS);
        }
        List<UUID> ids = sorted(byId.keySet().toArray(UUID[]::new));
        List<List<NewMessage>> batches = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            batches.add(batch(i + 1, "group " + i));
        }

        List<List<MessageRecord>> stored = db.execute(c -> messages.appendAll(c, ids, batches));

        for (int i = 0; i < ids.size(); i++) {
            UUID id = ids.get(i);
            long from = before.get(id);
            List<Long> expected = LongStream.rangeClosed(from + 1, from + i + 1).boxed().toList();
            assertThat(stored.get(i)).extracting(MessageRecord::roomId).containsOnly(id);
            assertThat(stored.get(i)).extracting(MessageRecord::id).containsExactlyElementsOf(expected);
            List<MessageRecord> read = messages.after(id, 0L, from, 100).get(30, TimeUnit.SECONDS);
            assertThat(read).extracting(MessageRecord::id).containsExactlyElementsOf(expected);
            assertThat(read).extracting(MessageRecord::content)
                    .containsExactlyElementsOf(batches.get(i).stream().map(NewMessage::content).toList());
            assertThat(lastStoredId(byId.get(id))).isEqualTo(from + i + 1);
        }
    }

    @Test
    void appendAllWithAMissingRoomStoresNothing() {
        RoomRecord a = newRoom();
        RoomRecord b = newRoom();
        List<UUID> ids = sorted(a.id(), b.id(), UUID.randomUUID());
        List<List<NewMessage>> batches = List.of(batch(1, "x"), batch(2, "y"), batch(1, "z"));

        assertThatThrownBy(() -> db.execute(c -> messages.appendAll(c, ids, batches)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ROOM_NOT_FOUND));
        assertThat(countMessages(a.id())).isZero();
        assertThat(countMessages(b.id())).isZero();
        assertThat(lastStoredId(a)).isZero();
        assertThat(lastStoredId(b)).isZero();
    }

    @Test
    void appendAllWithARoomNamedTwiceStoresBothBatchesInOrder() {
        RoomRecord a = newRoom();
        RoomRecord b = newRoom();
        List<UUID> ids = sorted(a.id(), a.id(), b.id());
        int firstA = ids.indexOf(a.id());
        List<List<NewMessage>> batches = new ArrayList<>(List.of(batch(1, "b"), batch(1, "b"), batch(1, "b")));
        batches.set(firstA, batch(2, "a first"));
        batches.set(firstA + 1, batch(1, "a second"));

        List<List<MessageRecord>> stored = db.execute(c -> messages.appendAll(c, ids, batches));

        assertThat(stored.get(firstA)).extracting(MessageRecord::id).containsExactly(1L, 2L);
        assertThat(stored.get(firstA + 1)).extracting(MessageRecord::id).containsExactly(3L);
        assertThat(lastStoredId(a)).isEqualTo(3);
        assertThat(lastStoredId(b)).isEqualTo(1);
    }

    @Test
    void aSecondCommitterCommitsWhileTheFirstWaits() throws Exception {
        group = new GroupCommit(db, messages, 2);
        RoomRecord blocked = newRoom();
        RoomRecord free = newRoom();
        try (RowLock lock = new RowLock(blocked.id())) {
            Future<List<MessageRecord>> first = threads.submit(() -> group.append(blocked.id(), batch(1, "first")));
            Awaitility.await().atMost(WAIT).until(() -> group.active() == 1 && group.queued() == 0);

            assertThat(threads.submit(() -> group.append(free.id(), batch(2, "free"))).get(30, TimeUnit.SECONDS))
                    .extracting(MessageRecord::id).containsExactly(1L, 2L);
            assertThat(first).isNotDone();

            lock.release();
            assertThat(first.get(30, TimeUnit.SECONDS)).extracting(MessageRecord::id).containsExactly(1L);
        }
        assertThat(group.transactions()).isEqualTo(2);
    }

    @Test
    void committersMustBeAtLeastOne() {
        assertThatThrownBy(() -> new GroupCommit(db, messages, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Rooms in the order a group commits them. */
    private static List<UUID> sorted(UUID... ids) {
        return java.util.Arrays.stream(ids).sorted().toList();
    }

    private static List<NewMessage> batch(int count, String text) {
        UUID author = UUID.randomUUID();
        List<NewMessage> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(NewMessage.message(text + " " + i, NOW.plusMillis(i), author, "Brave Otter"));
        }
        return out;
    }

    private static <T> T unwrap(Future<T> f) throws Exception {
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    /** A room held by another connection's open transaction until released, as a writer holds it. */
    private final class RowLock implements AutoCloseable {
        private final CountDownLatch held = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private final Future<?> holder;

        RowLock(UUID roomId) throws InterruptedException {
            Database other = target.openAnother();
            holder = threads.submit(() -> other.execute(c -> {
                // Held as a writer holds it: the row's lock on PostgreSQL, the process's own on H2.
                MessageRows.allocate(c, roomId, 0);
                held.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            assertThat(held.await(30, TimeUnit.SECONDS)).as("the row lock was taken").isTrue();
        }

        void release() {
            release.countDown();
        }

        @Override
        public void close() throws Exception {
            release.countDown();
            holder.get(30, TimeUnit.SECONDS);
        }
    }
}
