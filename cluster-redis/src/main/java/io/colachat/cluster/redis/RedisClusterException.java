package io.colachat.cluster.redis;

/** The root of this module's unchecked exceptions. Lettuce's own exceptions pass through unwrapped. */
public class RedisClusterException extends RuntimeException {

    public RedisClusterException(String message) {
        super(message);
    }

    public RedisClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
