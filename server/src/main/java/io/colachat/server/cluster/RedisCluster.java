package io.colachat.server.cluster;

import io.colachat.cluster.redis.adapter.RedisAdapterFactory;
import io.colachat.cluster.redis.adapter.RedisAdapterOptions;
import io.colachat.cluster.redis.state.BoundedSet;
import io.colachat.cluster.redis.state.NodeLeaseListener;
import io.colachat.cluster.redis.state.NodeLeases;
import io.colachat.cluster.redis.state.TakeoverClaim;
import io.colachat.engine.adapter.Adapter;
import io.colachat.engine.adapter.AdapterFactory;
import io.colachat.engine.adapter.cluster.ClusterAdapter;
import io.colachat.engine.adapter.cluster.ClusterAdapterOptions;
import io.colachat.server.api.ApiException;
import io.colachat.server.api.ErrorCode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster through Redis (see {@link Cluster} for the model):
 * <ul>
 *   <li>broadcasts cross nodes through {@link RedisAdapterFactory};</li>
 *   <li>each live socket is a member of the set {@code <room>:<chatter>}, tagged with its node
 *       ({@link BoundedSet});</li>
 *   <li>a room's store-then-broadcast holds a Redis lock on the room and waits until its
 *       broadcasts reached Redis before releasing it, so every node's broadcasts of one room
 *       reach Redis in id order;</li>
 *   <li>nodes hold leases ({@link NodeLeases}); when one dies, exactly one survivor removes its
 *       sockets and hands every chatter left without a socket to the {@link OrphanHandler}, which
 *       gives it the grace. A LEAVE therefore comes within the lease's detection bound (TTL +
 *       renew period, 6 s by default) plus the grace.</li>
 * </ul>
 * Commands time out after {@link #COMMAND_TIMEOUT}: while Redis is unreachable, joins and sends
 * fail with UNAVAILABLE instead of hanging.
 */
public final class RedisCluster implements Cluster {

    private static final Logger log = LoggerFactory.getLogger(RedisCluster.class);

    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    /** A room lock outlives a stuck holder by at most this long. */
    static final long LOCK_TTL_MS = 10_000;
    /** How long a store-then-broadcast waits for the room's lock. */
    static final long LOCK_WAIT_MS = 5_000;
    private static final String RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('del', KEYS[1]) else return 0 end";
    private static final String PREFIX = "colachat:";

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisAdapterFactory adapters;
    private final Map<String, Adapter> adapterByNamespace = new ConcurrentHashMap<>();
    private final BoundedSet sockets;
    private final ScheduledExecutorService scheduler;
    /** This node's live sockets by set: what it re-registers after Redis lost them. */
    private final Map<String, Set<String>> registered = new ConcurrentHashMap<>();
    private final String baseNodeId;
    private final java.util.concurrent.atomic.AtomicInteger generation = new java.util.concurrent.atomic.AtomicInteger();
    /** The current lease id: the base id, then a new one after each lost lease (ids are never reused). */
    private volatile String nodeId;
    private volatile NodeLeases leases;
    private volatile OrphanHandler orphans = (room, chatter) -> { };
    private volatile boolean stopping;
    /** Receives the duration of each Redis round trip on the chat's path, in nanoseconds. */
    private volatile java.util.function.LongConsumer latency = nanos -> { };

    private RedisCluster(RedisClient client, StatefulRedisConnection<String, String> connection,
            RedisAdapterFactory adapters, String nodeId, ScheduledExecutorService scheduler) {
        this.client = client;
        this.connection = connection;
        this.adapters = adapters;
        this.baseNodeId = nodeId;
        this.nodeId = nodeId;
        this.scheduler = scheduler;
        this.sockets = new BoundedSet(connection, PREFIX + "presence:");
        this.leases = newLeases(nodeId);
    }

    private NodeLeases newLeases(String id) {
        return NodeLeases.builder(connection).keyPrefix(PREFIX + "nodes:").nodeId(id)
                .scheduler(scheduler).listener(new NodeLeaseListener() {
                    @Override
                    public void nodeDead(String deadNodeId) {
                        takeOver(deadNodeId);
                    }

                    @Override
                    public void leaseLost(String id) {
                        // Redis lost our lease (an outage longer than its TTL, or a restart that
                        // lost its data): others may adopt what was registered under this id.
                        // Rejoin under a new id and register the sockets we still hold.
                        log.warn("node {} lost its lease; rejoining under a new id", id);
                        scheduler.execute(RedisCluster.this::rejoin);
                    }
                }).build();
    }

    /** Takes a new lease and registers every live socket of this node again; retried until Redis answers. */
    private void rejoin() {
        if (stopping) {
            return;
        }
        String id = baseNodeId + "." + generation.incrementAndGet();
        NodeLeases next = newLeases(id);
        next.start().thenCompose(started -> {
            leases = next;
            nodeId = id;
            CompletableFuture<?>[] adds = registered.entrySet().stream()
                    .flatMap(e -> e.getValue().stream().map(socket -> sockets.tryAdd(e.getKey(), socket,
                            Integer.MAX_VALUE, id)))
                    .toArray(CompletableFuture[]::new);
            return CompletableFuture.allOf(adds);
        }).whenComplete((ok, err) -> {
            if (err == null) {
                log.info("node rejoined the cluster as {} and registered its {} chatters again", id, registered.size());
            } else {
                log.warn("rejoining as {} failed ({}); trying again", id, err.toString());
                next.close();
                scheduler.schedule(this::rejoin, 1, TimeUnit.SECONDS);
            }
        });
    }

    /**
     * Connects to Redis, joins the cluster and starts the lease. Blocking: call at start-up.
     *
     * @throws io.lettuce.core.RedisConnectionException when Redis cannot be reached
     */
    public static RedisCluster start(String redisUrl, String nodeId, ScheduledExecutorService scheduler) {
        RedisURI uri = RedisURI.create(redisUrl);
        uri.setTimeout(COMMAND_TIMEOUT);
        // Reconnect within a second once Redis is back (Lettuce's default backoff grows to 30 s,
        // during which this node would neither hear nor be heard by the others).
        RedisClient client = RedisClient.create(io.lettuce.core.resource.ClientResources.builder()
                .reconnectDelay(io.lettuce.core.resource.Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1), 2,
                        TimeUnit.MILLISECONDS))
                .build());
        try {
            StatefulRedisConnection<String, String> connection = client.connect(uri);
            RedisAdapterFactory adapters = RedisAdapterFactory.create(client, uri, RedisAdapterOptions.builder()
                    .cluster(ClusterAdapterOptions.builder().nodeId(nodeId).totalOrder(true).build()).build());
            RedisCluster cluster = new RedisCluster(client, connection, adapters, nodeId, scheduler);
            cluster.leases.start().get(COMMAND_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
            log.info("node {} joined the cluster at {}; a dead node is detected within {} ms", nodeId,
                    uri.getHost() + ":" + uri.getPort(), cluster.leases.detectionBound().toMillis());
            return cluster;
        } catch (Exception e) {
            client.shutdown();
            throw new IllegalStateException("Redis at " + redisUrl.replaceAll("//[^@]*@", "//") + " is not reachable: "
                    + e.getMessage(), e);
        }
    }

    /** The adapter factory for the Socket.IO server: broadcasts through Redis. */
    public AdapterFactory adapterFactory() {
        return namespace -> {
            Adapter adapter = adapters.create(namespace);
            adapterByNamespace.put(namespace.name(), adapter);
            return adapter;
        };
    }

    @Override
    public boolean distributed() {
        return true;
    }

    /** Reports each Redis round trip on the chat's path (registering sockets, room locks, presence checks). */
    public void recordLatency(java.util.function.LongConsumer recorder) {
        this.latency = recorder;
    }

    @Override
    public void socketJoined(UUID roomId, UUID chatterId, String socketId) {
        String set = set(roomId, chatterId);
        registered.computeIfAbsent(set, k -> ConcurrentHashMap.newKeySet()).add(socketId);
        try {
            await(sockets.tryAdd(set, socketId, Integer.MAX_VALUE, nodeId));
        } catch (RuntimeException e) {
            unregisterLocally(set, socketId);
            throw e;
        }
    }

    private void unregisterLocally(String set, String socketId) {
        registered.computeIfPresent(set, (k, ids) -> {
            ids.remove(socketId);
            return ids.isEmpty() ? null : ids;
        });
    }

    @Override
    public void socketGone(UUID roomId, UUID chatterId, String socketId) {
        if (stopping) {
            return; // left for the survivor that takes this node over
        }
        unregisterLocally(set(roomId, chatterId), socketId);
        sockets.remove(set(roomId, chatterId), socketId).exceptionally(e -> {
            log.warn("could not unregister socket {} of chatter {}: {}", socketId, chatterId, e.toString());
            return false;
        });
    }

    @Override
    public boolean hasLiveSockets(UUID roomId, UUID chatterId) {
        return await(sockets.size(set(roomId, chatterId))) > 0;
    }

    @Override
    public <T> T inRoomOrder(UUID roomId, String namespace, Supplier<T> work) {
        if (!adapters.isConnected()) {
            // Our broadcasts would not leave this node: refuse rather than store what other
            // nodes' members would not see live.
            throw new ApiException(ErrorCode.UNAVAILABLE, "");
        }
        String key = PREFIX + "lock:room:" + roomId;
        String token = nodeId + ":" + UUID.randomUUID();
        acquire(key, token);
        try {
            T result = work.get();
            // The next holder may broadcast only after ours reached Redis: one ordered connection
            // publishes them, so waiting for the last one waits for all.
            if (adapterByNamespace.get("/" + namespace) instanceof ClusterAdapter adapter) {
                adapter.published().get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ErrorCode.UNAVAILABLE, "");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new ApiException(ErrorCode.UNAVAILABLE, "");
        } finally {
            try {
                connection.sync().eval(RELEASE, ScriptOutputType.INTEGER, new String[] {key}, token);
            } catch (RuntimeException e) {
                log.warn("could not release the lock of room {} (it expires in {} ms): {}", roomId, LOCK_TTL_MS,
                        e.toString());
            }
        }
    }

    private void acquire(String key, String token) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LOCK_WAIT_MS);
        long backoffMicros = 100;
        while (true) {
            String ok;
            long started = System.nanoTime();
            try {
                ok = connection.sync().set(key, token, SetArgs.Builder.nx().px(LOCK_TTL_MS));
                latency.accept(System.nanoTime() - started);
            } catch (RuntimeException e) {
                throw new ApiException(ErrorCode.UNAVAILABLE, "");
            }
            if ("OK".equals(ok)) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new ApiException(ErrorCode.UNAVAILABLE, "");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(backoffMicros));
            backoffMicros = Math.min(backoffMicros * 2, 5_000);
        }
    }

    @Override
    public void stopping() {
        stopping = true;
    }

    @Override
    public boolean ready() {
        try {
            return "PONG".equals(connection.sync().ping()) && adapters.isConnected();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void onOrphans(OrphanHandler handler) {
        this.orphans = handler;
    }

    /** One survivor removes a dead node's sockets and hands over the chatters left without one. */
    private void takeOver(String deadNodeId) {
        leases.claimTakeover(deadNodeId).thenCompose(claim -> {
            if (claim != TakeoverClaim.CLAIMED) {
                return CompletableFuture.completedFuture(null);
            }
            return sockets.removeOwnedBy(deadNodeId).thenCompose(removed -> {
                CompletableFuture<?>[] checks = removed.keySet().stream()
                        .map(set -> sockets.size(set).thenAccept(left -> {
                            if (left == 0) {
                                UUID[] ids = parse(set);
                                orphans.orphaned(ids[0], ids[1]);
                            }
                        }))
                        .toArray(CompletableFuture[]::new);
                log.info("node {} took over dead node {}: {} chatters had sockets there", nodeId, deadNodeId,
                        removed.size());
                return CompletableFuture.allOf(checks).thenCompose(v -> leases.completeTakeover(deadNodeId));
            });
        }).exceptionally(e -> {
            log.warn("takeover of node {} failed (it will be reported again): {}", deadNodeId, e.toString());
            return null;
        });
    }

    private static String set(UUID roomId, UUID chatterId) {
        return roomId + ":" + chatterId;
    }

    private static UUID[] parse(String set) {
        int colon = set.indexOf(':');
        return new UUID[] {UUID.fromString(set.substring(0, colon)), UUID.fromString(set.substring(colon + 1))};
    }

    private <T> T await(CompletableFuture<T> f) {
        long started = System.nanoTime();
        try {
            T result = f.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            latency.accept(System.nanoTime() - started);
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ErrorCode.UNAVAILABLE, "");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new ApiException(ErrorCode.UNAVAILABLE, "");
        }
    }

    @Override
    public void close() {
        leases.close();
        adapters.close();
        connection.close();
        client.shutdown();
    }

}
