package io.colachat.bench.loadgen;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;

/**
 * One client socket: the Engine.IO / Socket.IO state machine on raw websocket frames, plus the
 * per-socket accounting. It speaks just enough of the protocol for load: the open packet
 * {@code 0{...}} is answered with a namespace connect {@code 40/ns,}, a ping {@code 2} with a pong
 * {@code 3}; events go out as {@code 42/ns,<ackId>["name",{...}]} and come back as {@code 43/ns,<ackId>[...]}.
 *
 * <p>Ack ids name the kind of request, not the request ({@link #ACK_JOIN}, {@link #ACK_SEND}, ...):
 * servers echo whatever id they got, and a fixed id per kind needs no per-request bookkeeping.
 *
 * <p>Receive path: each text frame is copied into a per-thread scratch array and scanned there; no
 * object is allocated per frame besides Netty's own frame.
 */
public final class SioConnection extends SimpleChannelInboundHandler<WebSocketFrame> {

    public static final int ACK_JOIN = 1;
    public static final int ACK_SEND = 2;
    public static final int ACK_OTHER = 3;

    private static final byte[] SUCCESS_TRUE = Bytes.ascii("\"success\":true");
    private static final byte[] ID_KEY = Bytes.ascii("\"id\":");
    private static final byte[] CONTENT_T = Bytes.ascii("\"content\":\"t=");
    private static final byte[] NICKNAME = Bytes.ascii("\"nickname\"");
    private static final byte[] LEFT_KEY = Bytes.ascii("\"left\":[");
    private static final byte[] RENAMED_KEY = Bytes.ascii("\"renamed\"");
    private static final byte[] QUOTE = {'"'};
    private static final ByteBufHolder PONG = new ByteBufHolder("3");

    private final int index;
    private final LoadClient client;
    private final Stats stats;
    private final ClientListener listener;
    private final byte[] nsPrefix;
    private Channel channel;
    private volatile boolean ready;

    // Scenario-owned state; written and read on the event loop unless said otherwise.
    private byte[] sendPrefix;
    private long lastMessageId = -1;
    private int presenceView;
    private boolean settled;
    /** Whatever a scenario keeps per socket (for example its chatter id and token); any thread. */
    public volatile Object attachment;

    SioConnection(int index, LoadClient client) {
        this(index, client, null);
    }

    SioConnection(int index, LoadClient client, Object attachment) {
        this.attachment = attachment;
        this.index = index;
        this.client = client;
        this.stats = client.stats();
        this.listener = client.listener();
        this.nsPrefix = Bytes.ascii("/" + client.namespace() + ",");
    }

    public int index() {
        return index;
    }

    public boolean isReady() {
        return ready && channel != null && channel.isActive();
    }

    public Channel channel() {
        return channel;
    }

    public long lastMessageId() {
        return lastMessageId;
    }

    public int presenceView() {
        return presenceView;
    }

    // ================================================================ sending

    /** Sends a Socket.IO event {@code 42/ns,<ackId>[<name>,<json>]}; ackId 0 means no ack. Any thread. */
    public void emit(String name, String json, int ackId) {
        StringBuilder sb = new StringBuilder(32 + json.length()).append("42/").append(client.namespace()).append(',');
        if (ackId > 0) {
            sb.append(ackId);
        }
        sb.append("[\"").append(name).append("\",").append(json).append(']');
        channel.writeAndFlush(new TextWebSocketFrame(sb.toString()), channel.voidPromise());
    }

    /** Emits {@code joinRoom} with this payload (a JSON object), acked as {@link #ACK_JOIN}. */
    public void joinRoom(String payloadJson) {
        emit("joinRoom", payloadJson, ACK_JOIN);
    }

    /** Sets the room {@link #sendTimestamped} writes to; build once per connection, not per message. */
    public void targetRoom(String roomId) {
        sendPrefix = Bytes.ascii("42/" + client.namespace() + "," + ACK_SEND
                + "[\"sendMessage\",{\"roomId\":\"" + roomId + "\",\"content\":\"t=");
    }

    /**
     * Sends {@code sendMessage} whose content is {@code t=<System.nanoTime()>}, built straight into a
     * pooled buffer. Call on this connection's event loop with {@code flush} false to batch.
     */
    public void sendTimestamped(boolean flush) {
        ByteBuf buf = channel.alloc().buffer(sendPrefix.length + 24);
        buf.writeBytes(sendPrefix);
        Bytes.writeLong(buf, System.nanoTime());
        buf.writeByte('"').writeByte('}').writeByte(']');
        stats.sent.increment();
        if (flush) {
            channel.writeAndFlush(new TextWebSocketFrame(buf), channel.voidPromise());
        } else {
            channel.write(new TextWebSocketFrame(buf), channel.voidPromise());
        }
    }

    public void flush() {
        channel.flush();
    }

    /** Closes the websocket (TCP close; the server sees a transport close). */
    public void close() {
        if (channel != null) {
            channel.close();
        }
    }

    // ================================================================ channel events

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE && client.dialect() == Dialect.RAW) {
            markReady();
        } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            client.connectFailed(this, new IllegalStateException("websocket handshake timed out"));
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stats.closed.increment();
        if (!ready) {
            client.connectFailed(this, new IllegalStateException("closed before ready"));
        }
        ready = false;
        listener.onClosed(this);
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        client.reportError(this, cause);
        if (!ready) {
            client.connectFailed(this, cause);
        }
        ctx.close();
    }

    private void markReady() {
        ready = true;
        client.connected(this);
        listener.onReady(this);
    }

    // ================================================================ receiving

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (!(frame instanceof TextWebSocketFrame)) {
            return;
        }
        ByteBuf content = frame.content();
        int len = content.readableBytes();
        stats.bytesIn.add(len);
        stats.framesIn.increment();
        if (len == 0) {
            return;
        }
        byte[] a = Bytes.scratch(len);
        content.getBytes(content.readerIndex(), a, 0, len);
        switch (a[0]) {
            case '0' -> ctx.writeAndFlush(new TextWebSocketFrame("40/" + client.namespace() + ","), ctx.voidPromise());
            case '2' -> {
                stats.pings.increment();
                ctx.writeAndFlush(new TextWebSocketFrame(PONG.retained()), ctx.voidPromise());
            }
            case '4' -> socketIo(a, len);
            default -> {
                // '3' pong, '6' noop, anything else: nothing to do
            }
        }
    }

    private void socketIo(byte[] a, int len) {
        if (len < 2) {
            return;
        }
        byte type = a[1];
        int p = 2;
        if (p < len && a[p] == '/') {
            p = Bytes.indexOf(a, p, len, (byte) ',');
            if (p < 0) {
                return;
            }
            p++;
        }
        switch (type) {
            case '0' -> markReady();
            case '4' -> client.connectFailed(this,
                    new IllegalStateException("CONNECT_ERROR " + new String(a, 0, len, StandardCharsets.UTF_8)));
            case '2' -> event(a, p, len);
            case '3' -> ack(a, p, len);
            default -> {
            }
        }
    }

    private void ack(byte[] a, int p, int len) {
        long id = Bytes.parseLong(a, p, len);
        int open = Bytes.indexOf(a, p, len, (byte) '[');
        if (open < 0) {
            return;
        }
        boolean ok = Bytes.indexOf(a, open, Math.min(len, open + 24), SUCCESS_TRUE) >= 0;
        if (id == ACK_SEND) {
            (ok ? stats.sendOk : stats.sendFailed).increment();
            listener.onAck(this, id, ok, a, open + 1, len - 1);
        } else if (id == ACK_JOIN) {
            (ok ? stats.joinOk : stats.joinFailed).increment();
            Stats.max(stats.lastJoinAckNanos, System.nanoTime());
            listener.onJoinAck(this, ok, a, open + 1, len - 1);
        } else {
            stats.otherAcks.increment();
            listener.onAck(this, id, ok, a, open + 1, len - 1);
        }
    }

    private void event(byte[] a, int p, int len) {
        while (p < len && a[p] != '[') {
            p++; // an ack id on a server event: not used by this contract
        }
        if (p + 2 >= len || a[p + 1] != '"') {
            return;
        }
        int nameStart = p + 2;
        int nameEnd = Bytes.indexOf(a, nameStart, len, (byte) '"');
        if (nameEnd < 0) {
            return;
        }
        Event e = Event.match(a, nameStart, nameEnd - nameStart);
        int payload = nameEnd + 2; // skip '",'
        switch (e) {
            case SEND_MESSAGE -> message(a, payload, len);
            case SEND_ALERT -> {
                stats.alerts.increment();
                long id = messageId(a, payload, len);
                checkOrder(id);
                if (id >= 0) {
                    listener.onStored(this, true, id);
                }
                listener.onEvent(this, e, a, payload, len - 1);
            }
            case RETURN_CHATTERS -> presence(Bytes.count(a, payload, len, NICKNAME), true);
            case PRESENCE_DIFF -> {
                int leftAt = Bytes.indexOf(a, payload, len, LEFT_KEY);
                if (leftAt < 0) {
                    return;
                }
                int joined = Bytes.count(a, payload, leftAt, NICKNAME);
                int renamedAt = Bytes.indexOf(a, leftAt, len, RENAMED_KEY);
                int left = Bytes.count(a, leftAt + LEFT_KEY.length, renamedAt < 0 ? len : renamedAt,
                        QUOTE) / 2;
                presence(joined - left, false);
            }
            default -> listener.onEvent(this, e, a, payload, len - 1);
        }
    }

    private void message(byte[] a, int from, int len) {
        long now = System.nanoTime();
        stats.deliveries.increment();
        int t = Bytes.indexOf(a, from, len, CONTENT_T);
        if (t >= 0) {
            long sentAt = Bytes.parseLong(a, t + CONTENT_T.length, len);
            if (sentAt > 0) {
                stats.recordLatency(sentAt, now);
            }
        }
        long id = messageId(a, from, len);
        checkOrder(id);
        if (id >= 0) {
            listener.onStored(this, false, id);
        }
    }

    /** The first {@code "id":<digits>} of a message (chatter ids are strings, so they are skipped). */
    private static long messageId(byte[] a, int from, int len) {
        int i = from;
        while ((i = Bytes.indexOf(a, i, len, ID_KEY)) >= 0) {
            i += ID_KEY.length;
            if (i < len && a[i] >= '0' && a[i] <= '9') {
                return Bytes.parseLong(a, i, len);
            }
        }
        return -1;
    }

    private void checkOrder(long id) {
        if (id < 0) {
            return;
        }
        if (id <= lastMessageId) {
            stats.orderViolations.increment();
        }
        lastMessageId = id;
    }

    private void presence(int n, boolean absolute) {
        long now = System.nanoTime();
        stats.presenceFrames.increment();
        Stats.max(stats.lastPresenceNanos, now);
        presenceView = absolute ? n : presenceView + n;
        int target = stats.presenceTarget;
        if (target > 0 && !settled && presenceView >= target) {
            settled = true;
            stats.presenceSettled.increment();
            Stats.max(stats.lastSettledNanos, now);
        }
    }

    /** A shared, read-only frame body; retained per write. */
    private static final class ByteBufHolder {
        private final ByteBuf buf;

        ByteBufHolder(String s) {
            buf = io.netty.buffer.Unpooled.unreleasableBuffer(
                    io.netty.buffer.Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII)).asReadOnly();
        }

        ByteBuf retained() {
            return buf.duplicate();
        }
    }
}
