package io.colachat.bench.loadgen;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counters shared by every connection of a {@link LoadClient}. Writers are the event-loop threads;
 * readers (progress, scenarios) take snapshots. Nothing here allocates on the write path.
 *
 * <p>Latency is recorded in microseconds, from the send timestamp carried in a message's content to
 * its arrival at each member, into an interval {@link Recorder}: a scenario takes one interval
 * histogram per measurement step.
 */
public final class Stats {

    /** Highest latency the histogram tracks: one minute. */
    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(1);

    private final Recorder latency = new Recorder(MAX_MICROS, 3);

    public final LongAdder bytesIn = new LongAdder();
    public final LongAdder framesIn = new LongAdder();
    /** Engine.IO pings among {@link #framesIn}: a quiet period ignores them. */
    public final LongAdder pings = new LongAdder();
    public final LongAdder deliveries = new LongAdder();
    public final LongAdder orderViolations = new LongAdder();
    public final LongAdder alerts = new LongAdder();
    public final LongAdder presenceFrames = new LongAdder();
    public final LongAdder sent = new LongAdder();
    public final LongAdder sendOk = new LongAdder();
    public final LongAdder sendFailed = new LongAdder();
    public final LongAdder joinOk = new LongAdder();
    public final LongAdder joinFailed = new LongAdder();
    public final LongAdder otherAcks = new LongAdder();
    public final LongAdder connected = new LongAdder();
    public final LongAdder connectFailed = new LongAdder();
    public final LongAdder closed = new LongAdder();
    /** Connections whose presence view reached {@link #presenceTarget}. */
    public final LongAdder presenceSettled = new LongAdder();
    /** System.nanoTime of the latest presence frame and of the latest settling, 0 when none. */
    public final AtomicLong lastPresenceNanos = new AtomicLong();
    public final AtomicLong lastSettledNanos = new AtomicLong();
    public final AtomicLong lastJoinAckNanos = new AtomicLong();
    /** The room size a presence view must reach to count as settled; 0 disables the check. */
    public volatile int presenceTarget;

    /** Frames received other than pings: what "the traffic has passed" is measured on. */
    public long payloadFrames() {
        return framesIn.sum() - pings.sum();
    }

    void recordLatency(long sentNanos, long nowNanos) {
        long micros = (nowNanos - sentNanos) / 1000;
        if (micros < 0) {
            micros = 0;
        }
        latency.recordValue(Math.min(micros, MAX_MICROS));
    }

    /** The latencies recorded since the previous call (microseconds). */
    public Histogram takeLatency() {
        return latency.getIntervalHistogram();
    }

    static void max(AtomicLong a, long v) {
        long cur;
        while ((cur = a.get()) < v && !a.compareAndSet(cur, v)) {
            // retry
        }
    }
}
