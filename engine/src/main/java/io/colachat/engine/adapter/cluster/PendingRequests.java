package io.colachat.engine.adapter.cluster;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BinaryOperator;

/**
 * The requests one adapter awaits answers to. A request knows which nodes it waits for; it
 * completes when the last of them answered or went away, and fails with
 * {@link ClusterTimeoutException} when its time runs out first. Answers from nodes it does not
 * wait for (they joined after it was sent, or answered twice) are ignored.
 */
final class PendingRequests {

    private final String namespace;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Pending<?>> byId = new ConcurrentHashMap<>();

    PendingRequests(String namespace, ScheduledExecutorService scheduler) {
        this.namespace = namespace;
        this.scheduler = scheduler;
    }

    /** A fresh request id, unique for this adapter. */
    long nextId() {
        return ids.incrementAndGet();
    }

    /**
     * Starts waiting for answers from {@code nodes}; {@code local} is this node's own part.
     * Register before publishing the request, or a fast answer finds nothing to complete.
     */
    <T> CompletableFuture<T> open(long id, MessageType type, Set<String> nodes, T local, BinaryOperator<T> merge,
            Duration timeout) {
        Pending<T> p = new Pending<>(id, type, nodes, local, merge, timeout);
        if (nodes.isEmpty()) {
            p.future.complete(local);
            return p.future;
        }
        byId.put(id, p);
        p.timer = scheduler.schedule(() -> p.expire(), timeout.toMillis(), TimeUnit.MILLISECONDS);
        return p.future;
    }

    /** An answer from {@code nodeId}. */
    @SuppressWarnings("unchecked")
    <T> void answer(long id, String nodeId, T part) {
        Pending<T> p = (Pending<T>) byId.get(id);
        if (p != null) {
            p.answer(nodeId, part);
        }
    }

    /** A node went away: no request waits for it any longer. */
    void nodeGone(String nodeId) {
        for (Pending<?> p : byId.values()) {
            p.nodeGone(nodeId);
        }
    }

    /** Fails every pending request (the adapter closes). */
    void failAll(String why) {
        for (Pending<?> p : byId.values()) {
            p.fail(new ClusterException(p.type + " request " + p.id + " on " + namespace + " abandoned: " + why));
        }
    }

    /** How many requests are waiting. */
    int size() {
        return byId.size();
    }

    private final class Pending<T> {
        final long id;
        final MessageType type;
        final Set<String> missing;
        final int expected;
        final BinaryOperator<T> merge;
        final Duration timeout;
        final CompletableFuture<T> future = new CompletableFuture<>();
        T result;
        ScheduledFuture<?> timer;

        Pending(long id, MessageType type, Set<String> nodes, T local, BinaryOperator<T> merge, Duration timeout) {
            this.id = id;
            this.type = type;
            this.missing = new HashSet<>(nodes);
            this.expected = nodes.size();
            this.result = local;
            this.merge = merge;
            this.timeout = timeout;
        }

        void answer(String nodeId, T part) {
            synchronized (this) {
                if (!missing.remove(nodeId)) {
                    return;
                }
                result = merge.apply(result, part);
            }
            completeIfDone();
        }

        void nodeGone(String nodeId) {
            synchronized (this) {
                if (!missing.remove(nodeId)) {
                    return;
                }
            }
            completeIfDone();
        }

        void expire() {
            Set<String> silent;
            synchronized (this) {
                silent = Set.copyOf(missing);
            }
            if (byId.remove(id, this)) {
                future.completeExceptionally(new ClusterTimeoutException(type, id, namespace, timeout, silent, expected));
            }
        }

        void fail(ClusterException e) {
            if (byId.remove(id, this)) {
                cancelTimer();
                future.completeExceptionally(e);
            }
        }

        private void completeIfDone() {
            T done;
            synchronized (this) {
                if (!missing.isEmpty()) {
                    return;
                }
                done = result;
            }
            // Completed outside the lock: dependent stages run on this thread.
            if (byId.remove(id, this)) {
                cancelTimer();
                future.complete(done);
            }
        }

        private void cancelTimer() {
            ScheduledFuture<?> t = timer;
            if (t != null) {
                t.cancel(false);
            }
        }
    }
}
