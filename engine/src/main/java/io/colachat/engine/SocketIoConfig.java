package io.colachat.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.colachat.engine.adapter.AdapterFactory;
import io.colachat.engine.adapter.InMemoryAdapter;
import io.colachat.engine.eio.EngineConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * Socket.IO settings over the Engine.IO ones: immutable, made by {@link #builder()}.
 *
 * <p>Defaults: connectTimeout 45 s (Socket.IO's), at most 10 binary attachments per packet,
 * the in-memory adapter, a plain {@link ObjectMapper}.
 */
public final class SocketIoConfig {

    private final EngineConfig engine;
    private final Duration connectTimeout;
    private final int maxAttachments;
    private final AdapterFactory adapterFactory;
    private final ObjectMapper mapper;

    private SocketIoConfig(Builder b) {
        this.engine = b.engine;
        this.connectTimeout = b.connectTimeout;
        this.maxAttachments = b.maxAttachments;
        this.adapterFactory = b.adapterFactory;
        this.mapper = b.mapper;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The defaults throughout. */
    public static SocketIoConfig defaults() {
        return builder().build();
    }

    public EngineConfig engine() { return engine; }

    /** How long a connection may stay without joining any namespace before it is closed. */
    public Duration connectTimeout() { return connectTimeout; }

    /** The most binary attachments one packet may announce; more closes the connection. */
    public int maxAttachments() { return maxAttachments; }

    public AdapterFactory adapterFactory() { return adapterFactory; }

    /** The mapper that serialises emitted arguments and converts received ones. */
    public ObjectMapper mapper() { return mapper; }

    /** Builder for {@link SocketIoConfig}. */
    public static final class Builder {
        private EngineConfig engine = EngineConfig.builder().build();
        private Duration connectTimeout = Duration.ofSeconds(45);
        private int maxAttachments = 10;
        private AdapterFactory adapterFactory = InMemoryAdapter::new;
        private ObjectMapper mapper = new ObjectMapper();

        private Builder() {
        }

        public Builder engine(EngineConfig engine) { this.engine = Objects.requireNonNull(engine); return this; }
        public Builder connectTimeout(Duration d) { this.connectTimeout = Objects.requireNonNull(d); return this; }
        public Builder maxAttachments(int n) { this.maxAttachments = n; return this; }
        public Builder adapterFactory(AdapterFactory f) { this.adapterFactory = Objects.requireNonNull(f); return this; }
        public Builder mapper(ObjectMapper m) { this.mapper = Objects.requireNonNull(m); return this; }

        /** Validates and builds; throws {@link IllegalArgumentException} naming the bad setting. */
        public SocketIoConfig build() {
            if (connectTimeout.isNegative() || connectTimeout.isZero()) {
                throw new IllegalArgumentException("connectTimeout must be positive: " + connectTimeout);
            }
            if (maxAttachments < 1) {
                throw new IllegalArgumentException("maxAttachments must be at least 1: " + maxAttachments);
            }
            return new SocketIoConfig(this);
        }
    }
}
