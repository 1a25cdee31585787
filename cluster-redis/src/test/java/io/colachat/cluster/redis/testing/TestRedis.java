package io.colachat.cluster.redis.testing;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.UUID;

/**
 * The machine's Redis at 127.0.0.1:6379, which the integration tests use for real. Tests fail
 * (never skip) when it is down. Each test class works under a random key prefix and deletes its
 * keys afterwards, so concurrent runs on one Redis do not see each other.
 */
public final class TestRedis {

    public static final String HOST = "127.0.0.1";
    public static final int PORT = 6379;

    private TestRedis() {
    }

    /**
     * A client for the test Redis, checked with a PING.
     *
     * @throws AssertionError saying that Redis is not reachable
     */
    public static RedisClient client() {
        RedisClient client = RedisClient.create(uri());
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            c.sync().ping();
        } catch (RuntimeException e) {
            client.shutdown();
            throw new AssertionError("Redis at " + HOST + ":" + PORT + " is not reachable: " + e, e);
        }
        return client;
    }

    /** The test Redis's address, with a 10 s command timeout. */
    public static RedisURI uri() {
        return uri(HOST, PORT);
    }

    /** Another address (a proxy in front of the test Redis), with a 10 s command timeout. */
    public static RedisURI uri(String host, int port) {
        return RedisURI.builder().withHost(host).withPort(port).withTimeout(Duration.ofSeconds(10)).build();
    }

    /** A fresh key (or channel) prefix: {@code test:<name>:<random>:}. */
    public static String prefix(String name) {
        return "test:" + name + ":" + UUID.randomUUID().toString().substring(0, 8) + ":";
    }

    /** Deletes every key under {@code prefix}. */
    public static void deleteKeys(StatefulRedisConnection<String, String> connection, String prefix) {
        RedisCommands<String, String> redis = connection.sync();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(500));
            if (!page.getKeys().isEmpty()) {
                redis.del(page.getKeys().toArray(new String[0]));
            }
            cursor = page;
        } while (!cursor.isFinished());
    }
}
