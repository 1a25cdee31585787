package io.colachat.bench.limit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The limit: a bare Netty websocket server that writes each received text frame to every connection,
 * nothing else. No parsing, no storage, no per-socket state. Driven by the same load client as the
 * chat servers, it shows what one process on this machine can deliver at all.
 *
 * <pre>
 *   java -cp colachat-bench.jar io.colachat.bench.limit.LimitServer --port 8099 --threads 2
 * </pre>
 *
 * {@code GET /healthz} answers 200; any other path upgrades to a websocket.
 */
public final class LimitServer implements AutoCloseable {

    private static final boolean EPOLL = Epoll.isAvailable();

    private final EventLoopGroup boss = group(1, "limit-boss");
    private final EventLoopGroup workers;
    private final ChannelGroup everyone = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Channel server;

    public LimitServer(String host, int port, int threads) throws InterruptedException {
        workers = group(threads, "limit");
        Fanout fanout = new Fanout(everyone);
        WebSocketServerProtocolConfig ws = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/").checkStartsWith(true).maxFramePayloadLength(1 << 20).build();
        server = new ServerBootstrap().group(boss, workers)
                .channel(EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65_536),
                                new Health(), new WebSocketServerProtocolHandler(ws), fanout);
                    }
                }).bind(host, port).sync().channel();
    }

    /** epoll where Linux offers it, as our server uses. */
    private static EventLoopGroup group(int threads, String name) {
        DefaultThreadFactory factory = new DefaultThreadFactory(name, true);
        return EPOLL ? new EpollEventLoopGroup(threads, factory) : new NioEventLoopGroup(threads, factory);
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly();
        everyone.close().awaitUninterruptibly();
        workers.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
        boss.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
    }

    public static void main(String[] args) throws Exception {
        int port = 8099;
        int threads = 2;
        String host = "127.0.0.1";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--host" -> host = args[i + 1];
                default -> throw new IllegalArgumentException("unknown flag " + args[i]);
            }
        }
        LimitServer s = new LimitServer(host, port, threads);
        System.out.println("limit server listening on http://" + host + ":" + s.port());
        Runtime.getRuntime().addShutdownHook(new Thread(s::close));
        Thread.currentThread().join();
    }

    /** Answers {@code /healthz}; passes everything else on to the websocket upgrade. */
    private static final class Health extends SimpleChannelInboundHandler<FullHttpRequest> {
        Health() {
            super(false);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            if (req.uri().startsWith("/healthz")) {
                req.release();
                DefaultFullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                        Unpooled.EMPTY_BUFFER);
                res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
                ctx.writeAndFlush(res);
                return;
            }
            ctx.fireChannelRead(req);
        }
    }

    /**
     * Every received text frame goes to every open websocket, the sender included. Frames are handed
     * to each event loop once and queued there; the loop writes everything queued to each of its
     * channels and flushes each channel once, so a burst costs one syscall per connection, not one
     * per frame per connection. Each frame is framed once (an unmasked server frame is the same bytes
     * for every recipient) into a direct buffer whose duplicates go to every channel, past the frame
     * encoder: no per-recipient copy, encoding or allocation besides the duplicate, and no per-socket task.
     */
    @ChannelHandler.Sharable
    private static final class Fanout extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        private final ChannelGroup everyone;
        private final Map<EventExecutor, LoopShard> shards = new ConcurrentHashMap<>();

        Fanout(ChannelGroup everyone) {
            this.everyone = everyone;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                everyone.add(ctx.channel());
                LoopShard shard = shards.computeIfAbsent(ctx.executor(), LoopShard::new);
                shard.channels.add(ctx.channel());
                ctx.channel().closeFuture().addListener(f -> shard.channels.remove(ctx.channel()));
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            ByteBuf framed = textFrame(ctx, frame.content());
            for (LoopShard shard : shards.values()) {
                shard.offer(framed.retainedDuplicate());
            }
            framed.release();
        }

        /** RFC 6455 section 5.2: FIN + text opcode, no mask, the length in 7, 7+16 or 7+64 bits. */
        private static ByteBuf textFrame(ChannelHandlerContext ctx, ByteBuf body) {
            int len = body.readableBytes();
            ByteBuf out = ctx.alloc().directBuffer(len + 10);
            out.writeByte(0x81);
            if (len < 126) {
                out.writeByte(len);
            } else if (len <= 0xFFFF) {
                out.writeByte(126).writeShort(len);
            } else {
                out.writeByte(127).writeLong(len);
            }
            out.writeBytes(body, body.readerIndex(), len);
            return out;
        }
    }

    /** The channels of one event loop and the frames waiting to go to them. */
    private static final class LoopShard implements Runnable {
        private final EventExecutor loop;
        private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
        private final Queue<ByteBuf> pending = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();

        LoopShard(EventExecutor loop) {
            this.loop = loop;
        }

        void offer(ByteBuf frame) {
            pending.add(frame);
            if (scheduled.compareAndSet(false, true)) {
                loop.execute(this);
            }
        }

        @Override
        public void run() {
            scheduled.set(false);
            ByteBuf frame;
            int n = 0;
            while (n++ < 4096 && (frame = pending.poll()) != null) {
                for (Channel ch : channels) {
                    ch.write(frame.retainedDuplicate(), ch.voidPromise());
                }
                frame.release();
            }
            for (Channel ch : channels) {
                ch.flush();
            }
            if (!pending.isEmpty() && scheduled.compareAndSet(false, true)) {
                loop.execute(this);
            }
        }
    }
}
