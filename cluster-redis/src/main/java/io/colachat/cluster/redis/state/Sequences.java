package io.colachat.cluster.redis.state;

import io.colachat.cluster.redis.internal.LuaScript;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Counters shared by every node, one per name: each {@link #next} is one {@code INCR}, so the
 * values handed out for a name strictly increase cluster-wide and no two callers get the same
 * one.
 *
 * <pre>{@code
 * Sequences seq = new Sequences(connection, "colachat:");
 * seq.advanceTo("set-42", maxIdInDatabase).join();   // after Redis lost its data
 * long id = seq.next("set-42").join();
 * }</pre>
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link #next} values for one name are unique and increasing in the order Redis ran the
 *       calls. The order replies arrive at different nodes is not that order.</li>
 *   <li>A counter lives in Redis only. If Redis loses its data the counter restarts at 0:
 *       whoever keeps a durable record reseeds with {@link #advanceTo} before handing out
 *       values again. {@code advanceTo} never lowers a counter.</li>
 *   <li>Values stay exact below 2<sup>53</sup> through {@code advanceTo} (Lua numbers).</li>
 * </ul>
 *
 * <p>Keys, under the prefix: {@code seq:<name>}.
 */
public final class Sequences {

    private static final LuaScript ADVANCE = LuaScript.load(Sequences.class, "sequence-advance.lua");

    private final RedisAsyncCommands<String, String> redis;
    private final String prefix;

    /**
     * @param connection owned by the caller; may be shared
     * @param keyPrefix prepended to every key; must not be null
     */
    public Sequences(StatefulRedisConnection<String, String> connection, String keyPrefix) {
        this.redis = Objects.requireNonNull(connection, "connection").async();
        this.prefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
    }

    /** The next value: 1 for a new counter. */
    public CompletableFuture<Long> next(String name) {
        return redis.incr(key(name)).toCompletableFuture();
    }

    /**
     * Reserves {@code count} values at once.
     *
     * @return the last value of the block; the block is {@code (last - count, last]}
     */
    public CompletableFuture<Long> next(String name, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive: " + count);
        }
        return redis.incrby(key(name), count).toCompletableFuture();
    }

    /** The last value handed out; 0 when none was. */
    public CompletableFuture<Long> current(String name) {
        return redis.get(key(name)).toCompletableFuture().thenApply(v -> v == null ? 0L : Long.parseLong(v));
    }

    /** Raises the counter to at least {@code floor}; returns its value afterwards. */
    public CompletableFuture<Long> advanceTo(String name, long floor) {
        if (floor < 0) {
            throw new IllegalArgumentException("floor must not be negative: " + floor);
        }
        return ADVANCE.<Long>run(redis, ScriptOutputType.INTEGER, new String[] {key(name)}, Long.toString(floor));
    }

    private String key(String name) {
        return prefix + "seq:" + Objects.requireNonNull(name, "name");
    }
}
