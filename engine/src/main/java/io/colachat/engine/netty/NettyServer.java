package io.colachat.engine.netty;

import io.colachat.engine.eio.EioCloseReason;
import io.colachat.engine.eio.EioServer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP and websocket server: Engine.IO under the engine's path, everything else to an
 * {@link HttpHandler}, on one port.
 *
 * <pre>{@code
 * NettyServer server = NettyServer.builder()
 *         .host("0.0.0.0").port(8080)
 *         .engine(eioServer)
 *         .httpHandler(handler)
 *         .build();
 * server.start();
 * int port = server.port();
 * server.close();
 * }</pre>
 *
 * <p>Uses the native epoll transport when it is available, NIO otherwise. Each connection, and
 * every Engine.IO session opened on it, stays on one event loop of the worker group.
 *
 * <p>Every connection passes the {@link LimitsConfig} first: connections in total and per address,
 * new connections per address per second, the size and arrival time of request heads, and the
 * frames of a websocket message.
 */
public final class NettyServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NettyServer.class);

    /** How long {@link #close} waits for channels to close and loops to stop. */
    private static final long SHUTDOWN_WAIT_MILLIS = 5_000;

    /** How often per-address state of addresses gone quiet is dropped. */
    private static final long SWEEP_PERIOD_MILLIS = 5_000;

    private final String host;
    private final int requestedPort;
    private final EioServer engine;
    private final HttpHandler httpHandler;
    private final int httpMaxContentLength;
    private final int eventLoopThreads;
    private final boolean nativeTransport;
    private final LimitsConfig limits;
    private final ConnectionLimiter limiter;
    private final ChannelGroup channels = new DefaultChannelGroup("colachat", GlobalEventExecutor.INSTANCE);

    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    private volatile Channel serverChannel;
    /** The bound port, kept: it outlives the listening socket after {@link #stopAccepting()}. */
    private volatile int boundPort = -1;
    private boolean started;
    private boolean closed;

    private NettyServer(Builder b) {
        this.host = b.host;
        this.requestedPort = b.port;
        this.engine = b.engine;
        this.httpHandler = b.httpHandler;
        this.httpMaxContentLength = b.httpMaxContentLength;
        this.eventLoopThreads = b.eventLoopThreads;
        this.nativeTransport = b.nativeTransport;
        this.limits = b.limits;
        this.limiter = new ConnectionLimiter(b.limits);
    }

    /**
     * A builder with the defaults: 0.0.0.0, port 0, no engine, 404 for HTTP, 1 MiB bodies,
     * {@link LimitsConfig#defaults()}.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds and returns once listening.
     *
     * @throws UncheckedIOException when the address cannot be bound
     * @throws IllegalStateException when already started or closed
     */
    public synchronized void start() {
        if (started || closed) {
            throw new IllegalStateException(closed ? "closed" : "already started");
        }
        started = true;
        boolean epoll = nativeTransport && Epoll.isAvailable();
        Class<? extends ServerChannel> channelClass;
        if (epoll) {
            bossGroup = new EpollEventLoopGroup(1);
            workerGroup = new EpollEventLoopGroup(eventLoopThreads);
            channelClass = EpollServerSocketChannel.class;
        } else {
            bossGroup = new NioEventLoopGroup(1);
            workerGroup = new NioEventLoopGroup(eventLoopThreads);
            channelClass = NioServerSocketChannel.class;
        }
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(channelClass)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new EngineChannelInitializer(engine, httpHandler, httpMaxContentLength, channels,
                        limits, limiter));
        try {
            serverChannel = bootstrap.bind(host, requestedPort).syncUninterruptibly().channel();
            boundPort = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        } catch (Exception e) {
            shutdownGroups();
            String where = host + ":" + requestedPort;
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot listen on " + where, io);
            }
            throw new IllegalStateException("cannot listen on " + where, e);
        }
        bossGroup.next().scheduleAtFixedRate(limiter::sweep, SWEEP_PERIOD_MILLIS, SWEEP_PERIOD_MILLIS,
                TimeUnit.MILLISECONDS);
        log.info("listening on {}:{} ({} transport{})", host, port(), epoll ? "epoll" : "nio",
                engine == null ? "" : ", Engine.IO on " + engine.config().path());
        log.debug("limits: {}", limits);
    }

    /** The bound port; with port 0 the one the system picked. */
    public int port() {
        if (boundPort < 0) {
            throw new IllegalStateException("not started");
        }
        return boundPort;
    }

    /** The abuse limits every connection passes. */
    public LimitsConfig limits() {
        return limits;
    }

    /** Connections open now (admitted by the limits and not yet closed). */
    public int openConnections() {
        return limiter.openConnections();
    }

    /** Connections refused by the limits since the start (429 or 503), for a metric. */
    public long refusedConnections() {
        return limiter.refusedConnections();
    }

    /** The engine this server answers for, or null. */
    public EioServer engine() {
        return engine;
    }

    /**
     * Stops taking new connections (the listening socket closes) while the open ones go on: the
     * first step of a graceful shutdown. {@link #port()} still answers the port it had.
     */
    public synchronized void stopAccepting() {
        Channel channel = serverChannel;
        if (channel != null && channel.isOpen()) {
            channel.close().syncUninterruptibly();
            log.info("stopped accepting connections on port {}", boundPort);
        }
    }

    /**
     * Closes the Engine.IO sessions ({@link EioCloseReason#SERVER_SHUTDOWN}), every connection,
     * and the event loops. Idempotent. Called from one of this server's own event loops it starts
     * the shutdown without waiting for it.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!started) {
            return;
        }
        log.debug("shutting down");
        if (engine != null) {
            engine.closeAll(EioCloseReason.SERVER_SHUTDOWN);
        }
        boolean mayWait = !onOwnLoop();
        if (serverChannel != null) {
            serverChannel.close();
        }
        if (mayWait) {
            channels.close().awaitUninterruptibly(SHUTDOWN_WAIT_MILLIS);
        } else {
            channels.close();
        }
        shutdownGroups();
        if (mayWait) {
            workerGroup.terminationFuture().awaitUninterruptibly(SHUTDOWN_WAIT_MILLIS);
            bossGroup.terminationFuture().awaitUninterruptibly(SHUTDOWN_WAIT_MILLIS);
        }
        log.info("stopped");
    }

    private void shutdownGroups() {
        bossGroup.shutdownGracefully(0, SHUTDOWN_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        workerGroup.shutdownGracefully(0, SHUTDOWN_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    }

    private boolean onOwnLoop() {
        for (EventExecutor e : workerGroup) {
            if (e.inEventLoop()) {
                return true;
            }
        }
        for (EventExecutor e : bossGroup) {
            if (e.inEventLoop()) {
                return true;
            }
        }
        return false;
    }

    /** Builder for {@link NettyServer}; every setter returns {@code this}. */
    public static final class Builder {
        private String host = "0.0.0.0";
        private int port;
        private EioServer engine;
        private HttpHandler httpHandler = HttpHandlerAdapter.NOT_FOUND;
        private int httpMaxContentLength = 1 << 20;
        private int eventLoopThreads;
        private boolean nativeTransport = true;
        private LimitsConfig limits = LimitsConfig.defaults();

        private Builder() {
        }

        /** The abuse limits; {@link LimitsConfig#defaults()} unless set. */
        public Builder limits(LimitsConfig limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** The address to bind; default {@code 0.0.0.0}. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The port to bind, 0 for any free port (the default). */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0..65535: " + port);
            }
            this.port = port;
            return this;
        }

        /** The Engine.IO server answering requests under its path; none by default. */
        public Builder engine(EioServer engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
            return this;
        }

        /** Answers every request outside the engine path; the default answers 404. */
        public Builder httpHandler(HttpHandler handler) {
            this.httpHandler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /** The largest body a request to the {@link HttpHandler} may have (413 over it); default 1 MiB. */
        public Builder httpMaxContentLength(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("httpMaxContentLength must not be negative: " + bytes);
            }
            this.httpMaxContentLength = bytes;
            return this;
        }

        /** Worker event loop threads; 0 (the default) lets Netty choose (twice the cores). */
        public Builder eventLoopThreads(int threads) {
            if (threads < 0) {
                throw new IllegalArgumentException("eventLoopThreads must not be negative: " + threads);
            }
            this.eventLoopThreads = threads;
            return this;
        }

        /** Whether to use epoll when available (the default); false forces NIO. */
        public Builder nativeTransport(boolean enabled) {
            this.nativeTransport = enabled;
            return this;
        }

        /** A server with these settings, not started yet. */
        public NettyServer build() {
            return new NettyServer(this);
        }
    }
}
