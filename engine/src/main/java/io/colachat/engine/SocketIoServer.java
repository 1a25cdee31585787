package io.colachat.engine;

import io.colachat.engine.eio.EioCloseReason;
import io.colachat.engine.eio.EioServer;
import io.colachat.engine.eio.EioSocket;
import io.colachat.engine.netty.HttpHandler;
import io.colachat.engine.netty.LimitsConfig;
import io.colachat.engine.netty.NettyServer;
import io.colachat.engine.parser.PacketEncoder;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Socket.IO server (Engine.IO v4, Socket.IO v5) on Netty.
 *
 * <pre>{@code
 * SocketIoServer io = SocketIoServer.create(SocketIoConfig.defaults());
 * io.onConnection(socket -> {
 *     socket.on("message", (args, ack) -> socket.emit("message-back", args.toArray()));
 * });
 * io.of(Pattern.compile("^/room-\\d+$")).onConnection(socket -> socket.join("all"));
 * io.listen(3000);
 * }</pre>
 *
 * <p>To share the port with an HTTP application, use {@link #listen(String, int, HttpHandler)},
 * or hand {@link #engine()} to your own {@link NettyServer}.
 */
public final class SocketIoServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SocketIoServer.class);

    private final SocketIoConfig config;
    private final PacketEncoder encoder;
    private final EioServer engine;
    private final Map<String, Namespace> namespaces = new ConcurrentHashMap<>();
    private final List<DynamicNamespace> dynamic = new CopyOnWriteArrayList<>();
    private volatile NettyServer netty;

    private SocketIoServer(SocketIoConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.encoder = new PacketEncoder(config.mapper());
        this.engine = new EioServer(config.engine(), this::onConnection);
        of("/");
    }

    /** A server with these settings; nothing listens until {@link #listen}. */
    public static SocketIoServer create(SocketIoConfig config) {
        return new SocketIoServer(config);
    }

    public SocketIoConfig config() {
        return config;
    }

    /** The Engine.IO server, for embedding in a {@link NettyServer} of your own. */
    public EioServer engine() {
        return engine;
    }

    PacketEncoder encoder() {
        return encoder;
    }

    // ---------------------------------------------------------------- namespaces

    /** The namespace of this name, created if needed; {@code "chat"} and {@code "/chat"} are one. */
    public Namespace of(String name) {
        String n = name.startsWith("/") ? name : "/" + name;
        return namespaces.computeIfAbsent(n, k -> new Namespace(this, k, false));
    }

    /**
     * A parent of dynamic namespaces: any name the predicate accepts is created on its first
     * connection, sharing the parent's middleware and listeners.
     */
    public Namespace of(Predicate<String> matcher) {
        Namespace parent = new Namespace(this, "dynamic#" + dynamic.size(), true);
        dynamic.add(new DynamicNamespace(matcher, parent));
        return parent;
    }

    /** A parent of dynamic namespaces whose whole name matches {@code pattern}. */
    public Namespace of(Pattern pattern) {
        return of(name -> pattern.matcher(name).matches());
    }

    /** The main namespace, {@code /}. */
    public Namespace sockets() {
        return of("/");
    }

    /** Adds a middleware to the main namespace. */
    public SocketIoServer use(Middleware middleware) {
        sockets().use(middleware);
        return this;
    }

    /** Listens to connections to the main namespace. */
    public SocketIoServer onConnection(ConnectionListener listener) {
        sockets().onConnection(listener);
        return this;
    }

    /** Broadcasts to rooms of the main namespace. */
    public BroadcastOperator to(String... rooms) {
        return sockets().to(rooms);
    }

    /** Emits to every socket of the main namespace. */
    public void emit(String event, Object... args) {
        sockets().emit(event, args);
    }

    /**
     * The namespace a connection to {@code name} would reach: an existing one, or a dynamic one
     * created now because a parent accepts the name; null if none does. Unlike {@link #of(String)}
     * it never creates a fixed namespace, so it is safe to call for broadcasting.
     */
    public Namespace namespace(String name) {
        return namespaceFor(name);
    }

    /** The namespace a CONNECT for {@code name} goes to, or null if none accepts it. */
    Namespace namespaceFor(String name) {
        Namespace fixed = namespaces.get(name);
        if (fixed != null) {
            return fixed;
        }
        for (DynamicNamespace d : dynamic) {
            if (d.matcher().test(name)) {
                // Two connections racing to create the same child must get the same one.
                return namespaces.computeIfAbsent(name, k -> new Namespace(this, k, d.parent()));
            }
        }
        return null;
    }

    /** Forgets an empty dynamic child; a later connection or broadcast makes a fresh one. */
    void retire(Namespace child, Namespace parent) {
        namespaces.remove(child.name(), child);
        parent.removeChild(child);
        child.adapter().close();
    }

    private void onConnection(EioSocket eio) {
        eio.setListener(new Client(this, eio));
    }

    // ---------------------------------------------------------------- lifecycle

    /** Listens on every interface at {@code port} (0 picks a free one); see {@link #port()}. */
    public SocketIoServer listen(int port) {
        return listen("0.0.0.0", port, null);
    }

    /**
     * Listens on {@code host:port}; requests outside the Engine.IO path go to {@code http}
     * (404 when null).
     */
    public SocketIoServer listen(String host, int port, HttpHandler http) {
        return listen(host, port, http, LimitsConfig.defaults());
    }

    /**
     * Listens on {@code host:port} with these abuse limits; requests outside the Engine.IO path go
     * to {@code http} (404 when null).
     *
     * <pre>{@code
     * io.listen("0.0.0.0", 8080, handler, LimitsConfig.builder().maxConnectionsPerIp(64).build());
     * }</pre>
     */
    public SocketIoServer listen(String host, int port, HttpHandler http, LimitsConfig limits) {
        NettyServer.Builder b = NettyServer.builder().host(host).port(port).limits(limits);
        if (http != null) {
            b.httpHandler(http);
        }
        return listen(b);
    }

    /**
     * Listens with an HTTP server configured by the caller (host, port, limits, application
     * handler, body size); this server's engine is set on it here.
     *
     * <pre>{@code
     * io.listen(NettyServer.builder().port(8080).httpHandler(rest).httpMaxContentLength(64 * 1024));
     * }</pre>
     */
    public SocketIoServer listen(NettyServer.Builder builder) {
        NettyServer server = builder.engine(engine).build();
        server.start();
        this.netty = server;
        log.info("Socket.IO listening on port {} at {}", server.port(), config.engine().path());
        return this;
    }

    /** Stops taking new connections while the open ones go on (the start of a graceful shutdown). */
    public void stopAccepting() {
        NettyServer n = netty;
        if (n != null) {
            n.stopAccepting();
        }
    }

    /** The HTTP server after {@link #listen}, or null before. */
    public NettyServer httpServer() {
        return netty;
    }

    /** The bound port after {@link #listen}. */
    public int port() {
        NettyServer n = netty;
        if (n == null) {
            throw new IllegalStateException("not listening");
        }
        return n.port();
    }

    /** Disconnects everyone, closes the adapters and, if it listens, the HTTP server. */
    @Override
    public void close() {
        engine.closeAll(EioCloseReason.SERVER_SHUTDOWN);
        for (Namespace n : namespaces.values()) {
            n.adapter().close();
        }
        NettyServer n = netty;
        if (n != null) {
            n.close();
        }
    }

    private record DynamicNamespace(Predicate<String> matcher, Namespace parent) {
    }
}
