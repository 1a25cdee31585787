package io.colachat.engine.adapter.cluster;

import io.colachat.engine.internal.Ids;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Settings shared by the cluster adapters of one node: immutable, made by {@link #builder()},
 * validated once by {@link Builder#build()}.
 *
 * <pre>{@code
 * ClusterAdapterOptions opts = ClusterAdapterOptions.builder()
 *         .nodeId("node-a")
 *         .requestTimeout(Duration.ofSeconds(2))
 *         .build();
 * }</pre>
 *
 * <p>Defaults, with their reasons:
 * <ul>
 *   <li>{@code nodeId}: a fresh random id. A node id must be unique in the cluster and is best
 *       never reused across restarts, so that nothing said about a dead process is mistaken for
 *       its successor.</li>
 *   <li>{@code heartbeatInterval} 5 s: a node that published nothing else for this long says it
 *       is alive. It only decides how long requests keep waiting for a node that vanished
 *       without {@link MessageType#ADAPTER_CLOSE}; detecting dead nodes for state takeover is
 *       a lease's job, not this one's.</li>
 *   <li>{@code heartbeatTimeout} 10 s, at least twice the interval: one lost heartbeat must not
 *       drop a live peer.</li>
 *   <li>{@code requestTimeout} 5 s (Socket.IO's): how long {@code fetchSockets} and
 *       {@code countSockets} wait for every known peer before failing.</li>
 * </ul>
 */
public final class ClusterAdapterOptions {

    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final String nodeId;
    private final Duration heartbeatInterval;
    private final Duration heartbeatTimeout;
    private final Duration requestTimeout;
    private final List<ClusterListener> listeners;
    private final boolean totalOrder;

    private ClusterAdapterOptions(Builder b) {
        this.totalOrder = b.totalOrder;
        this.nodeId = b.nodeId;
        this.heartbeatInterval = b.heartbeatInterval;
        this.heartbeatTimeout = b.heartbeatTimeout;
        this.requestTimeout = b.requestTimeout;
        this.listeners = List.copyOf(b.listeners);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The defaults throughout, with a fresh random node id. */
    public static ClusterAdapterOptions defaults() {
        return builder().build();
    }

    /** This node's id in the cluster; never null. */
    public String nodeId() { return nodeId; }

    public Duration heartbeatInterval() { return heartbeatInterval; }

    public Duration heartbeatTimeout() { return heartbeatTimeout; }

    public Duration requestTimeout() { return requestTimeout; }

    /**
     * Whether this node's own broadcasts reach its local sockets through the bus, like everyone
     * else's, instead of at once: every node then delivers all broadcasts in the bus's one order
     * (at the cost of a round trip for local recipients). Off by default.
     */
    public boolean totalOrder() { return totalOrder; }

    /** Listeners every adapter made with these options reports to; never null. */
    public List<ClusterListener> listeners() { return listeners; }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.nodeId = nodeId;
        b.heartbeatInterval = heartbeatInterval;
        b.heartbeatTimeout = heartbeatTimeout;
        b.requestTimeout = requestTimeout;
        b.listeners.addAll(listeners);
        b.totalOrder = totalOrder;
        return b;
    }

    @Override
    public String toString() {
        return "ClusterAdapterOptions[nodeId=" + nodeId + ", heartbeatInterval=" + heartbeatInterval
                + ", heartbeatTimeout=" + heartbeatTimeout + ", requestTimeout=" + requestTimeout + "]";
    }

    /** Builder for {@link ClusterAdapterOptions}. */
    public static final class Builder {
        private String nodeId = Ids.newId();
        private Duration heartbeatInterval = Duration.ofSeconds(5);
        private Duration heartbeatTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(5);
        private final List<ClusterListener> listeners = new ArrayList<>();
        private boolean totalOrder;

        private Builder() {
        }

        /** 1 to 64 characters of {@code A-Z a-z 0-9 . _ : -}; it appears in bus channel names. */
        public Builder nodeId(String id) { this.nodeId = Objects.requireNonNull(id, "nodeId"); return this; }
        public Builder heartbeatInterval(Duration d) { this.heartbeatInterval = Objects.requireNonNull(d); return this; }
        public Builder heartbeatTimeout(Duration d) { this.heartbeatTimeout = Objects.requireNonNull(d); return this; }
        public Builder requestTimeout(Duration d) { this.requestTimeout = Objects.requireNonNull(d); return this; }
        public Builder totalOrder(boolean on) { this.totalOrder = on; return this; }
        public Builder listener(ClusterListener l) { this.listeners.add(Objects.requireNonNull(l, "listener")); return this; }

        /** Validates and builds; throws {@link IllegalArgumentException} naming the bad setting. */
        public ClusterAdapterOptions build() {
            if (!NODE_ID.matcher(nodeId).matches()) {
                throw new IllegalArgumentException("nodeId must be 1-64 characters of [A-Za-z0-9._:-]: '" + nodeId + "'");
            }
            requirePositive("heartbeatInterval", heartbeatInterval);
            requirePositive("heartbeatTimeout", heartbeatTimeout);
            requirePositive("requestTimeout", requestTimeout);
            if (heartbeatTimeout.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
                throw new IllegalArgumentException("heartbeatTimeout (" + heartbeatTimeout.toMillis()
                        + " ms) must be at least twice heartbeatInterval (" + heartbeatInterval.toMillis() + " ms)");
            }
            return new ClusterAdapterOptions(this);
        }

        private static void requirePositive(String name, Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + d);
            }
        }
    }
}
