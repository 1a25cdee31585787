package io.colachat.bench.loadgen;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens and holds many {@link SioConnection}s on one or two event-loop threads.
 *
 * <pre>{@code
 * try (LoadClient client = new LoadClient(URI.create("http://127.0.0.1:8080"), "anonymous",
 *         Dialect.SOCKET_IO, 2, listener)) {
 *     List<SioConnection> sockets = client.connect(500, 200, Duration.ofSeconds(60));
 * }
 * }</pre>
 *
 * <p>Connections are opened with at most {@code maxPending} handshakes in flight, so a large count
 * neither overflows the server's accept backlog nor times out its own handshakes.
 */
public final class LoadClient implements AutoCloseable {

    /** Largest frame accepted: a full presence list of a few thousand chatters fits easily. */
    private static final int MAX_FRAME = 64 * 1024 * 1024;

    private final URI base;
    private final String namespace;
    private final Dialect dialect;
    private final ClientListener listener;
    private final Stats stats = new Stats();
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private final List<Channel> channels = new ArrayList<>();
    private final AtomicInteger nextIndex = new AtomicInteger();
    private final AtomicInteger errorsReported = new AtomicInteger();
    private volatile Batch batch;

    public LoadClient(URI base, String namespace, Dialect dialect, int threads, ClientListener listener) {
        this.base = base;
        this.namespace = namespace;
        this.dialect = dialect;
        this.listener = listener;
        // epoll where Linux offers it, as the servers under test use: the client is usually the
        // bottleneck of a fanout run, and NIO costs it more per read.
        boolean epoll = Epoll.isAvailable();
        DefaultThreadFactory threadFactory = new DefaultThreadFactory("loadgen", true);
        this.group = epoll ? new EpollEventLoopGroup(threads, threadFactory) : new NioEventLoopGroup(threads, threadFactory);
        this.bootstrap = new Bootstrap().group(group).channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
    }

    public Stats stats() {
        return stats;
    }

    public String namespace() {
        return namespace;
    }

    public Dialect dialect() {
        return dialect;
    }

    ClientListener listener() {
        return listener;
    }

    public EventLoopGroup group() {
        return group;
    }

    /**
     * Opens {@code count} connections and returns them once every one is ready (namespace connected).
     *
     * @throws TimeoutException when they are not all ready within {@code timeout}
     * @throws IllegalStateException when a connection fails (the first failure is the cause)
     */
    public List<SioConnection> connect(int count, int maxPending, Duration timeout)
            throws InterruptedException, TimeoutException {
        Batch b = new Batch(count, maxPending);
        batch = b;
        URI ws = wsUri();
        List<SioConnection> out = new ArrayList<>(count);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < count; i++) {
            if (!b.slots.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new TimeoutException("opened " + i + " of " + count + " connections before the deadline");
            }
            checkFailures();
            SioConnection c = new SioConnection(nextIndex.getAndIncrement(), this);
            out.add(c);
            open(ws, c);
        }
        if (!b.ready.await(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            throw new TimeoutException((count - b.ready.getCount()) + " of " + count + " connections ready after "
                    + timeout.toSeconds() + " s; failures " + failures.size());
        }
        checkFailures();
        return out;
    }

    /**
     * Opens one connection without waiting, outside any {@link #connect} batch; {@code attachment} is set
     * before any event. The listener hears {@code onReady}, {@code onFailed} and {@code onClosed}.
     */
    public SioConnection open(Object attachment) {
        SioConnection c = new SioConnection(nextIndex.getAndIncrement(), this, attachment);
        open(wsUri(), c);
        return c;
    }

    private void open(URI ws, SioConnection c) {
        WebSocketClientProtocolConfig cfg = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(ws)
                .version(WebSocketVersion.V13)
                .customHeaders(new DefaultHttpHeaders())
                .maxFramePayloadLength(MAX_FRAME)
                .handshakeTimeoutMillis(30_000)
                .generateOriginHeader(false)
                .dropPongFrames(true)
                .build();
        ChannelFuture f = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ChannelPipeline p = ch.pipeline();
                p.addLast("http", new HttpClientCodec());
                p.addLast("aggregator", new HttpObjectAggregator(65_536));
                p.addLast("websocket", new WebSocketClientProtocolHandler(cfg));
                p.addLast("frames", new WebSocketFrameAggregator(MAX_FRAME));
                p.addLast("socketio", c);
            }
        }).connect(new InetSocketAddress(ws.getHost(), ws.getPort()));
        synchronized (channels) {
            channels.add(f.channel());
        }
        // Long churn opens many sockets: forget each channel once it is closed.
        f.channel().closeFuture().addListener(done -> {
            synchronized (channels) {
                channels.remove(f.channel());
            }
        });
        f.addListener(done -> {
            if (!done.isSuccess()) {
                connectFailed(c, done.cause());
            }
        });
    }

    private URI wsUri() {
        String path = dialect == Dialect.SOCKET_IO ? "/socket.io/?EIO=4&transport=websocket" : "/";
        return URI.create("ws://" + base.getHost() + ":" + base.getPort() + path);
    }

    void connected(SioConnection c) {
        stats.connected.increment();
        Batch b = batch;
        if (b != null) {
            b.slots.release();
            b.ready.countDown();
        }
    }

    void connectFailed(SioConnection c, Throwable cause) {
        stats.connectFailed.increment();
        failures.add(cause);
        listener.onFailed(c, cause);
        Batch b = batch;
        if (b != null) {
            b.slots.release();
        }
    }

    /** Prints the first few socket errors; a load run must not hide why sockets went away. */
    void reportError(SioConnection c, Throwable cause) {
        if (errorsReported.incrementAndGet() <= 3) {
            System.err.println("socket " + c.index() + " failed: " + cause);
        }
    }

    private void checkFailures() {
        Throwable t = failures.peek();
        if (t != null) {
            throw new IllegalStateException(failures.size() + " connection(s) failed", t);
        }
    }

    /** Closes every connection this client opened and waits (bounded) for them to go. */
    public void closeAll(Duration wait) throws InterruptedException {
        List<Channel> all;
        synchronized (channels) {
            all = new ArrayList<>(channels);
            channels.clear();
        }
        CountDownLatch gone = new CountDownLatch(all.size());
        for (Channel ch : all) {
            ch.close().addListener(f -> gone.countDown());
        }
        gone.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        try {
            closeAll(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** One {@link #connect} call's progress. */
    private static final class Batch {
        final java.util.concurrent.Semaphore slots;
        final CountDownLatch ready;

        Batch(int count, int maxPending) {
            this.slots = new java.util.concurrent.Semaphore(maxPending);
            this.ready = new CountDownLatch(count);
        }
    }
}
