package io.colachat.engine.eio;

import io.colachat.engine.eio.PacketCodec.Payload;
import io.colachat.engine.eio.transport.HttpExchange;
import io.colachat.engine.eio.transport.PollingTransport;
import io.colachat.engine.eio.transport.Transport;
import io.colachat.engine.eio.transport.TransportListener;
import io.colachat.engine.eio.transport.WebSocketTransport;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Engine.IO session: its state, outbox, heartbeat and upgrade.
 *
 * <p>Confined to one event loop (the loop of the connection that opened it). Every field without
 * {@code volatile} is touched only there; the volatile ones are read by the request path and by
 * {@link #send} from other threads. Lifecycle: OPEN, then (a polling session closed by the server
 * with packets still queued) CLOSING until the client polls once more, then CLOSED.
 *
 * <p>Outbox: packets wait here until the transport is writable, and leave in one batch per loop
 * turn (one websocket flush, or one poll response). Its bytes plus the transport's pending bytes
 * are what the low- and high-water marks limit.
 */
final class EioSession implements EioSocket, TransportListener {

    private static final Logger log = LoggerFactory.getLogger(EioSession.class);

    static final EioMessage PING = EioMessage.control(PacketType.PING, "");
    static final EioMessage PONG_PROBE = EioMessage.control(PacketType.PONG, "probe");
    static final EioMessage NOOP = EioMessage.control(PacketType.NOOP, "");
    static final EioMessage CLOSE = EioMessage.control(PacketType.CLOSE, "");

    private enum State { OPEN, CLOSING, CLOSED }

    private final String id;
    private final EioServer server;
    private final EngineConfig config;
    private final HandshakeRequest handshake;
    private final EventLoop loop;
    private final Heartbeat heartbeat;
    private final Runnable flushTask = this::flush;

    private final ArrayDeque<EioMessage> outbox = new ArrayDeque<>(4);
    /** Written on the loop only; volatile so that {@link #send} from other threads sees a recent value. */
    private volatile long outboxBytes;
    private boolean flushScheduled;

    private volatile State state = State.OPEN;
    private volatile Transport transport;
    private volatile boolean upgradeable;
    private UpgradeAttempt upgrade;
    private ScheduledFuture<?> closingDeadline;
    private EioSocketListener listener;

    EioSession(String id, EioServer server, HandshakeRequest handshake, EventLoop loop) {
        this.id = id;
        this.server = server;
        this.config = server.config();
        this.handshake = handshake;
        this.loop = loop;
        this.heartbeat = new Heartbeat(loop, config.pingInterval(), config.pingTimeout(),
                () -> enqueueControl(PING), () -> close0(EioCloseReason.PING_TIMEOUT));
    }

    // ---------------------------------------------------------------- EioSocket

    @Override
    public String id() {
        return id;
    }

    @Override
    public String transport() {
        return transport.name();
    }

    @Override
    public HandshakeRequest handshake() {
        return handshake;
    }

    @Override
    public EventLoop eventLoop() {
        return loop;
    }

    @Override
    public boolean send(List<EioMessage> messages, boolean isVolatile) {
        Objects.requireNonNull(messages, "messages");
        if (loop.inEventLoop()) {
            return enqueue(messages, isVolatile);
        }
        // From another thread the checks below are a racy preview; the loop decides for real.
        if (state != State.OPEN) {
            return false;
        }
        if (isVolatile && bufferedBytes() > config.outboundLowWaterMark()) {
            server.countDroppedVolatile();
            return false;
        }
        loop.execute(() -> enqueue(messages, isVolatile));
        return true;
    }

    @Override
    public void close(EioCloseReason reason) {
        Objects.requireNonNull(reason, "reason");
        if (loop.inEventLoop()) {
            close0(reason);
        } else {
            loop.execute(() -> close0(reason));
        }
    }

    @Override
    public boolean isOpen() {
        return state == State.OPEN;
    }

    @Override
    public void setListener(EioSocketListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    // ---------------------------------------------------------------- engine entry points (session loop)

    /**
     * Starts the session on {@code initial}: the open packet goes out alone (over polling it is
     * the whole answer to the handshake request), then the connection callback runs.
     *
     * @param handshakePoll the polling handshake request to answer, or null for a websocket
     */
    void open(Transport initial, HttpExchange handshakePoll, Consumer<EioSocket> onConnection) {
        attach(initial);
        List<EioMessage> open = List.of(openPacket(initial));
        if (handshakePoll != null) {
            handshakePoll.respondPayload(open);
        } else {
            initial.send(open);
        }
        log.debug("{} opened over {}", id, initial.name());
        heartbeat.start();
        try {
            onConnection.accept(this);
        } catch (RuntimeException e) {
            log.warn("{} connection callback failed; closing the session", id, e);
            close0(EioCloseReason.FORCED_CLOSE);
        }
    }

    private EioMessage openPacket(Transport initial) {
        String upgrades = initial instanceof PollingTransport && server.offersUpgrade() ? "[\"websocket\"]" : "[]";
        return EioMessage.control(PacketType.OPEN, "{\"sid\":\"" + id + "\",\"upgrades\":" + upgrades
                + ",\"pingInterval\":" + config.pingInterval().toMillis()
                + ",\"pingTimeout\":" + config.pingTimeout().toMillis()
                + ",\"maxPayload\":" + config.maxPayload() + "}");
    }

    /** Runs {@code task} on this session's loop: now when already there, else after what is queued. */
    void execute(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    void onPoll(HttpExchange poll) {
        if (state == State.CLOSED) {
            poll.respondError(EioError.UNKNOWN_SID);
        } else if (transport instanceof PollingTransport polling) {
            polling.onPoll(poll);
        } else {
            poll.respondError(EioError.BAD_REQUEST);
        }
    }

    void onPost(Payload payload, HttpExchange post) {
        if (state == State.CLOSED) {
            post.respondError(EioError.UNKNOWN_SID);
        } else if (transport instanceof PollingTransport polling) {
            polling.onPost(payload, post);
        } else {
            post.respondError(EioError.BAD_REQUEST);
        }
    }

    /** Whether a websocket may start probing now; a racy preview for the request path. */
    boolean isUpgradeable() {
        return upgradeable;
    }

    /** A websocket connected with this sid and wants to take over. */
    void beginUpgrade(WebSocketTransport ws) {
        if (state != State.OPEN || upgrade != null || !(transport instanceof PollingTransport)) {
            log.debug("{} refusing a second or late upgrade", id);
            ws.close(List.of(), true);
            return;
        }
        upgradeable = false;
        ScheduledFuture<?> timeout = loop.schedule(() -> dropUpgrade("timeout"),
                config.upgradeTimeout().toNanos(), TimeUnit.NANOSECONDS);
        upgrade = new UpgradeAttempt(ws, timeout);
        log.debug("{} probing websocket", id);
    }

    /** Whether the transport could write now (over polling: a poll is waiting); on the loop only. */
    boolean isTransportWritable() {
        return transport.isWritable();
    }

    /** Closes on this session's loop and completes when done. */
    Future<?> closeAsync(EioCloseReason reason) {
        return loop.submit(() -> close0(reason));
    }

    // ---------------------------------------------------------------- TransportListener

    @Override
    public void onPacket(Transport from, EioPacket packet) {
        if (state != State.OPEN) {
            return;
        }
        if (from != transport) {
            onUpgradePacket(from, packet);
            return;
        }
        switch (packet.type()) {
            case MESSAGE -> deliver(packet);
            case PONG -> heartbeat.onPong();
            case CLOSE -> close0(EioCloseReason.TRANSPORT_CLOSE);
            case PING -> {
                // In v4 only the server pings: a client ping is a protocol violation.
                log.debug("{} ping from the client", id);
                close0(EioCloseReason.TRANSPORT_ERROR);
            }
            default -> log.debug("{} ignoring {}", id, packet.type());
        }
    }

    @Override
    public void onWritable(Transport from) {
        if (from != transport) {
            return;
        }
        if (state == State.CLOSING) {
            finish(EioCloseReason.FORCED_CLOSE);
        } else if (!outbox.isEmpty()) {
            flush();
        } else if (upgrade != null && upgrade.probed) {
            // The client is probing a websocket: end this poll now so it can send the upgrade.
            from.send(List.of(NOOP));
        }
    }

    @Override
    public void onTransportClosed(Transport from, EioCloseReason reason) {
        if (from == transport) {
            close0(reason);
        } else if (upgrade != null && upgrade.transport == from) {
            dropUpgrade("probe " + reason.wireName());
        }
    }

    // ---------------------------------------------------------------- outbound

    private boolean enqueue(List<EioMessage> messages, boolean isVolatile) {
        if (state != State.OPEN) {
            return false;
        }
        long buffered = bufferedBytes();
        if (isVolatile && buffered > config.outboundLowWaterMark()) {
            log.trace("{} dropping volatile send: {} bytes buffered", id, buffered);
            server.countDroppedVolatile();
            return false;
        }
        long size = 0;
        for (EioMessage m : messages) {
            size += m.size();
        }
        if (buffered + size > config.outboundHighWaterMark()) {
            log.debug("{} slow consumer: {} bytes buffered, {} more refused (high-water mark {})",
                    id, buffered, size, config.outboundHighWaterMark());
            server.countSlowConsumer();
            close0(EioCloseReason.SLOW_CONSUMER);
            return false;
        }
        outbox.addAll(messages);
        outboxBytes += size;
        scheduleFlush();
        return true;
    }

    /** Control packets bypass the water marks: they are tiny and the protocol needs them. */
    private void enqueueControl(EioMessage packet) {
        outbox.add(packet);
        outboxBytes += packet.size();
        scheduleFlush();
    }

    private long bufferedBytes() {
        return outboxBytes + transport.pendingBytes();
    }

    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            loop.execute(flushTask);
        }
    }

    private void flush() {
        flushScheduled = false;
        if (state == State.CLOSED || outbox.isEmpty() || !transport.isWritable()) {
            return;
        }
        transport.send(drainOutbox());
    }

    private List<EioMessage> drainOutbox() {
        List<EioMessage> batch = new ArrayList<>(outbox);
        outbox.clear();
        outboxBytes = 0;
        return batch;
    }

    private void deliver(EioPacket packet) {
        EioSocketListener l = listener;
        if (l == null) {
            log.debug("{} no listener, dropping {}", id, packet);
            return;
        }
        try {
            if (packet.isBinary()) {
                l.onBinary(this, packet.binary());
            } else {
                l.onMessage(this, packet.text());
            }
        } catch (RuntimeException e) {
            log.warn("{} listener failed on a message", id, e);
        }
    }

    // ---------------------------------------------------------------- upgrade

    private void onUpgradePacket(Transport from, EioPacket packet) {
        UpgradeAttempt u = upgrade;
        if (u == null || u.transport != from) {
            return; // a dropped probe's last packets
        }
        if (packet.type() == PacketType.PING && "probe".equals(packet.text())) {
            u.transport.send(List.of(PONG_PROBE));
            u.probed = true;
            if (transport.isWritable()) {
                transport.send(List.of(NOOP));
            }
        } else if (packet.type() == PacketType.UPGRADE) {
            completeUpgrade(u);
        } else {
            dropUpgrade("unexpected " + packet.type());
        }
    }

    private void completeUpgrade(UpgradeAttempt u) {
        u.timeout.cancel(false);
        upgrade = null;
        // Release a waiting poll; from now on polling requests for this sid get 400.
        transport.close(List.of(NOOP), false);
        attach(u.transport);
        log.debug("{} upgraded to websocket", id);
        flush();
    }

    private void dropUpgrade(String why) {
        UpgradeAttempt u = upgrade;
        if (u == null) {
            return;
        }
        upgrade = null;
        u.timeout.cancel(false);
        u.transport.close(List.of(), true);
        upgradeable = state == State.OPEN && transport instanceof PollingTransport;
        log.debug("{} upgrade dropped: {}", id, why);
    }

    private void attach(Transport t) {
        t.bind(this, loop);
        transport = t;
        upgradeable = t instanceof PollingTransport && server.offersUpgrade();
    }

    // ---------------------------------------------------------------- close

    private void close0(EioCloseReason reason) {
        if (state == State.CLOSED) {
            return;
        }
        if (state == State.OPEN && reason == EioCloseReason.FORCED_CLOSE
                && !outbox.isEmpty() && transport instanceof PollingTransport && !transport.isWritable()) {
            // Polling can deliver what is queued only when the client polls again: wait for that
            // poll, but no longer than a live client takes to send one.
            state = State.CLOSING;
            heartbeat.stop();
            dropUpgrade("closing");
            closingDeadline = loop.schedule(() -> finish(reason),
                    config.pingTimeout().toNanos(), TimeUnit.NANOSECONDS);
            log.debug("{} closing: waiting for a poll to deliver {} queued packets", id, outbox.size());
            return;
        }
        finish(reason);
    }

    private void finish(EioCloseReason reason) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        if (closingDeadline != null) {
            closingDeadline.cancel(false);
        }
        heartbeat.stop();
        dropUpgrade("session closed");
        // Leave the map first: a client that reacts to the goodbye must find the sid gone.
        server.remove(this);
        // Only a close the server chose delivers what is queued; a slow consumer's connection is
        // dropped without even a close frame, which would queue behind everything it did not read.
        boolean deliver = reason == EioCloseReason.FORCED_CLOSE || reason == EioCloseReason.SERVER_SHUTDOWN;
        boolean graceful = reason != EioCloseReason.SLOW_CONSUMER;
        List<EioMessage> pending = deliver ? drainOutbox() : List.of();
        outbox.clear();
        outboxBytes = 0;
        transport.close(goodbye(reason, pending), graceful);
        log.debug("{} closed: {}", id, reason.wireName());
        EioSocketListener l = listener;
        if (l != null) {
            try {
                l.onClose(this, reason);
            } catch (RuntimeException e) {
                log.warn("{} listener failed on close", id, e);
            }
        }
    }

    /** What the client gets last: over polling a close packet, or a noop if it closed itself. */
    private List<EioMessage> goodbye(EioCloseReason reason, List<EioMessage> pending) {
        if (!(transport instanceof PollingTransport)) {
            return pending;
        }
        if (reason == EioCloseReason.TRANSPORT_CLOSE) {
            return List.of(NOOP);
        }
        List<EioMessage> last = new ArrayList<>(pending.size() + 1);
        last.addAll(pending);
        last.add(CLOSE);
        return last;
    }

    @Override
    public String toString() {
        return "EioSession[" + id + ", " + transport + ", " + state + "]";
    }
}
