package io.colachat.engine.eio.transport;

import io.colachat.engine.eio.EioCloseReason;
import io.colachat.engine.eio.EioMessage;
import io.colachat.engine.eio.EioPacket;
import io.colachat.engine.eio.PacketCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The websocket transport: one Engine.IO packet per websocket message, text packets as text
 * frames, binary messages as binary frames.
 *
 * <p>Once the handshake's answer is out (and the HTTP encoder with it), outbound messages are
 * written as their ready-made frame ({@link EioMessage#webSocketFrameBuffer()}), past Netty's
 * frame encoder: a broadcast is framed once, and its recipients share one direct copy of it.
 * Before that they go as frames over the bytes of {@link EioMessage#frameBytes()}, without
 * copying. {@link #send} writes a whole batch and flushes once;
 * the session batches everything queued in one loop turn, so a channel sees at most one flush
 * per turn.
 *
 * <p>The channel is usually on the session's loop. After an upgrade accepted on another loop it
 * is not: writes then hop to the channel's loop in one task per batch, counted in
 * {@link #pendingBytes()} while in transit, and inbound packets hop to the session's loop.
 *
 * <p>Inbound frames reach {@link #inboundHandler()} already aggregated (continuations joined,
 * bounded by maxPayload) and UTF-8 checked; the handler releases every frame it is given.
 */
public final class WebSocketTransport extends Transport {

    private static final Logger log = LoggerFactory.getLogger(WebSocketTransport.class);

    /** How long a closing handshake may take before the connection is dropped anyway. */
    private static final long CLOSE_GRACE_MILLIS = 1_000;

    private final Channel channel;
    private final AtomicLong inTransit = new AtomicLong();
    private final FrameHandler frames = new FrameHandler();
    /** Why the channel is going away, when known before it goes inactive; written on the channel's loop. */
    private EioCloseReason failure;
    /** Whether only websocket handlers are left to encode writes; on the channel's loop. */
    private boolean handshakeDone;

    /** @param channel a channel whose websocket handshake has been done (or is being written) */
    public WebSocketTransport(Channel channel) {
        super("websocket");
        this.channel = channel;
    }

    /**
     * Called on the channel's loop once the handshake's answer is written and the HTTP encoder has
     * left the pipeline: from then on ready-made frames may be written as plain bytes.
     */
    public void handshakeDone() {
        handshakeDone = true;
    }

    /** The handler to put last in the channel's pipeline: it turns frames into packets. */
    public ChannelHandler inboundHandler() {
        return frames;
    }

    @Override
    public boolean isWritable() {
        return channel.isActive();
    }

    @Override
    public void send(List<EioMessage> packets) {
        EventLoop io = channel.eventLoop();
        if (io.inEventLoop()) {
            writeAndFlush(packets);
            return;
        }
        long bytes = 0;
        for (EioMessage m : packets) {
            bytes += m.size();
        }
        long inFlight = bytes;
        inTransit.addAndGet(inFlight);
        io.execute(() -> {
            inTransit.addAndGet(-inFlight);
            writeAndFlush(packets);
        });
    }

    private void writeAndFlush(List<EioMessage> packets) {
        for (EioMessage m : packets) {
            channel.write(frame(m), channel.voidPromise());
        }
        channel.flush();
    }

    private Object frame(EioMessage m) {
        if (handshakeDone) {
            return m.webSocketFrameBuffer();
        }
        ByteBuf shared = Unpooled.wrappedBuffer(m.frameBytes());
        return m.isBinary() ? new BinaryWebSocketFrame(shared) : new TextWebSocketFrame(shared);
    }

    /**
     * Bytes written to the channel but not yet to the socket (Netty's outbound buffer counts both
     * unflushed and flushed-but-unwritten messages), plus batches still hopping to the channel.
     */
    @Override
    public long pendingBytes() {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return inTransit.get() + (buffer == null ? 0 : buffer.totalPendingWriteBytes());
    }

    @Override
    public void close(List<EioMessage> goodbye, boolean graceful) {
        EventLoop io = channel.eventLoop();
        if (!io.inEventLoop()) {
            io.execute(() -> close(goodbye, graceful));
            return;
        }
        if (failure == null) {
            failure = EioCloseReason.FORCED_CLOSE;
        }
        if (graceful) {
            for (EioMessage m : goodbye) {
                channel.write(frame(m), channel.voidPromise());
            }
            closeWithFrame(WebSocketCloseStatus.NORMAL_CLOSURE);
        } else {
            channel.close();
        }
    }

    /**
     * Sends a close frame and closes the connection once it is written: a client told why it was
     * closed does not wait on a dead TCP connection. A peer that does not take the frame within
     * {@link #CLOSE_GRACE_MILLIS} is dropped anyway. On the channel's loop.
     */
    private void closeWithFrame(WebSocketCloseStatus status) {
        if (!channel.isActive()) {
            channel.close();
            return;
        }
        channel.writeAndFlush(new CloseWebSocketFrame(status)).addListener(ChannelFutureListener.CLOSE);
        channel.eventLoop().schedule(() -> channel.close(), CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Turns frames into packets, answers websocket pings and closes; on the channel's loop. */
    private final class FrameHandler extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (failure != null) {
                    return; // closing: nothing after a failure may reach the session
                }
                if (msg instanceof TextWebSocketFrame text) {
                    EioPacket packet = PacketCodec.decodeText(text.content());
                    if (packet == null) {
                        log.debug("{} malformed packet", ctx.channel());
                        failure = EioCloseReason.PARSE_ERROR;
                        closeWithFrame(WebSocketCloseStatus.NORMAL_CLOSURE);
                    } else {
                        emitPacket(packet);
                    }
                } else if (msg instanceof BinaryWebSocketFrame binary) {
                    emitPacket(EioPacket.binaryMessage(ByteBufUtil.getBytes(binary.content())));
                } else if (msg instanceof PingWebSocketFrame ping) {
                    // A client that sends pings and never reads would otherwise pile pongs up in
                    // the outbound buffer, past every water mark. RFC 6455 lets an endpoint answer
                    // only the latest ping; this one answers only while the connection is writable.
                    if (ctx.channel().isWritable()) {
                        ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
                    }
                } else if (msg instanceof CloseWebSocketFrame close) {
                    if (failure == null) {
                        failure = EioCloseReason.TRANSPORT_CLOSE;
                    }
                    ctx.writeAndFlush(close.retainedDuplicate()).addListener(ChannelFutureListener.CLOSE);
                } else if (!(msg instanceof PongWebSocketFrame) && !isEmpty(msg)) {
                    // What the client sent before the handshake answer, still decoded by the HTTP
                    // codec (as a request, most likely a failed one) or handed on raw as the codec
                    // leaves the pipeline: RFC 6455 forbids it, and it was never read as frames.
                    log.debug("{} data before the websocket handshake completed", ctx.channel());
                    failure = EioCloseReason.TRANSPORT_ERROR;
                    closeWithFrame(WebSocketCloseStatus.PROTOCOL_ERROR);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        /** An empty buffer, or an empty end of HTTP content: nothing was sent. */
        private boolean isEmpty(Object msg) {
            return msg instanceof ByteBuf buf ? !buf.isReadable()
                    : msg instanceof LastHttpContent last && !(msg instanceof HttpMessage) && !last.content().isReadable();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            EioCloseReason reason = failure == null ? EioCloseReason.TRANSPORT_CLOSE : failure;
            log.debug("{} closed: {}", ctx.channel(), reason.wireName());
            emitClosed(reason);
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof TooLongFrameException) {
                // The aggregator refused a fragmented message over maxPayload, or the fragment
                // limit one of too many frames.
                log.debug("{} message over maxPayload", ctx.channel());
                failure = EioCloseReason.TRANSPORT_ERROR;
                closeWithFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG);
            } else if (cause instanceof CorruptedWebSocketFrameException corrupted) {
                // The frame decoder (a frame over maxPayload: 1009, a protocol error: 1002) or the
                // UTF-8 validator (1007) refused a frame. They are set not to close the channel
                // themselves, so that the close, with their status, happens here, after every
                // handler has seen the failure.
                log.debug("{} protocol violation: {}", ctx.channel(), cause.getMessage());
                if (failure == null) {
                    failure = EioCloseReason.TRANSPORT_ERROR;
                }
                WebSocketCloseStatus status = corrupted.closeStatus();
                closeWithFrame(status == null ? WebSocketCloseStatus.PROTOCOL_ERROR : status);
            } else {
                log.debug("{} websocket failed", ctx.channel(), cause);
                if (failure == null) {
                    failure = EioCloseReason.TRANSPORT_ERROR;
                }
                ctx.close();
            }
        }
    }
}
