package io.colachat.server.abuse;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * A score per key that decays linearly with time: each action adds its cost, and an action
 * that would take the score over {@code limit} is refused and adds nothing. Steady use below
 * {@code ratePerSecond} is never refused; a burst up to {@code limit} is absorbed; a flood is
 * throttled to the decay rate.
 *
 * <p>Memory: a key whose score has decayed to zero carries no information, so such entries are
 * swept every {@link #SWEEP_EVERY} operations; the map holds at most the keys active within the
 * last {@code limit / ratePerSecond} seconds.
 *
 * <p>Thread-safe; each key's update is atomic ({@link ConcurrentHashMap#compute}).
 */
public final class DecayingScore<K> {

    static final int SWEEP_EVERY = 4096;

    private record Cell(double score, long atNanos) {
    }

    private final double limit;
    private final double ratePerNano;
    private final LongSupplier nanoClock;
    private final Map<K, Cell> cells = new ConcurrentHashMap<>();
    private final AtomicInteger operations = new AtomicInteger();

    /**
     * @param limit the highest score allowed
     * @param ratePerSecond how much the score decays each second
     * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime} in production)
     */
    public DecayingScore(double limit, double ratePerSecond, LongSupplier nanoClock) {
        if (limit <= 0 || ratePerSecond <= 0) {
            throw new IllegalArgumentException("limit and rate must be positive");
        }
        this.limit = limit;
        this.ratePerNano = ratePerSecond / 1e9;
        this.nanoClock = nanoClock;
    }

    /** Adds {@code cost} to the key's score if that keeps it within the limit; returns whether it did. */
    public boolean tryAdd(K key, double cost) {
        long now = nanoClock.getAsLong();
        boolean[] allowed = {false};
        cells.compute(key, (k, cell) -> {
            double current = cell == null ? 0 : decayed(cell, now);
            if (current + cost <= limit) {
                allowed[0] = true;
                return new Cell(current + cost, now);
            }
            return new Cell(current, now);
        });
        if (operations.incrementAndGet() % SWEEP_EVERY == 0) {
            sweep(now);
        }
        return allowed[0];
    }

    /** Whether an action of this cost would be allowed now, without recording it. */
    public boolean wouldAllow(K key, double cost) {
        Cell cell = cells.get(key);
        return (cell == null ? 0 : decayed(cell, nanoClock.getAsLong())) + cost <= limit;
    }

    /** How many keys are tracked (for tests and metrics). */
    public int size() {
        return cells.size();
    }

    private double decayed(Cell cell, long now) {
        return Math.max(0, cell.score() - (now - cell.atNanos()) * ratePerNano);
    }

    private void sweep(long now) {
        for (Iterator<Map.Entry<K, Cell>> it = cells.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<K, Cell> e = it.next();
            if (decayed(e.getValue(), now) == 0) {
                cells.remove(e.getKey(), e.getValue());
            }
        }
    }
}
