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
 * together at most the engine's maxPayload bytes, at most 8 namespaces per connection, the
 * in-memory adapter, a plain {@link ObjectMapper}.
 */
public final class SocketIoConfig {

    private final EngineConfig engine;
    private final Duration connectTimeout;
    private final int maxAttachments;
    private final int maxNamespacesPerConnection;
    private final long maxAttachmentBytes;
    private final AdapterFactory adapterFactory;
    private final ObjectMapper mapper;

    private SocketIoConfig(Builder b) {
        this.engine = b.engine;
        this.connectTimeout = b.connectTimeout;
        this.maxAttachments = b.maxAttachments;
        this.maxNamespacesPerConnection = b.maxNamespacesPerConnection;
        this.maxAttachmentBytes = b.maxAttachmentBytes == 0 ? b.engine.maxPayload() : b.maxAttachmentBytes;
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

    /**
     * The most bytes the attachments of one binary packet may carry together; more closes the
     * connection. Attachments are held until the last one arrives, so without this one connection
     * could hold {@link #maxAttachments()} times maxPayload. Set to 0 (the default) it is the
     * engine's maxPayload: a binary packet carries no more than one message could.
     */
    public long maxAttachmentBytes() { return maxAttachmentBytes; }

    /**
     * The most namespaces one connection may join (or be joining) at once; a CONNECT beyond it is
     * answered CONNECT_ERROR "Too many namespaces" and the connection stays as it was. Each
     * namespace costs a socket, rooms and listeners, and a real client joins one or two.
     */
    public int maxNamespacesPerConnection() { return maxNamespacesPerConnection; }

    public AdapterFactory adapterFactory() { return adapterFactory; }

    /** The mapper that serialises emitted arguments and converts received ones. */
    public ObjectMapper mapper() { return mapper; }

    /** Builder for {@link SocketIoConfig}. */
    public static final class Builder {
        private EngineConfig engine = EngineConfig.builder().build();
        private Duration connectTimeout = Duration.ofSeconds(45);
        private int maxAttachments = 10;
        private int maxNamespacesPerConnection = 8;
        private long maxAttachmentBytes;
        private AdapterFactory adapterFactory = InMemoryAdapter::new;
        private ObjectMapper mapper = new ObjectMapper();

        private Builder() {
        }

        public Builder engine(EngineConfig engine) { this.engine = Objects.requireNonNull(engine); return this; }
        public Builder connectTimeout(Duration d) { this.connectTimeout = Objects.requireNonNull(d); return this; }
        public Builder maxAttachments(int n) { this.maxAttachments = n; return this; }
        public Builder maxNamespacesPerConnection(int n) { this.maxNamespacesPerConnection = n; return this; }
        /** 0 (the default) means the engine's maxPayload. */
        public Builder maxAttachmentBytes(long bytes) { this.maxAttachmentBytes = bytes; return this; }
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
            if (maxAttachmentBytes < 0) {
                throw new IllegalArgumentException("maxAttachmentBytes must not be negative: " + maxAttachmentBytes);
            }
            if (maxNamespacesPerConnection < 1) {
                throw new IllegalArgumentException("maxNamespacesPerConnection must be at least 1: "
                        + maxNamespacesPerConnection);
            }
            return new SocketIoConfig(this);
        }
    }
}
