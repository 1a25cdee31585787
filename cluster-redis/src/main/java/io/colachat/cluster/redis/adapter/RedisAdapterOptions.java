package io.colachat.cluster.redis.adapter;

import io.colachat.engine.adapter.cluster.ClusterAdapterOptions;
import java.util.Objects;

/**
 * Settings of a node's Redis adapters: immutable, made by {@link #builder()}.
 *
 * <pre>{@code
 * RedisAdapterOptions opts = RedisAdapterOptions.builder()
 *         .channelPrefix("colachat")
 *         .cluster(ClusterAdapterOptions.builder().nodeId(nodeId).build())
 *         .build();
 * }</pre>
 *
 * <p>Channels: a namespace's messages go to {@code <prefix>#<namespace>#}, which every node
 * subscribes to; answers to a request go to {@code <prefix>#<namespace>#<nodeId>#}, which only
 * the requesting node subscribes to. Defaults: prefix {@code colachat} (nodes share a cluster
 * exactly when they share Redis and the prefix, so two deployments on one Redis need two
 * prefixes), cluster settings {@link ClusterAdapterOptions#defaults()}.
 */
public final class RedisAdapterOptions {

    private final String channelPrefix;
    private final ClusterAdapterOptions cluster;

    private RedisAdapterOptions(Builder b) {
        this.channelPrefix = b.channelPrefix;
        this.cluster = b.cluster;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The defaults throughout, with a fresh random node id. */
    public static RedisAdapterOptions defaults() {
        return builder().build();
    }

    public String channelPrefix() { return channelPrefix; }

    public ClusterAdapterOptions cluster() { return cluster; }

    /** The channel every node of the namespace subscribes to. */
    public String channel(String namespace) {
        return channelPrefix + "#" + namespace + "#";
    }

    /** The channel only {@code nodeId} subscribes to, for answers to its requests. */
    public String responseChannel(String namespace, String nodeId) {
        return channelPrefix + "#" + namespace + "#" + nodeId + "#";
    }

    /** Builder for {@link RedisAdapterOptions}. */
    public static final class Builder {
        private String channelPrefix = "colachat";
        private ClusterAdapterOptions cluster;

        private Builder() {
        }

        /** Non-empty, without {@code #}. */
        public Builder channelPrefix(String p) { this.channelPrefix = Objects.requireNonNull(p, "channelPrefix"); return this; }

        public Builder cluster(ClusterAdapterOptions c) { this.cluster = Objects.requireNonNull(c, "cluster"); return this; }

        /** Validates and builds; throws {@link IllegalArgumentException} naming the bad setting. */
        public RedisAdapterOptions build() {
            if (channelPrefix.isEmpty() || channelPrefix.indexOf('#') >= 0) {
                throw new IllegalArgumentException("channelPrefix must be non-empty and without '#': '" + channelPrefix + "'");
            }
            if (cluster == null) {
                cluster = ClusterAdapterOptions.defaults();
            }
            return new RedisAdapterOptions(this);
        }
    }
}
