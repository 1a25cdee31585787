package io.colachat.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last 15 minutes of the figures an operator watches, one {@link Sample} every
 * {@code period} (10 s by default: 90 samples), for the admin page's charts; the newest sample
 * also feeds the {@code colachat_rooms_open}, {@code colachat_rooms_active} and
 * {@code colachat_present_chatters} gauges.
 *
 * <p>The room census reads the database, so sampling is only triggered by the timer thread and
 * runs on {@code worker}: the timer thread also runs the presence graces and must never wait on
 * JDBC. A failed census keeps the previous room figures and logs at debug: a database outage
 * is readiness's business, not this sampler's.
 */
public final class LiveFigures implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveFigures.class);

    /** The window the charts show. */
    public static final Duration WINDOW = Duration.ofMinutes(15);
    /** The default sampling period. */
    public static final Duration PERIOD = Duration.ofSeconds(10);
    /** A system property that overrides {@link #PERIOD} (milliseconds), for tests and tuning. */
    public static final String PERIOD_PROPERTY = "colachat.metrics.sample-ms";

    /** Rooms and presence at one moment. */
    public record Census(int openRooms, int activeRooms, int presentChatters) {
        public static final Census EMPTY = new Census(0, 0, 0);
    }

    /** One point of the charts. */
    public record Sample(Instant at, int connections, int openRooms, int activeRooms, int presentChatters,
            double messagesPerSecond) {
    }

    private final Clock clock;
    private final Duration period;
    private final int capacity;
    private final IntSupplier connections;
    private final LongSupplier acceptedMessages;
    private final Supplier<Census> census;
    private final ArrayDeque<Sample> ring;
    private volatile Sample latest;
    private long lastAccepted;
    private long lastNanos;
    private ScheduledFuture<?> task;

    /**
     * @param connections connected sockets now
     * @param acceptedMessages chat messages accepted since start (a counter)
     * @param census rooms and presence now; may block (it runs on the worker)
     */
    public LiveFigures(MeterRegistry registry, Clock clock, Duration period, IntSupplier connections,
            LongSupplier acceptedMessages, Supplier<Census> census) {
        this.clock = clock;
        this.period = period;
        this.capacity = (int) Math.max(1, WINDOW.toMillis() / period.toMillis());
        this.connections = connections;
        this.acceptedMessages = acceptedMessages;
        this.census = census;
        this.ring = new ArrayDeque<>(capacity);
        this.latest = new Sample(clock.instant(), 0, 0, 0, 0, 0);
        this.lastAccepted = acceptedMessages.getAsLong();
        this.lastNanos = System.nanoTime();
        Gauge.builder("colachat.rooms.open", this, f -> f.latest.openRooms())
                .description("rooms not expired (from the database, sampled)").register(registry);
        Gauge.builder("colachat.rooms.active", this, f -> f.latest.activeRooms())
                .description("open rooms with at least one present chatter (sampled)").register(registry);
        Gauge.builder("colachat.present.chatters", this, f -> f.latest.presentChatters())
                .description("chatters present in open rooms, grace included (sampled)").register(registry);
    }

    /** Samples now, then every period: the trigger on {@code timers}, the work on {@code worker}. */
    public synchronized void start(ScheduledExecutorService timers, Executor worker) {
        if (task != null) {
            return;
        }
        task = timers.scheduleAtFixedRate(() -> {
            try {
                worker.execute(this::sample);
            } catch (RejectedExecutionException e) {
                log.debug("live figures skipped a sample: worker busy or stopped");
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Takes one sample now, on the calling thread (blocks on the census). */
    public void sample() {
        Census c;
        try {
            c = census.get();
        } catch (RuntimeException e) {
            log.debug("room census failed: {}", e.toString());
            Sample prev = latest;
            c = new Census(prev.openRooms(), prev.activeRooms(), prev.presentChatters());
        }
        synchronized (this) {
            long nanos = System.nanoTime();
            long accepted = acceptedMessages.getAsLong();
            double seconds = Math.max(1e-3, (nanos - lastNanos) / 1e9);
            double rate = (accepted - lastAccepted) / seconds;
            lastAccepted = accepted;
            lastNanos = nanos;
            Sample s = new Sample(clock.instant(), connections.getAsInt(), c.openRooms(), c.activeRooms(),
                    c.presentChatters(), Math.round(rate * 100) / 100.0);
            if (ring.size() == capacity) {
                ring.removeFirst();
            }
            ring.addLast(s);
            latest = s;
        }
    }

    /** {@link #PERIOD}, or the {@link #PERIOD_PROPERTY} system property when set (at least 50 ms). */
    public static Duration configuredPeriod() {
        Long ms = Long.getLong(PERIOD_PROPERTY);
        return ms == null ? PERIOD : Duration.ofMillis(Math.max(50, ms));
    }

    /** The newest sample. */
    public Sample latest() {
        return latest;
    }

    /** The samples of the window, oldest first. */
    public synchronized List<Sample> history() {
        return List.copyOf(ring);
    }

    /** The sampling period. */
    public Duration period() {
        return period;
    }

    @Override
    public synchronized void close() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
