package io.colachat.cluster.redis.state;

import io.colachat.cluster.redis.RedisClusterException;
import io.colachat.cluster.redis.internal.LuaScript;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Node liveness by leases in Redis, and the once-only takeover of a dead node's state.
 *
 * <h2>Model</h2>
 * <p>Each node holds a lease: a key with a TTL that it renews every period. A node whose lease
 * expired is dead, whatever it believes: Redis's clock decides, so there is one truth for the
 * cluster. Registered nodes live in a registry (a sorted set, scored by last renewal) so that
 * the dead can be listed without scanning keys. A dead node stays registered until one survivor
 * has adopted its state:
 * <ol>
 *   <li>every live node checks each period for dead nodes awaiting takeover and reports them to
 *       {@link NodeLeaseListener#nodeDead};</li>
 *   <li>{@link #claimTakeover} succeeds for exactly one live node ({@code SET} of a takeover key
 *       in one Lua script, so concurrent claimers are serialised by Redis);</li>
 *   <li>the claimer adopts the state, then {@link #completeTakeover} removes the dead node from
 *       the registry, and later claims answer {@link TakeoverClaim#UNKNOWN}.</li>
 * </ol>
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>At most one live node holds the claim on a dead node at any time, and once a takeover
 *       completed nobody can claim that node again: its state is adopted once.</li>
 *   <li>If the claimer dies before completing, its claim lapses with its lease and the dead node
 *       is reported again, so another survivor finishes the job. Adopting must therefore be
 *       idempotent (removing what is still there, announcing only what changes).</li>
 *   <li>Death is final for a node id. A node that finds its lease gone ({@link
 *       NodeLeaseListener#leaseLost}) stops; the application rejoins under a new id and
 *       registers its live state again. Ids are never reused ({@link #start} refuses a known
 *       one), so nothing said about a dead process is mistaken for a new one.</li>
 * </ul>
 *
 * <h2>Detection bound</h2>
 * <p>A node that stops at time {@code t} renewed last at some {@code t - e} with
 * {@code 0 <= e < period}; its lease expires at {@code t - e + ttl}, and every survivor checks
 * once a period, so the death is reported by {@code t + ttl + period} at the latest (plus a
 * Redis round trip). With the defaults, <b>6 s</b>, and never before {@code ttl - period}
 * (4 s). {@link #detectionBound()} states it for the settings in use.
 *
 * <h2>Defaults and their reasons</h2>
 * <ul>
 *   <li>{@code renewPeriod} 1 s: one small script per node per second is nothing to Redis, and
 *       the period is also how often dead nodes are looked for.</li>
 *   <li>{@code ttl} 5 s, at least twice the period: a node survives up to four missed renewals
 *       (a GC pause, a Redis failover, a reconnect) before it is declared dead, while death is
 *       still found within 6 s, well under a 10 s target.</li>
 * </ul>
 *
 * <h2>Restart behaviour</h2>
 * <p>A crashed node's process is gone; its successor starts under a new id, and the old id is
 * taken over like any dead node's. A clean {@link #close} releases the lease at once, so the
 * node's leftovers (normally none) are adopted without waiting for the TTL. If Redis loses its
 * data, every node's next renewal answers lost: all rejoin and rebuild from their live state.
 *
 * <p>Keys, under the prefix: {@code nodes} (registry), {@code lease:<id>},
 * {@code takeover:<id>}. One Redis primary is assumed.
 */
public final class NodeLeases implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NodeLeases.class);
    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private static final LuaScript ACQUIRE = LuaScript.load(NodeLeases.class, "lease-acquire.lua");
    private static final LuaScript RENEW = LuaScript.load(NodeLeases.class, "lease-renew.lua");
    private static final LuaScript RELEASE = LuaScript.load(NodeLeases.class, "lease-release.lua");
    private static final LuaScript ALIVE = LuaScript.load(NodeLeases.class, "lease-alive.lua");
    private static final LuaScript DEAD = LuaScript.load(NodeLeases.class, "lease-dead.lua");
    private static final LuaScript CLAIM = LuaScript.load(NodeLeases.class, "lease-claim.lua");
    private static final LuaScript COMPLETE = LuaScript.load(NodeLeases.class, "lease-complete.lua");

    /** Where this node's lease stands. */
    public enum State { NEW, HELD, LOST, CLOSED }

    private final RedisAsyncCommands<String, String> redis;
    private final String prefix;
    private final String nodeId;
    private final String token = UUID.randomUUID().toString();
    private final Duration renewPeriod;
    private final Duration ttl;
    private final NodeLeaseListener listener;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final AtomicBoolean ticking = new AtomicBoolean();
    private volatile ScheduledFuture<?> ticker;
    private volatile long lastRenewedNanos;

    private NodeLeases(Builder b) {
        this.redis = b.connection.async();
        this.prefix = b.keyPrefix;
        this.nodeId = b.nodeId;
        this.renewPeriod = b.renewPeriod;
        this.ttl = b.ttl;
        this.listener = b.listener;
        this.ownsScheduler = b.scheduler == null;
        this.scheduler = ownsScheduler ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "colachat-leases-" + b.nodeId);
            t.setDaemon(true);
            return t;
        }) : b.scheduler;
    }

    /**
     * Leases over {@code connection}, which the caller owns (Lettuce connections are
     * thread-safe and may be shared).
     *
     * <pre>{@code
     * NodeLeases leases = NodeLeases.builder(connection)
     *         .keyPrefix("colachat:")
     *         .nodeId(nodeId)
     *         .listener(takeovers)
     *         .build();
     * leases.start().join();
     * }</pre>
     */
    public static Builder builder(StatefulRedisConnection<String, String> connection) {
        return new Builder(connection);
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * Takes the lease, then renews it and looks for dead nodes every period.
     *
     * @return completes once the lease is held; fails with {@link RedisClusterException} if the
     *         node id is known to Redis already, or with Lettuce's exception if Redis fails
     */
    public CompletableFuture<Void> start() {
        if (!state.compareAndSet(State.NEW, State.HELD)) {
            return CompletableFuture.failedFuture(new IllegalStateException("leases of " + nodeId + " are " + state.get()));
        }
        return ACQUIRE.<String>run(redis, ScriptOutputType.VALUE,
                        new String[] {leaseKey(nodeId), registryKey(), takeoverKey(nodeId)},
                        nodeId, token, Long.toString(ttl.toMillis()))
                .thenAccept(reply -> {
                    if (!"ACQUIRED".equals(reply)) {
                        state.set(State.CLOSED);
                        throw new RedisClusterException("node id " + nodeId + " is already known to Redis under "
                                + prefix + " (" + reply + "); node ids must be unique and never reused");
                    }
                    lastRenewedNanos = System.nanoTime();
                    long period = renewPeriod.toMillis();
                    ticker = scheduler.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
                    log.debug("[{}] lease acquired: ttl {} ms, renewed every {} ms", nodeId, ttl.toMillis(), period);
                });
    }

    /**
     * Stops renewing and releases the lease, so the node counts as dead at once. Waits up to a
     * period for Redis. Idempotent.
     */
    @Override
    public void close() {
        State was = state.getAndSet(State.CLOSED);
        stopTicking();
        if (was == State.HELD) {
            try {
                RELEASE.run(redis, ScriptOutputType.INTEGER, new String[] {leaseKey(nodeId)}, token)
                        .get(Math.max(renewPeriod.toMillis(), 1000), TimeUnit.MILLISECONDS);
                log.debug("[{}] lease released", nodeId);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                log.warn("[{}] could not release the lease; it expires within {} ms: {}", nodeId, ttl.toMillis(), e.toString());
            }
        }
        if (ownsScheduler) {
            scheduler.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- queries and takeover

    /** This node's id; never null. */
    public String nodeId() {
        return nodeId;
    }

    public State state() {
        return state.get();
    }

    /** The longest time from a node's stop to its report as dead: {@code ttl + renewPeriod}. */
    public Duration detectionBound() {
        return ttl.plus(renewPeriod);
    }

    /** The registered nodes whose lease is live, this one included while it holds its lease. */
    public CompletableFuture<Set<String>> aliveNodes() {
        return ALIVE.<List<Object>>run(redis, ScriptOutputType.MULTI, new String[] {registryKey()}, prefix)
                .thenApply(NodeLeases::toSet);
    }

    /** The dead nodes awaiting takeover (unclaimed, or claimed by a node that died too). */
    public CompletableFuture<Set<String>> deadNodes() {
        return DEAD.<List<Object>>run(redis, ScriptOutputType.MULTI, new String[] {registryKey()}, prefix)
                .thenApply(NodeLeases::toSet);
    }

    /**
     * Claims the takeover of a dead node's state for this node. Among any number of concurrent
     * claimers exactly one gets {@link TakeoverClaim#CLAIMED}; asking again while holding the
     * claim answers {@code CLAIMED} again.
     *
     * <pre>{@code
     * if (leases.claimTakeover(dead).join() == TakeoverClaim.CLAIMED) {
     *     adopt(dead);
     *     leases.completeTakeover(dead).join();
     * }
     * }</pre>
     */
    public CompletableFuture<TakeoverClaim> claimTakeover(String deadNodeId) {
        Objects.requireNonNull(deadNodeId, "deadNodeId");
        return CLAIM.<String>run(redis, ScriptOutputType.VALUE,
                        new String[] {registryKey(), leaseKey(deadNodeId), takeoverKey(deadNodeId), leaseKey(nodeId)},
                        deadNodeId, nodeId, prefix)
                .thenApply(TakeoverClaim::valueOf);
    }

    /**
     * Ends a takeover this node claimed: the dead node is forgotten for good.
     *
     * @return true when completed; false when this node did not hold the claim
     */
    public CompletableFuture<Boolean> completeTakeover(String deadNodeId) {
        Objects.requireNonNull(deadNodeId, "deadNodeId");
        return COMPLETE.<Long>run(redis, ScriptOutputType.INTEGER,
                        new String[] {registryKey(), takeoverKey(deadNodeId)}, deadNodeId, nodeId)
                .thenApply(n -> n == 1L);
    }

    // ---------------------------------------------------------------- the period

    /**
     * Renews, then looks for dead nodes. Skips a period while the previous one is still waiting
     * for Redis, so a slow Redis is not flooded with renewals. Never throws: an exception would
     * cancel the periodic task for good.
     */
    private void tick() {
        if (state.get() != State.HELD || !ticking.compareAndSet(false, true)) {
            return;
        }
        try {
            RENEW.<String>run(redis, ScriptOutputType.VALUE, new String[] {leaseKey(nodeId), registryKey()},
                            nodeId, token, Long.toString(ttl.toMillis()))
                    .thenCompose(reply -> {
                        if ("RENEWED".equals(reply)) {
                            lastRenewedNanos = System.nanoTime();
                            return deadNodes().thenAccept(this::reportDead);
                        }
                        lost(reply);
                        return CompletableFuture.completedFuture(null);
                    })
                    .whenComplete((ok, err) -> {
                        ticking.set(false);
                        if (err != null) {
                            renewalFailed(err);
                        }
                    });
        } catch (RuntimeException e) {
            ticking.set(false);
            renewalFailed(e);
        }
    }

    private void reportDead(Set<String> dead) {
        for (String id : dead) {
            if (state.get() != State.HELD) {
                return;
            }
            try {
                listener.nodeDead(id);
            } catch (RuntimeException e) {
                log.warn("[{}] nodeDead listener failed for {}", nodeId, id, e);
            }
        }
    }

    private void lost(String reply) {
        if (!state.compareAndSet(State.HELD, State.LOST)) {
            return;
        }
        stopTicking();
        long silentMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastRenewedNanos);
        log.warn("[{}] lease lost ({}) {} ms after the last renewal (ttl {} ms): this node counts as dead",
                nodeId, reply, silentMs, ttl.toMillis());
        try {
            listener.leaseLost(nodeId);
        } catch (RuntimeException e) {
            log.warn("[{}] leaseLost listener failed", nodeId, e);
        }
    }

    private void renewalFailed(Throwable err) {
        long silentMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastRenewedNanos);
        log.warn("[{}] lease renewal failed {} ms after the last renewal (ttl {} ms): {}", nodeId, silentMs,
                ttl.toMillis(), err.toString());
        try {
            listener.renewalFailed(err);
        } catch (RuntimeException e) {
            log.warn("[{}] renewalFailed listener failed", nodeId, e);
        }
    }

    private void stopTicking() {
        ScheduledFuture<?> t = ticker;
        if (t != null) {
            t.cancel(false);
        }
    }

    private String registryKey() {
        return prefix + "nodes";
    }

    private String leaseKey(String id) {
        return prefix + "lease:" + id;
    }

    private String takeoverKey(String id) {
        return prefix + "takeover:" + id;
    }

    private static Set<String> toSet(List<Object> reply) {
        Set<String> out = new LinkedHashSet<>();
        for (Object o : reply) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    @Override
    public String toString() {
        return "NodeLeases[" + nodeId + " " + state.get() + ", ttl " + ttl.toMillis() + " ms, period "
                + renewPeriod.toMillis() + " ms]";
    }

    /** Builder for {@link NodeLeases}; see the class comment for the defaults' reasons. */
    public static final class Builder {
        private final StatefulRedisConnection<String, String> connection;
        private String keyPrefix = "colachat:";
        private String nodeId = UUID.randomUUID().toString();
        private Duration renewPeriod = Duration.ofSeconds(1);
        private Duration ttl = Duration.ofSeconds(5);
        private NodeLeaseListener listener = new NodeLeaseListener() { };
        private ScheduledExecutorService scheduler;

        private Builder(StatefulRedisConnection<String, String> connection) {
            this.connection = Objects.requireNonNull(connection, "connection");
        }

        /** Prepended to every key; nodes share leases exactly when they share Redis and the prefix. */
        public Builder keyPrefix(String p) { this.keyPrefix = Objects.requireNonNull(p, "keyPrefix"); return this; }

        /** 1 to 64 characters of {@code A-Z a-z 0-9 . _ : -}, never reused. Default: a random UUID. */
        public Builder nodeId(String id) { this.nodeId = Objects.requireNonNull(id, "nodeId"); return this; }

        public Builder renewPeriod(Duration d) { this.renewPeriod = Objects.requireNonNull(d, "renewPeriod"); return this; }

        public Builder ttl(Duration d) { this.ttl = Objects.requireNonNull(d, "ttl"); return this; }

        public Builder listener(NodeLeaseListener l) { this.listener = Objects.requireNonNull(l, "listener"); return this; }

        /** Runs the renewals; the caller owns it. Default: a daemon thread of the leases' own, stopped by close. */
        public Builder scheduler(ScheduledExecutorService s) { this.scheduler = Objects.requireNonNull(s, "scheduler"); return this; }

        /** Validates and builds (nothing touches Redis before {@link NodeLeases#start}). */
        public NodeLeases build() {
            if (!NODE_ID.matcher(nodeId).matches()) {
                throw new IllegalArgumentException("nodeId must be 1-64 characters of [A-Za-z0-9._:-]: '" + nodeId + "'");
            }
            if (renewPeriod.toMillis() < 1) {
                throw new IllegalArgumentException("renewPeriod must be at least 1 ms: " + renewPeriod);
            }
            if (ttl.compareTo(renewPeriod.multipliedBy(2)) < 0) {
                throw new IllegalArgumentException("ttl (" + ttl.toMillis() + " ms) must be at least twice renewPeriod ("
                        + renewPeriod.toMillis() + " ms): one late renewal must not kill a live node");
            }
            return new NodeLeases(this);
        }
    }
}
