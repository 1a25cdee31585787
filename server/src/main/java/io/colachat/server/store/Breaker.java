package io.colachat.server.store;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A circuit breaker for the database. Closed: every request goes through. After a failure that
 * means the database is unreachable it opens: requests fail at once (a send answers UNAVAILABLE
 * immediately instead of waiting for the pool's connection timeout). Every {@code retryNanos},
 * one request is let through as a probe; its success closes the breaker again, so the server
 * recovers by itself when the database returns.
 */
final class Breaker {

    private final long retryNanos;
    private volatile boolean open;
    private volatile long nextProbeAt;
    private final AtomicBoolean probing = new AtomicBoolean();

    Breaker(long retryNanos) {
        this.retryNanos = retryNanos;
    }

    boolean isOpen() {
        return open;
    }

    /** Whether this caller is the one probe allowed now (only while open). */
    boolean admit() {
        if (!open || System.nanoTime() - nextProbeAt < 0) {
            return false;
        }
        return probing.compareAndSet(false, true);
    }

    void succeeded() {
        open = false;
        probing.set(false);
    }

    void failed() {
        nextProbeAt = System.nanoTime() + retryNanos;
        open = true;
        probing.set(false);
    }
}
