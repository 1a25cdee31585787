package io.colachat.server.metrics;

import io.colachat.server.api.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@link ChatMetrics} on Micrometer: every meter is registered up front (one per tag value,
 * from closed vocabularies), so a call on the hot path is a field read and an add.
 *
 * <p>Prometheus names: {@code colachat_joins_total}, {@code colachat_refreshes_absorbed_total},
 * {@code colachat_leaves_total{kind}}, {@code colachat_messages_total{result,code}},
 * {@code colachat_deliveries_total}, {@code colachat_ack_latency_seconds{event}},
 * {@code colachat_db_latency_seconds{op}}.
 */
public final class ChatMeters implements ChatMetrics {

    /** Latency buckets: enough to tell a healthy node (single milliseconds) from a sick one. */
    private static final Duration[] BUCKETS = {
            Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500)};

    private final Counter joins;
    private final Counter absorbed;
    private final Map<LeaveKind, Counter> leaves = new EnumMap<>(LeaveKind.class);
    private final Counter accepted;
    private final Map<ErrorCode, Counter> rejected = new EnumMap<>(ErrorCode.class);
    private final Counter deliveries;
    private final Timer sendAck;
    private final Map<DbOp, Timer> db = new EnumMap<>(DbOp.class);

    public ChatMeters(MeterRegistry registry) {
        joins = Counter.builder("colachat.joins")
                .description("joins of a chatter that was not present (each stores one JOIN alert)")
                .register(registry);
        absorbed = Counter.builder("colachat.refreshes.absorbed")
                .description("joins of a chatter already present: a refresh or dropped network within the "
                        + "leave grace, or another tab; no alert")
                .register(registry);
        for (LeaveKind kind : LeaveKind.values()) {
            leaves.put(kind, Counter.builder("colachat.leaves")
                    .tag("kind", kind.name().toLowerCase(Locale.ROOT))
                    .description("chatters that stopped being present (each stores one LEAVE alert)")
                    .register(registry));
        }
        accepted = Counter.builder("colachat.messages")
                .tag("result", "accepted").tag("code", "OK")
                .description("sendMessage requests, stored and broadcast (accepted) or refused (rejected, by code)")
                .register(registry);
        for (ErrorCode code : ErrorCode.values()) {
            rejected.put(code, Counter.builder("colachat.messages")
                    .tag("result", "rejected").tag("code", code.name())
                    .description("sendMessage requests, stored and broadcast (accepted) or refused (rejected, by code)")
                    .register(registry));
        }
        deliveries = Counter.builder("colachat.deliveries")
                .description("chat messages written to local sockets (one per message per recipient)")
                .register(registry);
        sendAck = Timer.builder("colachat.ack.latency")
                .tag("event", "sendMessage")
                .description("from a sendMessage reaching its room's lane to its acknowledgement")
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
        for (DbOp op : DbOp.values()) {
            db.put(op, Timer.builder("colachat.db.latency")
                    .tag("op", op.name().toLowerCase(Locale.ROOT))
                    .description("database round trips of the chat, by operation")
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry));
        }
    }

    @Override
    public void joined(boolean newPresence) {
        (newPresence ? joins : absorbed).increment();
    }

    @Override
    public void left(LeaveKind kind) {
        leaves.get(kind).increment();
    }

    @Override
    public void messagesAccepted(int count) {
        accepted.increment(count);
    }

    @Override
    public void messageRejected(ErrorCode code) {
        rejected.get(code).increment();
    }

    @Override
    public void delivered(long count) {
        deliveries.increment(count);
    }

    @Override
    public void messageAcked(long nanos) {
        sendAck.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void database(DbOp op, long nanos) {
        db.get(op).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Chat messages accepted since start (for rates). */
    public long acceptedTotal() {
        return (long) accepted.count();
    }
}
