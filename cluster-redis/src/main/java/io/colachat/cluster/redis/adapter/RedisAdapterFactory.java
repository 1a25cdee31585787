package io.colachat.cluster.redis.adapter;

import io.colachat.engine.adapter.Adapter;
import io.colachat.engine.adapter.AdapterFactory;
import io.colachat.engine.adapter.AdapterNamespace;
import io.colachat.engine.adapter.cluster.ClusterListener;
import io.colachat.engine.adapter.cluster.MessageType;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.LongAdder;

/**
 * Makes a node's {@link RedisAdapter}s, one per namespace, over two connections it opens and
 * owns: one pub/sub connection shared by every namespace, one for publishing. Install it in the
 * server's config, and close it after the server.
 *
 * <pre>{@code
 * RedisClient redis = RedisClient.create();
 * RedisURI uri = RedisURI.create("redis://127.0.0.1:6379");
 * RedisAdapterFactory adapters = RedisAdapterFactory.create(redis, uri, RedisAdapterOptions.defaults());
 * SocketIoServer io = SocketIoServer.create(SocketIoConfig.builder().adapterFactory(adapters).build());
 * ...
 * io.close();
 * adapters.close();
 * redis.shutdown();
 * }</pre>
 *
 * <p>The connections are named {@code colachat-sub:<nodeId>} and {@code colachat-pub:<nodeId>}
 * (see {@code CLIENT LIST}). Failed publishes are logged by the adapter, counted here in
 * {@link #publishFailures()} and reported to the options' {@link ClusterListener}s.
 */
public final class RedisAdapterFactory implements AdapterFactory, AutoCloseable {

    private final RedisAdapterOptions options;
    private final RedisChannels channels;
    private final ScheduledExecutorService timers;
    private final LongAdder publishFailures = new LongAdder();

    private RedisAdapterFactory(RedisAdapterOptions options, RedisChannels channels, ScheduledExecutorService timers) {
        this.options = RedisAdapterOptions.builder()
                .channelPrefix(options.channelPrefix())
                .cluster(options.cluster().toBuilder().listener(new ClusterListener() {
                    @Override
                    public void publishFailed(String namespace, MessageType type, Throwable cause) {
                        publishFailures.increment();
                    }
                }).build())
                .build();
        this.channels = channels;
        this.timers = timers;
    }

    /**
     * Connects to Redis (blocking; call at startup, not on an event loop). The connections are
     * opened to {@code uri} with a client name added, which Lettuce sends again on every
     * reconnect.
     *
     * @param client the Lettuce client to connect with; the caller still owns and shuts it down
     * @param uri where Redis is; must not be null
     * @param options must not be null
     * @throws io.lettuce.core.RedisConnectionException when Redis cannot be reached
     */
    public static RedisAdapterFactory create(RedisClient client, RedisURI uri, RedisAdapterOptions options) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(options, "options");
        String nodeId = options.cluster().nodeId();
        StatefulRedisPubSubConnection<byte[], byte[]> sub =
                client.connectPubSub(ByteArrayCodec.INSTANCE, named(uri, "colachat-sub:" + nodeId));
        StatefulRedisConnection<byte[], byte[]> pub;
        try {
            pub = client.connect(ByteArrayCodec.INSTANCE, named(uri, "colachat-pub:" + nodeId));
        } catch (RuntimeException e) {
            sub.close();
            throw e;
        }
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "colachat-cluster-" + nodeId);
            t.setDaemon(true);
            return t;
        });
        return new RedisAdapterFactory(options, new RedisChannels(sub, pub), timers);
    }

    /** A copy of {@code uri} naming the connection, so that operators find it in CLIENT LIST. */
    private static RedisURI named(RedisURI uri, String clientName) {
        RedisURI copy = RedisURI.builder(uri).build();
        copy.setClientName(clientName);
        return copy;
    }

    @Override
    public Adapter create(AdapterNamespace namespace) {
        return new RedisAdapter(namespace, channels, options, timers);
    }

    /** This node's id in the cluster. */
    public String nodeId() {
        return options.cluster().nodeId();
    }

    /** Whether both Redis connections are up now. */
    public boolean isConnected() {
        return channels.isConnected();
    }

    /** Messages of any namespace that Redis did not accept, since the factory was made. */
    public long publishFailures() {
        return publishFailures.sum();
    }

    /**
     * Closes the connections and timers, after up to a second for publishes in flight. Close the
     * server (and so its adapters, which say goodbye to their peers) first.
     */
    @Override
    public void close() {
        timers.shutdownNow();
        channels.close(1000);
    }
}
