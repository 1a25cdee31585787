package io.colachat.cluster.redis.adapter;

import io.colachat.engine.adapter.AdapterNamespace;
import io.colachat.engine.adapter.cluster.ClusterAdapter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A namespace's cluster adapter on Redis pub/sub: the cluster logic is all in
 * {@link ClusterAdapter}; this class only publishes to and receives from the namespace's
 * channels (see {@link RedisAdapterOptions}). Made by {@link RedisAdapterFactory}, which shares
 * one pub/sub connection among a node's namespaces.
 *
 * <p>The adapter subscribes when it is made, without blocking (namespaces may be made on an event
 * loop); until {@link #ready()} completes it publishes but does not yet receive.
 */
public final class RedisAdapter extends ClusterAdapter {

    private static final Logger log = LoggerFactory.getLogger(RedisAdapter.class);

    private final RedisChannels channels;
    private final RedisAdapterOptions options;
    private final String channel;
    private final String responseChannel;
    private final CompletableFuture<Void> ready;

    RedisAdapter(AdapterNamespace namespace, RedisChannels channels, RedisAdapterOptions options,
            ScheduledExecutorService timers) {
        super(namespace, options.cluster(), timers);
        this.channels = channels;
        this.options = options;
        this.channel = options.channel(namespace.name());
        this.responseChannel = options.responseChannel(namespace.name(), nodeId());
        this.ready = CompletableFuture.allOf(
                        channels.subscribe(channel, this::onMessage),
                        channels.subscribe(responseChannel, this::onMessage))
                .thenRun(this::start);
        ready.whenComplete((ok, err) -> {
            if (err != null) {
                log.error("[{}] could not subscribe to {} for {}", nodeId(), channel, namespace.name(), err);
            } else {
                log.debug("[{}] subscribed to {}", nodeId(), channel);
            }
        });
    }

    /** Completes once this adapter receives the cluster's messages; fails if subscribing failed. */
    public CompletableFuture<Void> ready() {
        return ready.copy();
    }

    @Override
    protected CompletionStage<?> doPublish(byte[] message) {
        return channels.publish(channel, message);
    }

    @Override
    protected CompletionStage<?> doPublishResponse(String requesterNodeId, byte[] message) {
        return channels.publish(options.responseChannel(namespace.name(), requesterNodeId), message);
    }

    /** Whether the node's Redis connections are up now. */
    @Override
    public boolean isConnected() {
        return channels.isConnected();
    }

    @Override
    public void close() {
        super.close();
        channels.unsubscribe(channel);
        channels.unsubscribe(responseChannel);
    }
}
