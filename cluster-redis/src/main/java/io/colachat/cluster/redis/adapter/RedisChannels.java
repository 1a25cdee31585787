package io.colachat.cluster.redis.adapter;

import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's two Redis connections, shared by all its namespaces: a pub/sub connection that
 * routes each channel's messages to one handler, and a plain connection for PUBLISH (a
 * subscribed RESP2 connection can do nothing else).
 *
 * <p>Reconnecting is Lettuce's job: both connections reconnect on their own, and the pub/sub
 * connection subscribes again to every channel it had. What is published while a subscriber
 * is away is lost to it (pub/sub keeps nothing).
 */
final class RedisChannels {

    private static final Logger log = LoggerFactory.getLogger(RedisChannels.class);

    private final StatefulRedisPubSubConnection<byte[], byte[]> sub;
    private final StatefulRedisConnection<byte[], byte[]> pub;
    private final Map<String, Consumer<byte[]>> handlers = new ConcurrentHashMap<>();
    /** The latest publish: replies come in order, so when it is done, every earlier one is. */
    private volatile CompletableFuture<Long> lastPublish = CompletableFuture.completedFuture(0L);

    RedisChannels(StatefulRedisPubSubConnection<byte[], byte[]> sub, StatefulRedisConnection<byte[], byte[]> pub) {
        this.sub = sub;
        this.pub = pub;
        sub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(byte[] channel, byte[] message) {
                dispatch(channel, message);
            }
        });
    }

    /** Routes {@code channel} to {@code handler} and subscribes; completes once Redis confirmed. */
    CompletableFuture<Void> subscribe(String channel, Consumer<byte[]> handler) {
        if (handlers.putIfAbsent(channel, handler) != null) {
            return CompletableFuture.failedFuture(new IllegalStateException("channel " + channel + " already has a handler"));
        }
        return sub.async().subscribe(bytes(channel)).toCompletableFuture();
    }

    /** Stops routing {@code channel}; best effort. */
    void unsubscribe(String channel) {
        handlers.remove(channel);
        if (sub.isOpen()) {
            sub.async().unsubscribe(bytes(channel)).whenComplete((ok, err) -> {
                if (err != null) {
                    log.debug("unsubscribing from {} failed: {}", channel, err.toString());
                }
            });
        }
    }

    /**
     * Publishes; fails at once with {@link RedisConnectionException} while the publishing
     * connection is down, rather than queueing the message for an unknown time.
     */
    CompletionStage<Long> publish(String channel, byte[] message) {
        if (!pub.isOpen()) {
            return CompletableFuture.failedFuture(new RedisConnectionException(
                    "not connected to Redis: cannot publish " + message.length + " bytes to " + channel));
        }
        CompletableFuture<Long> f = pub.async().publish(bytes(channel), message).toCompletableFuture();
        lastPublish = f;
        return f;
    }

    /** Whether both connections are up. */
    boolean isConnected() {
        return sub.isOpen() && pub.isOpen();
    }

    /**
     * Closes both connections, after waiting up to {@code drainMillis} for publishes in flight:
     * the goodbyes adapters send on close would otherwise be cut off.
     */
    void close(long drainMillis) {
        try {
            lastPublish.get(drainMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.debug("closing with publishes failed or in flight: {}", e.toString());
        }
        handlers.clear();
        sub.close();
        pub.close();
    }

    private void dispatch(byte[] channel, byte[] message) {
        Consumer<byte[]> handler = handlers.get(new String(channel, StandardCharsets.UTF_8));
        if (handler == null) {
            return;
        }
        try {
            handler.accept(message);
        } catch (RuntimeException e) {
            // Never let one message break Lettuce's dispatch loop for the others.
            log.warn("handler of {} failed", new String(channel, StandardCharsets.UTF_8), e);
        }
    }

    private static byte[] bytes(String channel) {
        return channel.getBytes(StandardCharsets.UTF_8);
    }
}
