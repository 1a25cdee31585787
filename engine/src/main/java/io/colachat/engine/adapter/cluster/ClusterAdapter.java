package io.colachat.engine.adapter.cluster;

import io.colachat.engine.adapter.AdapterNamespace;
import io.colachat.engine.adapter.BroadcastOptions;
import io.colachat.engine.adapter.InMemoryAdapter;
import io.colachat.engine.eio.EioMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An adapter whose namespace spans several nodes: everything that makes a cluster, except the
 * transport. A subclass moves opaque byte arrays over some bus (Redis pub/sub, or an in-process
 * list in tests) and implements only {@link #doPublish}, optionally
 * {@link #doPublishResponse}, and calls {@link #onMessage} with whatever arrives.
 *
 * <pre>{@code
 * final class LoopbackAdapter extends ClusterAdapter {
 *     LoopbackAdapter(AdapterNamespace nsp, Bus bus, ScheduledExecutorService timers) {
 *         super(nsp, ClusterAdapterOptions.defaults(), timers);
 *         bus.subscribe(nsp.name(), this::onMessage);
 *         start();                                   // once subscribed
 *     }
 *     protected CompletionStage<?> doPublish(byte[] message) {
 *         return bus.publish(namespace.name(), message);
 *     }
 * }
 * }</pre>
 *
 * <h2>What crosses nodes</h2>
 * <ul>
 *   <li>{@link #broadcast}: delivered to the local matches, and the same encoded
 *       {@link EioMessage}s are published; each peer writes those exact bytes to its own
 *       matches. A peer never decodes or re-encodes the packet.</li>
 *   <li>{@link #addSockets}, {@link #delSockets}, {@link #disconnectSockets}: applied here and
 *       on every peer, each to its own matching sockets.</li>
 *   <li>{@link #fetchSockets} and {@link #countSockets}: ask every known peer, wait up to a
 *       timeout, and merge the answers with the local part.</li>
 * </ul>
 * With {@link BroadcastOptions#local()} nothing is published. Room membership itself stays
 * local: each node knows only its own sockets' rooms, and a broadcast is resolved by every node
 * against its own maps, so {@code except} rooms work across nodes too.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>At most once: the bus may lose a message (a subscriber reconnecting misses what was
 *       published meanwhile). A failed publish is never silent: it is logged, counted in
 *       {@link #publishFailures()} and reported to {@link ClusterListener#publishFailed}.</li>
 *   <li>Per sender FIFO when the bus keeps order per publisher (Redis pub/sub does): the
 *       broadcasts of one node reach every peer's sockets in the order they were made.</li>
 *   <li>Membership is learnt, not configured: a peer is known from its first message (a new
 *       adapter sends {@link MessageType#INITIAL_HEARTBEAT} and every peer answers), and
 *       forgotten on {@link MessageType#ADAPTER_CLOSE} or after {@code heartbeatTimeout} of
 *       silence. Requests wait only for the peers known when they are sent.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * <p>{@link #onMessage} may be called on any thread, typically the bus's I/O thread, and does
 * little there: local deliveries hop to the sockets' event loops. Heartbeats and request
 * timeouts run on the {@link ScheduledExecutorService} given to the constructor, which the
 * caller owns. Futures complete on one of those threads: chain with the async variants before
 * doing anything slow.
 */
public abstract class ClusterAdapter extends InMemoryAdapter {

    private static final Logger log = LoggerFactory.getLogger(ClusterAdapter.class);
    private static final long MAX_TICK_MILLIS = 1000;

    private final ClusterAdapterOptions options;
    private final String nodeId;
    private final boolean totalOrder;
    private final ScheduledExecutorService scheduler;
    private final ClusterMembers members = new ClusterMembers();
    private final PendingRequests requests;
    private final List<ClusterListener> listeners;
    private final AtomicLong publishFailures = new AtomicLong();
    /** The most recent publish; publishes of one adapter complete in the order they were sent. */
    private final java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CompletableFuture<?>> lastPublish =
            new java.util.concurrent.atomic.AtomicReference<>(java.util.concurrent.CompletableFuture.completedFuture(null));
    private final AtomicLong droppedMessages = new AtomicLong();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Whether the last publish failed: an outage is logged once at WARN, not once per message. */
    private final AtomicBoolean failing = new AtomicBoolean();
    private volatile long lastPublishNanos = System.nanoTime();
    private volatile ScheduledFuture<?> ticker;

    /**
     * @param namespace the namespace served; must not be null
     * @param options cluster settings, shared by a node's adapters; must not be null
     * @param scheduler runs heartbeats and request timeouts; owned by the caller, who shuts it
     *        down after closing the adapters; must not be null
     */
    protected ClusterAdapter(AdapterNamespace namespace, ClusterAdapterOptions options,
            ScheduledExecutorService scheduler) {
        super(namespace);
        this.options = Objects.requireNonNull(options, "options");
        this.nodeId = options.nodeId();
        this.totalOrder = options.totalOrder();
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.requests = new PendingRequests(namespace.name(), scheduler);
        this.listeners = new CopyOnWriteArrayList<>(options.listeners());
    }

    // ---------------------------------------------------------------- the bus: for subclasses

    /**
     * Sends a message to every other node's adapter of this namespace. Called on any thread;
     * must not block. The bus may echo the message back to this node: {@link #onMessage}
     * ignores a node's own messages.
     *
     * @param message an encoded cluster message, never null; not to be modified
     * @return completes when the bus accepted the message, exceptionally when it did not
     */
    protected abstract CompletionStage<?> doPublish(byte[] message);

    /**
     * Sends an answer meant for {@code requesterNodeId} alone. By default it is published to
     * everyone and the other nodes ignore it; override to route it to the requester only.
     */
    protected CompletionStage<?> doPublishResponse(String requesterNodeId, byte[] message) {
        return doPublish(message);
    }

    /**
     * Starts heartbeats and announces this node. Call once the subscription that feeds
     * {@link #onMessage} is in place, or the peers' first answers are lost.
     */
    protected final void start() {
        if (!started.compareAndSet(false, true) || closed.get()) {
            return;
        }
        // Ticking at half the interval keeps the gap between two heartbeats under 1.5 intervals,
        // safely inside the timeout (at least 2 intervals) even when the ticks drift.
        long period = Math.max(1, Math.min(options.heartbeatInterval().toMillis() / 2, MAX_TICK_MILLIS));
        ticker = scheduler.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
        publish(new ClusterMessage.Signal(MessageType.INITIAL_HEARTBEAT, nodeId, namespace.name()));
        log.debug("[{}] cluster adapter of {} started", nodeId, namespace.name());
    }

    /**
     * Handles a message from the bus: any thread, any message (own echoes, other namespaces and
     * unreadable bytes are dropped here, the last counted in {@link #droppedMessages()}).
     */
    protected final void onMessage(byte[] bytes) {
        if (closed.get()) {
            return;
        }
        ClusterMessage m;
        try {
            m = ClusterMessageCodec.decode(bytes);
        } catch (MalformedClusterMessageException e) {
            droppedMessages.incrementAndGet();
            log.warn("[{}] dropped a message on {}: {}", nodeId, namespace.name(), e.getMessage());
            fire(l -> l.messageDropped(namespace.name(), e));
            return;
        }
        boolean own = m.nodeId().equals(nodeId);
        // With total order, our own broadcasts are delivered here, in the bus's order.
        if ((own && !(totalOrder && m.type() == MessageType.BROADCAST)) || !m.namespace().equals(namespace.name())) {
            return;
        }
        if (m.type() == MessageType.ADAPTER_CLOSE) {
            nodeGone(m.nodeId());
            return;
        }
        if (!own && members.seen(m.nodeId(), System.nanoTime())) {
            log.debug("[{}] node {} is up on {}", nodeId, m.nodeId(), namespace.name());
            fire(l -> l.nodeUp(namespace.name(), m.nodeId()));
        }
        try {
            handle(m);
        } catch (RuntimeException e) {
            log.warn("[{}] failed to apply {} from {} on {}", nodeId, m.type(), m.nodeId(), namespace.name(), e);
        }
    }

    private void handle(ClusterMessage m) {
        switch (m.type()) {
            case INITIAL_HEARTBEAT -> publish(new ClusterMessage.Signal(MessageType.HEARTBEAT, nodeId, namespace.name()));
            case HEARTBEAT, ADAPTER_CLOSE -> { }
            case BROADCAST -> {
                ClusterMessage.Broadcast b = (ClusterMessage.Broadcast) m;
                super.broadcast(b.packet(), b.opts());
            }
            case SOCKETS_JOIN -> {
                ClusterMessage.RoomChange r = (ClusterMessage.RoomChange) m;
                super.addSockets(r.opts(), r.rooms());
            }
            case SOCKETS_LEAVE -> {
                ClusterMessage.RoomChange r = (ClusterMessage.RoomChange) m;
                super.delSockets(r.opts(), r.rooms());
            }
            case DISCONNECT_SOCKETS -> {
                ClusterMessage.Disconnect d = (ClusterMessage.Disconnect) m;
                super.disconnectSockets(d.opts(), d.close());
            }
            case FETCH_SOCKETS -> {
                ClusterMessage.Request r = (ClusterMessage.Request) m;
                respond(r.nodeId(), new ClusterMessage.SocketsResponse(nodeId, namespace.name(), r.nodeId(),
                        r.requestId(), localSockets(r.opts())));
            }
            case COUNT_SOCKETS -> {
                ClusterMessage.Request r = (ClusterMessage.Request) m;
                respond(r.nodeId(), new ClusterMessage.CountResponse(nodeId, namespace.name(), r.nodeId(),
                        r.requestId(), localSockets(r.opts()).size()));
            }
            case FETCH_SOCKETS_RESPONSE -> {
                ClusterMessage.SocketsResponse r = (ClusterMessage.SocketsResponse) m;
                if (r.requesterId().equals(nodeId)) {
                    requests.answer(r.requestId(), r.nodeId(), r.sockets());
                }
            }
            case COUNT_SOCKETS_RESPONSE -> {
                ClusterMessage.CountResponse r = (ClusterMessage.CountResponse) m;
                if (r.requesterId().equals(nodeId)) {
                    requests.answer(r.requestId(), r.nodeId(), r.count());
                }
            }
            default -> log.debug("[{}] ignores {} from {}", nodeId, m.type(), m.nodeId());
        }
    }

    // ---------------------------------------------------------------- cluster-wide operations

    /** Delivers to the local matches and, unless {@code opts.local()}, publishes the same bytes. */
    @Override
    public final void broadcast(List<EioMessage> messages, BroadcastOptions opts) {
        if (!opts.local()) {
            publish(new ClusterMessage.Broadcast(nodeId, namespace.name(), opts, messages));
            if (totalOrder) {
                return; // delivered locally when it comes back from the bus
            }
        }
        super.broadcast(messages, opts);
    }

    @Override
    public final void addSockets(BroadcastOptions opts, Set<String> rooms) {
        if (!opts.local()) {
            publish(new ClusterMessage.RoomChange(MessageType.SOCKETS_JOIN, nodeId, namespace.name(), opts, rooms));
        }
        super.addSockets(opts, rooms);
    }

    @Override
    public final void delSockets(BroadcastOptions opts, Set<String> rooms) {
        if (!opts.local()) {
            publish(new ClusterMessage.RoomChange(MessageType.SOCKETS_LEAVE, nodeId, namespace.name(), opts, rooms));
        }
        super.delSockets(opts, rooms);
    }

    @Override
    public final void disconnectSockets(BroadcastOptions opts, boolean close) {
        if (!opts.local()) {
            publish(new ClusterMessage.Disconnect(nodeId, namespace.name(), opts, close));
        }
        super.disconnectSockets(opts, close);
    }

    /** {@link #fetchSockets(BroadcastOptions, Duration)} with the configured request timeout. */
    public CompletableFuture<List<ClusterSocket>> fetchSockets(BroadcastOptions opts) {
        return fetchSockets(opts, options.requestTimeout());
    }

    /**
     * The sockets matching {@code opts} on every node: this node's at once, the peers' as they
     * answer. With {@code opts.local()} only this node's.
     *
     * <pre>{@code
     * adapter.fetchSockets(new BroadcastOptions(Set.of("room-1"), Set.of(), false, false))
     *        .thenAccept(sockets -> log.info("{} sockets in room-1", sockets.size()));
     * }</pre>
     *
     * @return completes with every matching socket once each known peer answered (or went
     *         away), or fails with {@link ClusterTimeoutException} naming the silent nodes
     */
    public CompletableFuture<List<ClusterSocket>> fetchSockets(BroadcastOptions opts, Duration timeout) {
        List<ClusterSocket> local = localSockets(opts);
        if (opts.local()) {
            return CompletableFuture.completedFuture(local);
        }
        return request(MessageType.FETCH_SOCKETS, opts, timeout, local, (a, b) -> {
            List<ClusterSocket> all = new ArrayList<>(a.size() + b.size());
            all.addAll(a);
            all.addAll(b);
            return all;
        });
    }

    /** {@link #countSockets(BroadcastOptions, Duration)} with the configured request timeout. */
    public CompletableFuture<Long> countSockets(BroadcastOptions opts) {
        return countSockets(opts, options.requestTimeout());
    }

    /**
     * How many sockets match {@code opts} on every node; like {@link #fetchSockets} but only
     * numbers travel.
     *
     * <pre>{@code
     * long online = adapter.countSockets(BroadcastOptions.ALL, Duration.ofSeconds(1)).join();
     * }</pre>
     */
    public CompletableFuture<Long> countSockets(BroadcastOptions opts, Duration timeout) {
        long local = localSockets(opts).size();
        if (opts.local()) {
            return CompletableFuture.completedFuture(local);
        }
        return request(MessageType.COUNT_SOCKETS, opts, timeout, local, Long::sum);
    }

    private <T> CompletableFuture<T> request(MessageType type, BroadcastOptions opts, Duration timeout, T local,
            java.util.function.BinaryOperator<T> merge) {
        Objects.requireNonNull(timeout, "timeout");
        long id = requests.nextId();
        CompletableFuture<T> result = requests.open(id, type, members.snapshot(), local, merge, timeout);
        if (!result.isDone()) {
            publish(new ClusterMessage.Request(type, nodeId, namespace.name(), id, opts));
        }
        return result;
    }

    private List<ClusterSocket> localSockets(BroadcastOptions opts) {
        List<ClusterSocket> out = new ArrayList<>();
        forEachMatching(opts, s -> out.add(new ClusterSocket(s.id(), nodeId, socketRooms(s.id()))));
        return out;
    }

    // ---------------------------------------------------------------- state and hooks

    /** This node's id; never null. */
    public final String nodeId() {
        return nodeId;
    }

    /** The peers this adapter knows now (not including this node); never null. */
    public Set<String> peers() {
        return members.snapshot();
    }

    /** Messages the bus did not accept since this adapter started. */
    public long publishFailures() {
        return publishFailures.get();
    }

    /** Received messages that could not be read. */
    public long droppedMessages() {
        return droppedMessages.get();
    }

    /** Whether the bus is up as far as this node can tell; by default, always. */
    public boolean isConnected() {
        return true;
    }

    /** Adds a listener to those of the options. */
    public void addClusterListener(ClusterListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Says goodbye to the peers, stops the heartbeats and fails pending requests. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ScheduledFuture<?> t = ticker;
        if (t != null) {
            t.cancel(false);
        }
        if (started.get()) {
            send(MessageType.ADAPTER_CLOSE, () -> doPublish(ClusterMessageCodec.encode(
                    new ClusterMessage.Signal(MessageType.ADAPTER_CLOSE, nodeId, namespace.name()))));
        }
        requests.failAll("the adapter closed");
        super.close();
    }

    // ---------------------------------------------------------------- private

    private void publish(ClusterMessage m) {
        if (closed.get()) {
            return;
        }
        lastPublishNanos = System.nanoTime();
        send(m.type(), () -> doPublish(ClusterMessageCodec.encode(m)));
    }

    private void respond(String requester, ClusterMessage m) {
        lastPublishNanos = System.nanoTime();
        send(m.type(), () -> doPublishResponse(requester, ClusterMessageCodec.encode(m)));
    }

    /** Runs a publish and turns every way it can fail into one logged, counted, reported failure. */
    private void send(MessageType type, java.util.function.Supplier<CompletionStage<?>> publish) {
        CompletionStage<?> stage;
        try {
            stage = publish.get();
        } catch (RuntimeException e) {
            publishFailed(type, e);
            return;
        }
        if (stage == null) {
            return;
        }
        lastPublish.set(stage.toCompletableFuture());
        stage.whenComplete((ok, err) -> {
            if (err != null) {
                publishFailed(type, err);
            } else if (failing.compareAndSet(true, false)) {
                log.warn("[{}] publishing on {} works again ({} failures so far)", nodeId, namespace.name(),
                        publishFailures.get());
            }
        });
    }

    /**
     * Completes (never exceptionally) once every publish started before this call has completed
     * or failed. A subclass whose {@link #doPublish} sends on one ordered connection (Redis) thus
     * tells a caller that the bus has seen its broadcasts, for example before it lets another
     * node broadcast to the same room (cross-node ordering).
     */
    public java.util.concurrent.CompletableFuture<Void> published() {
        return lastPublish.get().handle((ok, err) -> null);
    }

    private void publishFailed(MessageType type, Throwable cause) {
        long n = publishFailures.incrementAndGet();
        if (failing.compareAndSet(false, true)) {
            log.warn("[{}] could not publish {} on {} (failure #{}; more are logged at debug until a publish"
                    + " succeeds): {}", nodeId, type, namespace.name(), n, cause.toString());
        } else {
            log.debug("[{}] could not publish {} on {} (failure #{}): {}", nodeId, type, namespace.name(), n,
                    cause.toString());
        }
        fire(l -> l.publishFailed(namespace.name(), type, cause));
    }

    private void nodeGone(String node) {
        if (members.remove(node)) {
            nodeDown(node);
        }
    }

    private void nodeDown(String node) {
        log.debug("[{}] node {} is down on {}", nodeId, node, namespace.name());
        requests.nodeGone(node);
        fire(l -> l.nodeDown(namespace.name(), node));
    }

    private void fire(java.util.function.Consumer<ClusterListener> event) {
        for (ClusterListener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                log.warn("[{}] cluster listener failed", nodeId, e);
            }
        }
    }

    /** Heartbeat and expiry. Never throws: an exception would cancel the periodic task for good. */
    private void tick() {
        try {
            long now = System.nanoTime();
            if (now - lastPublishNanos >= options.heartbeatInterval().toNanos()) {
                publish(new ClusterMessage.Signal(MessageType.HEARTBEAT, nodeId, namespace.name()));
            }
            for (String gone : members.expire(now, options.heartbeatTimeout().toNanos())) {
                nodeDown(gone);
            }
        } catch (RuntimeException e) {
            log.warn("[{}] heartbeat of {} failed", nodeId, namespace.name(), e);
        }
    }
}
