package io.colachat.engine.eio;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Engine.IO settings: immutable, made by {@link #builder()}, validated once in
 * {@link Builder#build()}.
 *
 * <p>Defaults are Socket.IO's: path {@code /socket.io/}, pingInterval 25 s, pingTimeout 20 s,
 * maxPayload 1,000,000 bytes, upgrades allowed, both transports, same-origin only.
 */
public final class EngineConfig {

    private final String path;
    private final Duration pingInterval;
    private final Duration pingTimeout;
    private final Duration upgradeTimeout;
    private final int maxPayload;
    private final boolean allowUpgrades;
    private final Set<String> transports;
    private final OriginPolicy originPolicy;
    private final int outboundLowWaterMark;
    private final int outboundHighWaterMark;

    private EngineConfig(Builder b) {
        this.path = b.path;
        this.pingInterval = b.pingInterval;
        this.pingTimeout = b.pingTimeout;
        this.upgradeTimeout = b.upgradeTimeout;
        this.maxPayload = b.maxPayload;
        this.allowUpgrades = b.allowUpgrades;
        this.transports = Set.copyOf(b.transports);
        this.originPolicy = b.originPolicy;
        this.outboundLowWaterMark = b.outboundLowWaterMark;
        this.outboundHighWaterMark = b.outboundHighWaterMark;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The HTTP path Engine.IO answers on, with leading and trailing slash, e.g. {@code /socket.io/}. */
    public String path() { return path; }

    /** How often the server sends PING. */
    public Duration pingInterval() { return pingInterval; }

    /** How long after a PING the server waits for PONG before closing with "ping timeout". */
    public Duration pingTimeout() { return pingTimeout; }

    /** How long a websocket probe may take to complete its upgrade before it is dropped. */
    public Duration upgradeTimeout() { return upgradeTimeout; }

    /** The largest HTTP body or websocket message a client may send, in bytes. */
    public int maxPayload() { return maxPayload; }

    /** Whether polling sessions are offered the websocket upgrade. */
    public boolean allowUpgrades() { return allowUpgrades; }

    /** The transports accepted: a subset of {@code polling}, {@code websocket}. */
    public Set<String> transports() { return transports; }

    /** Which browser origins may connect. */
    public OriginPolicy originPolicy() { return originPolicy; }

    /** Buffered outbound bytes above which volatile messages are dropped. */
    public int outboundLowWaterMark() { return outboundLowWaterMark; }

    /** Buffered outbound bytes above which the session is closed as a slow consumer. */
    public int outboundHighWaterMark() { return outboundHighWaterMark; }

    /** Builder for {@link EngineConfig}; every setter returns {@code this}. */
    public static final class Builder {
        private String path = "/socket.io/";
        private Duration pingInterval = Duration.ofMillis(25_000);
        private Duration pingTimeout = Duration.ofMillis(20_000);
        private Duration upgradeTimeout = Duration.ofMillis(10_000);
        private int maxPayload = 1_000_000;
        private boolean allowUpgrades = true;
        private Set<String> transports = Set.of("polling", "websocket");
        private OriginPolicy originPolicy = OriginPolicy.sameOrigin();
        private int outboundLowWaterMark = 1 << 20;
        private int outboundHighWaterMark = 8 << 20;

        private Builder() {
        }

        public Builder path(String path) { this.path = Objects.requireNonNull(path, "path"); return this; }
        public Builder pingInterval(Duration d) { this.pingInterval = Objects.requireNonNull(d); return this; }
        public Builder pingTimeout(Duration d) { this.pingTimeout = Objects.requireNonNull(d); return this; }
        public Builder upgradeTimeout(Duration d) { this.upgradeTimeout = Objects.requireNonNull(d); return this; }
        public Builder maxPayload(int bytes) { this.maxPayload = bytes; return this; }
        public Builder allowUpgrades(boolean allow) { this.allowUpgrades = allow; return this; }
        public Builder transports(Set<String> names) { this.transports = Objects.requireNonNull(names); return this; }
        public Builder originPolicy(OriginPolicy p) { this.originPolicy = Objects.requireNonNull(p); return this; }
        public Builder outboundLowWaterMark(int bytes) { this.outboundLowWaterMark = bytes; return this; }
        public Builder outboundHighWaterMark(int bytes) { this.outboundHighWaterMark = bytes; return this; }

        /** Validates and builds; throws {@link IllegalArgumentException} naming the bad setting. */
        public EngineConfig build() {
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("path must start with '/': " + path);
            }
            if (!path.endsWith("/")) {
                path = path + "/";
            }
            requirePositive("pingInterval", pingInterval);
            requirePositive("pingTimeout", pingTimeout);
            requirePositive("upgradeTimeout", upgradeTimeout);
            if (maxPayload < 1) {
                throw new IllegalArgumentException("maxPayload must be positive: " + maxPayload);
            }
            if (transports.isEmpty() || !Set.of("polling", "websocket").containsAll(transports)) {
                throw new IllegalArgumentException("transports must be a non-empty subset of polling, websocket: " + transports);
            }
            if (outboundLowWaterMark < 1 || outboundHighWaterMark < outboundLowWaterMark) {
                throw new IllegalArgumentException("need 0 < outboundLowWaterMark <= outboundHighWaterMark, got "
                        + outboundLowWaterMark + ", " + outboundHighWaterMark);
            }
            return new EngineConfig(this);
        }

        private static void requirePositive(String name, Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + d);
            }
        }
    }
}
