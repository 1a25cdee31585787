package io.colachat.engine.netty;

import java.time.Duration;
import java.util.Objects;

/**
 * Abuse limits of a {@link NettyServer}: how many connections, how fast they may be opened, how
 * large and how slow a request head may be, how many fragments a websocket message may have.
 * Immutable, made by {@link #builder()}, validated once in {@link Builder#build()}.
 *
 * <pre>{@code
 * NettyServer.builder()
 *         .limits(LimitsConfig.builder().maxConnectionsPerIp(64).build())
 *         .engine(engine)
 *         .build();
 * }</pre>
 *
 * <p>Defaults and their reasons:
 * <ul>
 *   <li>{@code maxConnections} 10,000: one node's fair share of file descriptors and memory; a
 *       refused connection is answered 503.</li>
 *   <li>{@code maxConnectionsPerIp} 256 and {@code newConnectionsPerIpPerSecond} 32 with a burst of
 *       64: a browser holds at most a websocket and a few polling connections, so this leaves room
 *       for a large office or campus behind one NAT address, while one host cannot take the whole
 *       server. Over them a connection is answered 429. IPv6 addresses count per /64, the block one
 *       subscriber usually gets. Behind a reverse proxy every connection comes from the proxy:
 *       raise these there, the proxy limits per client.</li>
 *   <li>{@code perIpLimitsOnLoopback} false: connections from a loopback address (a reverse
 *       proxy or a load generator on the same host, many clients behind one address) are exempt
 *       from the per-address limits; the total still applies.</li>
 *   <li>{@code maxInitialLineLength} 4,096 bytes (414 over it) and {@code maxHeaderSize} 8,192
 *       bytes for all header lines together (431 over it): Netty's and most servers' defaults;
 *       2,000 headers or a 64 KiB {@code Sec-WebSocket-Protocol} never reach the application.</li>
 *   <li>{@code requestHeaderTimeout} 10 s: a connection waiting for a request head, new or idle
 *       between requests, is closed after this long. It stops slow-loris clients that send a head
 *       a byte at a time, and idle keep-alive connections, as Node's 5 s keep-alive timeout does.
 *       A request whose head has arrived (a long poll held open) is not affected.</li>
 *   <li>{@code maxWebSocketFragments} 256 frames per websocket message: browsers send every
 *       message as one frame; thousands of one-byte continuation frames only cost the server.
 *       Over it the connection is closed with 1009.</li>
 * </ul>
 */
public final class LimitsConfig {

    private static final LimitsConfig DEFAULTS = builder().build();

    private final int maxConnections;
    private final int maxConnectionsPerIp;
    private final int newConnectionsPerIpPerSecond;
    private final int newConnectionsPerIpBurst;
    private final int maxInitialLineLength;
    private final int maxHeaderSize;
    private final Duration requestHeaderTimeout;
    private final int maxWebSocketFragments;
    private final boolean perIpLimitsOnLoopback;

    private LimitsConfig(Builder b) {
        this.maxConnections = b.maxConnections;
        this.maxConnectionsPerIp = b.maxConnectionsPerIp;
        this.newConnectionsPerIpPerSecond = b.newConnectionsPerIpPerSecond;
        this.newConnectionsPerIpBurst = b.newConnectionsPerIpBurst;
        this.maxInitialLineLength = b.maxInitialLineLength;
        this.maxHeaderSize = b.maxHeaderSize;
        this.requestHeaderTimeout = b.requestHeaderTimeout;
        this.maxWebSocketFragments = b.maxWebSocketFragments;
        this.perIpLimitsOnLoopback = b.perIpLimitsOnLoopback;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults throughout. */
    public static LimitsConfig defaults() {
        return DEFAULTS;
    }

    /** Open connections in total; one more is answered 503 and closed. */
    public int maxConnections() { return maxConnections; }

    /** Open connections from one address (IPv6: one /64); one more is answered 429 and closed. */
    public int maxConnectionsPerIp() { return maxConnectionsPerIp; }

    /** New connections one address may open per second, on average (a token bucket's rate). */
    public int newConnectionsPerIpPerSecond() { return newConnectionsPerIpPerSecond; }

    /** New connections one address may open at once (the token bucket's size). */
    public int newConnectionsPerIpBurst() { return newConnectionsPerIpBurst; }

    /** The longest request line, in bytes. */
    public int maxInitialLineLength() { return maxInitialLineLength; }

    /** The most bytes all header lines of one request may take. */
    public int maxHeaderSize() { return maxHeaderSize; }

    /** How long a connection may take to send a complete request head. */
    public Duration requestHeaderTimeout() { return requestHeaderTimeout; }

    /** The most frames (first frame plus continuations) one websocket message may have. */
    public int maxWebSocketFragments() { return maxWebSocketFragments; }

    /** Whether the per-address limits apply to loopback addresses too. */
    public boolean perIpLimitsOnLoopback() { return perIpLimitsOnLoopback; }

    @Override
    public String toString() {
        return "LimitsConfig[maxConnections=" + maxConnections + ", maxConnectionsPerIp=" + maxConnectionsPerIp
                + ", newConnectionsPerIpPerSecond=" + newConnectionsPerIpPerSecond
                + ", newConnectionsPerIpBurst=" + newConnectionsPerIpBurst
                + ", maxInitialLineLength=" + maxInitialLineLength + ", maxHeaderSize=" + maxHeaderSize
                + ", requestHeaderTimeout=" + requestHeaderTimeout
                + ", maxWebSocketFragments=" + maxWebSocketFragments
                + ", perIpLimitsOnLoopback=" + perIpLimitsOnLoopback + "]";
    }

    /** Builder for {@link LimitsConfig}; every setter returns {@code this}. */
    public static final class Builder {
        private int maxConnections = 10_000;
        private int maxConnectionsPerIp = 256;
        private int newConnectionsPerIpPerSecond = 32;
        private int newConnectionsPerIpBurst = 64;
        private int maxInitialLineLength = 4096;
        private int maxHeaderSize = 8192;
        private Duration requestHeaderTimeout = Duration.ofSeconds(10);
        private int maxWebSocketFragments = 256;
        private boolean perIpLimitsOnLoopback;

        private Builder() {
        }

        public Builder maxConnections(int n) { this.maxConnections = n; return this; }
        public Builder maxConnectionsPerIp(int n) { this.maxConnectionsPerIp = n; return this; }
        public Builder newConnectionsPerIpPerSecond(int n) { this.newConnectionsPerIpPerSecond = n; return this; }
        public Builder newConnectionsPerIpBurst(int n) { this.newConnectionsPerIpBurst = n; return this; }
        public Builder maxInitialLineLength(int bytes) { this.maxInitialLineLength = bytes; return this; }
        public Builder maxHeaderSize(int bytes) { this.maxHeaderSize = bytes; return this; }
        public Builder requestHeaderTimeout(Duration d) { this.requestHeaderTimeout = Objects.requireNonNull(d); return this; }
        public Builder maxWebSocketFragments(int n) { this.maxWebSocketFragments = n; return this; }
        public Builder perIpLimitsOnLoopback(boolean apply) { this.perIpLimitsOnLoopback = apply; return this; }

        /** Validates and builds; throws {@link IllegalArgumentException} naming the bad setting. */
        public LimitsConfig build() {
            requirePositive("maxConnections", maxConnections);
            requirePositive("maxConnectionsPerIp", maxConnectionsPerIp);
            requirePositive("newConnectionsPerIpPerSecond", newConnectionsPerIpPerSecond);
            requirePositive("newConnectionsPerIpBurst", newConnectionsPerIpBurst);
            // Below these no real request fits: "GET /socket.io/?EIO=4&transport=polling HTTP/1.1".
            if (maxInitialLineLength < 64) {
                throw new IllegalArgumentException("maxInitialLineLength must be at least 64: " + maxInitialLineLength);
            }
            if (maxHeaderSize < 256) {
                throw new IllegalArgumentException("maxHeaderSize must be at least 256: " + maxHeaderSize);
            }
            if (requestHeaderTimeout.isNegative() || requestHeaderTimeout.isZero()) {
                throw new IllegalArgumentException("requestHeaderTimeout must be positive: " + requestHeaderTimeout);
            }
            requirePositive("maxWebSocketFragments", maxWebSocketFragments);
            return new LimitsConfig(this);
        }

        private static void requirePositive(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
        }
    }
}
