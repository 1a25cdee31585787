package io.colachat.server.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import com.zaxxer.hikari.HikariDataSource;
import io.colachat.engine.SocketIoServer;
import io.colachat.server.store.Database;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything {@code /metrics} shows, composed: the Prometheus registry with the JVM's own
 * meters, the chat's meters ({@link ChatMeters}), the connections ({@link Connections}), the
 * sampled room figures ({@link LiveFigures}), the database pool (HikariCP's own
 * {@code hikaricp_*} meters, whose {@code hikaricp_connections_usage_seconds} is the time each
 * unit of database work held its connection) and the saturation gauges of the worker and the
 * database queue.
 *
 * <pre>{@code
 * ServerMetrics metrics = ServerMetrics.create(io, db, worker, clock, census);
 * chat.instrument(metrics.chat());
 * metrics.start(timers, worker);
 * String text = metrics.registry().scrape();
 * }</pre>
 */
public final class ServerMetrics implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServerMetrics.class);

    private final PrometheusMeterRegistry registry;
    private final ChatMeters chat;
    private final Connections connections;
    private final LiveFigures live;

    private ServerMetrics(PrometheusMeterRegistry registry, ChatMeters chat, Connections connections,
            LiveFigures live) {
        this.registry = registry;
        this.chat = chat;
        this.connections = connections;
        this.live = live;
    }

    /**
     * Registers every meter. Nothing is sampled until {@link #start}.
     *
     * @param census rooms and presence now, read on the worker every {@code period}
     */
    public static ServerMetrics create(SocketIoServer io, Database db, ThreadPoolExecutor worker, Clock clock,
            Duration period, Supplier<LiveFigures.Census> census) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        FunctionCounter.builder("colachat.outbound.dropped", io.engine(),
                        e -> e.droppedVolatileMessages())
                .description("volatile messages dropped because their client was not keeping up")
                .register(registry);
        FunctionCounter.builder("colachat.slow.consumer.disconnects", io.engine(),
                        e -> e.slowConsumerClosures())
                .description("connections closed because their client stopped reading")
                .register(registry);
        Gauge.builder("colachat.sessions", io.engine(), e -> e.sessionCount())
                .description("Engine.IO sessions on this node (connections before and after namespaces)")
                .register(registry);
        Gauge.builder("colachat.worker.queue", worker, w -> w.getQueue().size())
                .description("tasks waiting for a worker thread (JDBC, bcrypt, room lanes)")
                .register(registry);
        Gauge.builder("colachat.db.queue", db, Database::queuedWork)
                .description("database work waiting for a database thread")
                .register(registry);
        if (db.dataSource() instanceof HikariDataSource pool) {
            try {
                pool.setMetricRegistry(registry);
            } catch (RuntimeException e) {
                log.debug("database pool metrics unavailable: {}", e.toString());
            }
        }
        ChatMeters chat = new ChatMeters(registry);
        Connections connections = new Connections(registry);
        LiveFigures live = new LiveFigures(registry, clock, period, connections::total, chat::acceptedTotal, census);
        return new ServerMetrics(registry, chat, connections, live);
    }

    /** Starts the sampling of {@link #live()}. */
    public void start(ScheduledExecutorService timers, Executor worker) {
        live.start(timers, worker);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** What the chat reports into. */
    public ChatMeters chat() {
        return chat;
    }

    public Connections connections() {
        return connections;
    }

    public LiveFigures live() {
        return live;
    }

    @Override
    public void close() {
        live.close();
    }
}
