package io.colachat.server.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * Group commit across rooms: appends that different rooms make at the same moment share one
 * transaction. Each room already stores its consecutive messages in one append (its lane's batch);
 * this merges the appends of many small rooms, which would otherwise cost a transaction each
 * (and, on PostgreSQL, a WAL flush each).
 *
 * <p>How: a caller queues its request and becomes a committer as soon as fewer than
 * {@code committers} are at work. A committer takes everything queued (up to {@link #MAX_GROUP}
 * requests) and commits it in one transaction, rooms in id order so that concurrent groups, of this
 * node or another, lock room rows in one order. While the committers are busy, new requests pile
 * up and go together in the next group. A caller whose request another committer took waits for
 * it to be done. Callers are the rooms' lanes, so a room has at most one request in flight per node.
 * A few committers rather than one keep PostgreSQL, which flushes its WAL for concurrent commits
 * together, busy.
 *
 * <p>Failure stays with its room: when a group's transaction fails (one room was deleted, say),
 * it is rolled back whole and every request of it is tried again in a transaction of its own.
 *
 * <p>Blocking: call on a worker thread, never on an event loop.
 */
public final class GroupCommit {

    /** The most appends merged into one transaction. */
    public static final int MAX_GROUP = 64;

    /** Committers at work at once, by default. */
    public static final int DEFAULT_COMMITTERS = 4;

    private final Database db;
    private final MessageRepository messages;
    private final int committers;
    private final ConcurrentLinkedQueue<Request> queued = new ConcurrentLinkedQueue<>();
    private final LongAdder transactions = new LongAdder();
    private final LongAdder appends = new LongAdder();
    /** Committers at work; guarded by {@code this}, which is also the monitor waiters wait on. */
    private int active;

    public GroupCommit(Database db, MessageRepository messages) {
        this(db, messages, DEFAULT_COMMITTERS);
    }

    /** @param committers how many transactions may be committing at once, at least 1 */
    public GroupCommit(Database db, MessageRepository messages, int committers) {
        if (committers < 1) {
            throw new IllegalArgumentException("committers must be at least 1");
        }
        this.db = Objects.requireNonNull(db, "db");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.committers = committers;
    }

    /**
     * Appends {@code batch} to {@code roomId}, in a transaction that may hold other rooms' appends,
     * and returns the stored records once that transaction has committed.
     *
     * @throws RuntimeException what {@link MessageRepository#append} or {@link Database#execute}
     *     throws for this room's append alone (never another room's failure)
     */
    public List<MessageRecord> append(UUID roomId, List<NewMessage> batch) {
        Request mine = new Request(Objects.requireNonNull(roomId, "roomId"), List.copyOf(batch));
        queued.add(mine);
        boolean interrupted = false;
        while (true) {
            synchronized (this) {
                while (!mine.done && active >= committers) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        // The request is queued and will be committed: wait for its outcome anyway.
                        interrupted = true;
                    }
                }
                if (mine.done) {
                    break;
                }
                active++;
            }
            try {
                List<Request> group = new ArrayList<>();
                Request next;
                while (group.size() < MAX_GROUP && (next = queued.poll()) != null) {
                    group.add(next);
                }
                if (!group.isEmpty()) {
                    commit(group);
                }
            } finally {
                synchronized (this) {
                    active--;
                    notifyAll();
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.stored;
    }

    /** Transactions committed so far, each holding one or more rooms' appends. */
    public long transactions() {
        return transactions.sum();
    }

    /** Appends committed so far. */
    public long appends() {
        return appends.sum();
    }

    /** Requests waiting for a committer (for tests). */
    int queued() {
        return queued.size();
    }

    /** Committers at work now (for tests). */
    synchronized int active() {
        return active;
    }

    /** Commits one group and settles every request of it. */
    private void commit(List<Request> group) {
        if (group.size() == 1) {
            commitAlone(group.get(0));
            return;
        }
        group.sort(Comparator.comparing(r -> r.roomId));
        List<List<MessageRecord>> stored;
        try {
            List<UUID> rooms = new ArrayList<>(group.size());
            List<List<NewMessage>> batches = new ArrayList<>(group.size());
            for (Request r : group) {
                rooms.add(r.roomId);
                batches.add(r.batch);
            }
            stored = db.execute(c -> messages.appendAll(c, rooms, batches));
        } catch (RuntimeException e) {
            group.forEach(this::commitAlone);
            return;
        }
        transactions.increment();
        appends.add(group.size());
        for (int i = 0; i < group.size(); i++) {
            group.get(i).succeed(stored.get(i));
        }
    }

    private void commitAlone(Request r) {
        try {
            r.succeed(db.execute(c -> messages.append(c, r.roomId, r.batch)));
            transactions.increment();
            appends.increment();
        } catch (RuntimeException e) {
            r.fail(e);
        }
    }

    /**
     * One room's append. The committer writes its outcome, then {@code done}; the caller reads
     * {@code done}, then the outcome.
     */
    private static final class Request {
        final UUID roomId;
        final List<NewMessage> batch;
        List<MessageRecord> stored;
        RuntimeException failure;
        /** Written last: a caller that reads it true sees the outcome. */
        volatile boolean done;

        Request(UUID roomId, List<NewMessage> batch) {
            this.roomId = roomId;
            this.batch = batch;
        }

        void succeed(List<MessageRecord> records) {
            stored = records;
            done = true;
        }

        void fail(RuntimeException e) {
            failure = e;
            done = true;
        }
    }
}
