package io.colachat.server;

import io.micrometer.core.instrument.Timer;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.colachat.engine.SocketIoConfig;
import io.colachat.engine.SocketIoServer;
import io.colachat.engine.eio.EngineConfig;
import io.colachat.engine.eio.OriginPolicy;
import io.colachat.server.abuse.RateLimits;
import io.colachat.server.admin.AdminHttp;
import io.colachat.server.admin.AdminService;
import io.colachat.server.admin.AdminToken;
import io.colachat.engine.adapter.InMemoryAdapter;
import io.colachat.engine.netty.LimitsConfig;
import io.colachat.engine.netty.NettyServer;
import io.colachat.server.chat.ChatGateway;
import io.colachat.server.cluster.Cluster;
import io.colachat.server.cluster.RedisCluster;
import io.colachat.server.chat.ChatService;
import io.colachat.server.chat.RoomBroadcaster;
import io.colachat.server.chat.RoomSequencer;
import io.colachat.server.config.ServerConfig;
import io.colachat.server.config.Settings;
import io.colachat.server.http.Health;
import io.colachat.server.http.HttpRouter;
import io.colachat.server.http.Responses;
import io.colachat.server.http.RestApi;
import io.colachat.server.http.StaticFiles;
import io.colachat.server.metrics.LiveFigures;
import io.colachat.server.metrics.ServerMetrics;
import io.colachat.server.presence.PresenceService;
import io.colachat.server.room.RoomService;
import io.colachat.server.security.PasswordHasher;
import io.colachat.server.store.Database;
import io.colachat.server.store.DatabaseBuilder;
import io.colachat.server.text.InputRules;
import io.colachat.server.text.NicknameGenerator;
import io.colachat.server.text.Texts;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Cola Chat server, composed: database, presence, chat, REST and Socket.IO on one port.
 *
 * <pre>{@code
 * try (ColaChat app = ColaChat.start(ServerConfig.parse(args, System.getenv()))) {
 *     System.out.println("listening on " + app.port());
 * }
 * }</pre>
 */
public final class ColaChat implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ColaChat.class);

    /** Threads for blocking work (JDBC, bcrypt) and room lanes; the event loops never block. */
    private static final int WORKER_THREADS = 16;
    private static final int WORKER_QUEUE = 50_000;
    /** How long the shutdown drain waits for accepted work. */
    private static final long DRAIN_LIMIT_MS = 10_000;

    private final Database db;
    private final ThreadPoolExecutor worker;
    private final ScheduledExecutorService timers;
    private final PresenceService presence;
    private final SocketIoServer io;
    private final Cluster cluster;
    private final ChatGateway gateway;
    private final RoomSequencer lanes;

    private ColaChat(Database db, ThreadPoolExecutor worker, ScheduledExecutorService timers,
            PresenceService presence, SocketIoServer io, ChatGateway gateway, RoomSequencer lanes, Cluster cluster) {
        this.cluster = cluster;
        this.gateway = gateway;
        this.lanes = lanes;
        this.db = db;
        this.worker = worker;
        this.timers = timers;
        this.presence = presence;
        this.io = io;
    }

    /** Starts a server with this configuration; returns once it listens. */
    public static ColaChat start(ServerConfig cfg) {
        Clock clock = Clock.systemUTC();
        ObjectMapper mapper = new ObjectMapper();
        DatabaseBuilder dbb = Database.builder(cfg.dbUrl());
        cfg.dbUser().ifPresent(dbb::user);
        cfg.dbPassword().ifPresent(dbb::password);
        Database db = dbb.build();
        ThreadPoolExecutor worker = new ThreadPoolExecutor(WORKER_THREADS, WORKER_THREADS, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(WORKER_QUEUE), named("colachat-worker"));
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, named("colachat-timer"));
        Texts texts = Texts.forLocale(cfg.locale());
        Cluster cluster;
        try {
            cluster = cfg.redisUrl().isPresent() ? RedisCluster.start(cfg.redisUrl().get(), cfg.nodeId(), timers)
                    : Cluster.local();
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        OriginPolicy origins = cfg.corsAllowsAnyOrigin() ? OriginPolicy.any()
                : cfg.corsOrigins().isEmpty() ? OriginPolicy.sameOrigin() : OriginPolicy.of(cfg.corsOrigins());
        SocketIoServer io = SocketIoServer.create(SocketIoConfig.builder()
                .engine(EngineConfig.builder()
                        .pingInterval(cfg.pingInterval())
                        .pingTimeout(cfg.pingTimeout())
                        .maxPayload(cfg.maxPayload())
                        .originPolicy(origins)
                        .build())
                .mapper(mapper)
                .maxNamespacesPerConnection(cfg.get(Settings.MAX_NAMESPACES_PER_CONNECTION))
                .adapterFactory(cluster instanceof RedisCluster redis ? redis.adapterFactory() : InMemoryAdapter::new)
                .build());
        RoomSequencer lanes = new RoomSequencer(worker);
        RateLimits limits = new RateLimits(cfg.get(Settings.FLOOD_BURST), cfg.get(Settings.FLOOD_RATE),
                cfg.get(Settings.ROOMS_PER_IP_PER_MINUTE), cfg.get(Settings.PASSWORD_ATTEMPTS_PER_MINUTE), System::nanoTime);
        ChatService[] chatRef = new ChatService[1];
        PresenceService presence = new PresenceService(cfg.leaveGrace().toMillis(), clock, timers,
                d -> chatRef[0].departed(d));
        PasswordHasher passwords = new PasswordHasher();
        ChatService chat = new ChatService(db, lanes, presence, new RoomBroadcaster(io), texts, passwords,
                NicknameGenerator.forLocale(cfg.locale()), worker, clock, cfg.presenceFullListLimit(), limits, cluster);
        chatRef[0] = chat;
        ChatGateway gateway = new ChatGateway(chat, texts);
        gateway.attach(io);
        RoomService rooms = new RoomService(db, presence, chat, passwords, timers, clock, cfg.roomTtl(),
                cfg.purgeAfter(), limits);

        ServerMetrics metrics = ServerMetrics.create(io, db, worker, clock, LiveFigures.configuredPeriod(),
                () -> AdminService.census(db, presence, clock));
        if (cluster instanceof RedisCluster redis) {
            Timer redisLatency = Timer
                    .builder("colachat.redis.latency").description("Redis round trips on the chat's path")
                    .publishPercentileHistogram().register(metrics.registry());
            redis.recordLatency(nanos -> redisLatency.record(nanos, TimeUnit.NANOSECONDS));
        }
        metrics.connections().attach(io, "/anonymous");
        chat.instrument(metrics.chat());
        PrometheusMeterRegistry registry = metrics.registry();

        Responses responses = new Responses(mapper);
        HttpRouter router = new HttpRouter(
                new RestApi(mapper, db, rooms, chat, cfg.maxRoomCapacity(), new InputRules(texts), limits),
                responses, texts, worker, origins, new StaticFiles(responses),
                new Health(responses, db, cluster::ready, registry));
        cfg.adminToken().ifPresent(token -> router.mountAdmin(new AdminHttp(
                new AdminService(db, presence, chat, metrics, clock, cfg.nodeId()), new AdminToken(token),
                responses, texts, worker)));

        int recovered = chat.recover();
        rooms.start();
        metrics.start(timers, worker);
        int ioThreads = cfg.get(Settings.IO_THREADS);
        io.listen(NettyServer.builder().host(cfg.host()).port(cfg.port()).httpHandler(router)
                // Netty's own default is two per core; one per core wastes no switches between them.
                .eventLoopThreads(ioThreads > 0 ? ioThreads : Runtime.getRuntime().availableProcessors())
                .httpMaxContentLength(cfg.get(Settings.MAX_HTTP_BODY))
                .limits(LimitsConfig.builder()
                        .maxConnections(cfg.get(Settings.MAX_CONNECTIONS))
                        .maxConnectionsPerIp(cfg.get(Settings.MAX_CONNECTIONS_PER_IP))
                        .newConnectionsPerIpPerSecond(cfg.get(Settings.CONNECTIONS_PER_IP_PER_SECOND))
                        .newConnectionsPerIpBurst(2 * cfg.get(Settings.CONNECTIONS_PER_IP_PER_SECOND))
                        .maxHeaderSize(cfg.get(Settings.MAX_HEADER_SIZE))
                        .requestHeaderTimeout(cfg.get(Settings.HEADER_TIMEOUT_MS))
                        .build()));
        log.info("Cola Chat {} listening on http://{}:{} — database {}, {}; {} chatters awaiting their grace",
                ServerConfig.version(), cfg.host(), io.port(), db.describe(),
                cfg.redisUrl().isPresent() ? "redis " + cfg.display(Settings.REDIS_URL) : "single node", recovered);
        return new ColaChat(db, worker, timers, presence, io, gateway, lanes, cluster);
    }

    /** The port the server listens on. */
    public int port() {
        return io.port();
    }

    /** The Socket.IO server, for tests and embedding. */
    public SocketIoServer io() {
        return io;
    }

    /**
     * The drain: no new connections are accepted, new events are answered UNAVAILABLE, work already accepted (stores and their
     * broadcasts and acks) finishes within {@link #DRAIN_LIMIT_MS}, then every connection is
     * closed as a transport close (official clients reconnect, to another node behind a load
     * balancer), then the database. Nothing acknowledged is lost: an ack is sent only after its
     * message was stored.
     */
    @Override
    public void close() {
        io.stopAccepting();
        gateway.drain();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_LIMIT_MS);
        while (lanes.activeRooms() > 0 && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (lanes.activeRooms() > 0) {
            log.warn("shutdown: {} rooms still had work after {} ms", lanes.activeRooms(), DRAIN_LIMIT_MS);
        }
        cluster.stopping();
        io.close();
        presence.close();
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        cluster.close();
        timers.shutdownNow();
        db.close();
        log.info("Cola Chat stopped");
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
