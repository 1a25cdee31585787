package io.colachat.cluster.redis.internal;

import io.colachat.cluster.redis.RedisClusterException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A Lua script kept in a resource file, run by its SHA-1 ({@code EVALSHA}). When Redis does not
 * know the script ({@code NOSCRIPT}: first use, or Redis restarted and lost its script cache)
 * it is sent once in full with {@code EVAL}, which also caches it.
 */
public final class LuaScript {

    private final String name;
    private final String source;
    private final String sha;

    private LuaScript(String name, String source) {
        this.name = name;
        this.source = source;
        this.sha = sha1(source);
    }

    /**
     * Loads {@code name} from the resources next to {@code anchor}'s package.
     *
     * @throws RedisClusterException when the resource is missing
     */
    public static LuaScript load(Class<?> anchor, String name) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new RedisClusterException("Lua script " + name + " not found next to " + anchor.getName());
            }
            return new LuaScript(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RedisClusterException("cannot read Lua script " + name, e);
        }
    }

    /** A script from source text (for scripts built at run time, and tests). */
    public static LuaScript fromSource(String name, String source) {
        return new LuaScript(name, source);
    }

    public String name() {
        return name;
    }

    /** The script's SHA-1, as Redis names it. */
    public String sha() {
        return sha;
    }

    /** Runs the script; the future fails with Lettuce's exception if Redis reports an error. */
    public <T> CompletableFuture<T> run(RedisAsyncCommands<String, String> redis, ScriptOutputType type, String[] keys,
            String... args) {
        CompletableFuture<T> bySha = redis.<T>evalsha(sha, type, keys, args).toCompletableFuture();
        return bySha.handle((value, err) -> {
            if (err == null) {
                return CompletableFuture.completedFuture(value);
            }
            Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
            if (cause instanceof RedisNoScriptException) {
                return redis.<T>eval(source, type, keys, args).toCompletableFuture();
            }
            return CompletableFuture.<T>failedFuture(cause);
        }).thenCompose(f -> f);
    }

    private static String sha1(String source) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(md.digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JVM", e);
        }
    }
}
