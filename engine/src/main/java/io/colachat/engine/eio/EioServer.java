package io.colachat.engine.eio;

import io.colachat.engine.eio.PacketCodec.Payload;
import io.colachat.engine.eio.transport.HttpExchange;
import io.colachat.engine.eio.transport.PollingTransport;
import io.colachat.engine.eio.transport.WebSocketTransport;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Engine.IO v4 server: the sessions (sid → session), the checks every request passes, and
 * the dispatch of requests to sessions. Netty's side (HTTP, the websocket handshake, the
 * pipeline) lives in {@code io.colachat.engine.netty}, which calls the internal entry points
 * below.
 *
 * <pre>{@code
 * EioServer engine = new EioServer(EngineConfig.builder().build(), socket ->
 *         socket.setListener(new EchoListener()));
 * }</pre>
 *
 * <p>Threading: thread-safe. Each session lives on the event loop of the connection that opened
 * it; requests arriving on other loops are decoded where they arrive and then handed to the
 * session's loop, in arrival order.
 */
public final class EioServer {

    /** Volatile messages dropped because their client was not keeping up; for metrics. */
    private final java.util.concurrent.atomic.LongAdder droppedVolatile = new java.util.concurrent.atomic.LongAdder();
    /** Sessions closed because their client stopped reading; for metrics. */
    private final java.util.concurrent.atomic.LongAdder slowConsumers = new java.util.concurrent.atomic.LongAdder();

    private static final Logger log = LoggerFactory.getLogger(EioServer.class);

    /** How long {@link #closeAll} waits for sessions' loops to run their close. */
    private static final long CLOSE_ALL_WAIT_MILLIS = 5_000;

    private final EngineConfig config;
    private final Consumer<EioSocket> onConnection;
    private final boolean offersUpgrade;
    private final ConcurrentHashMap<String, EioSession> sessions = new ConcurrentHashMap<>();

    /**
     * @param config the settings, never null
     * @param onConnection called on the new session's event loop when a session opens; it must
     *     call {@link EioSocket#setListener} before returning. Never null.
     */
    public EioServer(EngineConfig config, Consumer<EioSocket> onConnection) {
        this.config = Objects.requireNonNull(config, "config");
        this.onConnection = Objects.requireNonNull(onConnection, "onConnection");
        this.offersUpgrade = config.allowUpgrades() && config.transports().contains("websocket");
    }

    /** The settings this server was made with. */
    public EngineConfig config() {
        return config;
    }

    /** The number of sessions open (or closing) now. */
    /** Volatile messages dropped so far because their client was not keeping up. */
    public long droppedVolatileMessages() {
        return droppedVolatile.sum();
    }

    /** Sessions closed so far as slow consumers (their outbound buffer passed the high-water mark). */
    public long slowConsumerClosures() {
        return slowConsumers.sum();
    }

    void countDroppedVolatile() {
        droppedVolatile.increment();
    }

    void countSlowConsumer() {
        slowConsumers.increment();
    }

    public int sessionCount() {
        return sessions.size();
    }

    /**
     * Closes every session with {@code reason}. From a thread that is not an event loop, waits
     * (up to five seconds) until each session has closed and its listener has been told.
     */
    public void closeAll(EioCloseReason reason) {
        Objects.requireNonNull(reason, "reason");
        List<Future<?>> closing = new ArrayList<>();
        Set<EventExecutorGroup> groups = new HashSet<>();
        for (EioSession s : sessions.values()) {
            if (s.eventLoop().inEventLoop()) {
                s.close(reason);
                continue;
            }
            try {
                closing.add(s.closeAsync(reason));
                groups.add(s.eventLoop().parent());
            } catch (RejectedExecutionException loopGone) {
                log.debug("{} not closed: its event loop has shut down", s.id());
            }
        }
        log.debug("closing {} sessions: {}", closing.size(), reason.wireName());
        // Waiting from an event loop could wait on itself, or on a loop that waits on it.
        if (closing.isEmpty() || onEventLoopOf(groups)) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_ALL_WAIT_MILLIS);
        for (Future<?> f : closing) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !f.awaitUninterruptibly(left, TimeUnit.NANOSECONDS)) {
                log.warn("closeAll: sessions still closing after {} ms", CLOSE_ALL_WAIT_MILLIS);
                return;
            }
        }
    }

    private static boolean onEventLoopOf(Set<EventExecutorGroup> groups) {
        for (EventExecutorGroup group : groups) {
            for (EventExecutor e : group) {
                if (e.inEventLoop()) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- internal: for io.colachat.engine.netty

    /** Internal: whether a request URI is under the engine path (a prefix match, as in Socket.IO). */
    public boolean handles(String uri) {
        return uri.startsWith(config.path());
    }

    /**
     * Internal: the checks every engine request passes before anything else, in Socket.IO's
     * order: transport, origin, session (or handshake method and upgrade header), protocol. A
     * query string that cannot be decoded at all (a bad percent-escape) is a bad request first.
     *
     * @return the error to answer with, or null when the request may proceed
     */
    public EioError verify(EngineRequest r) {
        if (r.malformedQuery()) {
            return EioError.BAD_REQUEST;
        }
        String transport = r.transport();
        if (transport == null || !config.transports().contains(transport)) {
            return EioError.UNKNOWN_TRANSPORT;
        }
        if (!config.originPolicy().allows(r.origin(), r.host())) {
            return EioError.FORBIDDEN;
        }
        boolean websocket = "websocket".equals(transport);
        String sid = r.sid();
        if (sid != null) {
            EioSession s = sessions.get(sid);
            if (s == null) {
                return EioError.UNKNOWN_SID;
            }
            boolean ok = websocket
                    ? HttpMethod.GET.equals(r.method()) && r.hasWebSocketUpgrade() && s.isUpgradeable()
                    : (HttpMethod.GET.equals(r.method()) || HttpMethod.POST.equals(r.method()))
                            && "polling".equals(s.transport());
            if (!ok) {
                return EioError.BAD_REQUEST;
            }
        } else {
            if (!HttpMethod.GET.equals(r.method())) {
                return EioError.BAD_HANDSHAKE_METHOD;
            }
            if (websocket && !r.hasWebSocketUpgrade()) {
                return EioError.BAD_REQUEST;
            }
        }
        if (!"4".equals(r.protocol())) {
            return EioError.UNSUPPORTED_PROTOCOL_VERSION;
        }
        return null;
    }

    /** Internal: opens a polling session; call on the request's channel loop, after {@link #verify}. */
    public void handshakePolling(EngineRequest r, HttpExchange handshake) {
        newSession(r).open(new PollingTransport(), handshake, onConnection);
    }

    /**
     * Internal: opens a websocket session on a channel whose handshake response has just been
     * written and whose pipeline ends with {@code ws}'s handler; call on the channel's loop.
     */
    public void openWebSocket(EngineRequest r, WebSocketTransport ws) {
        newSession(r).open(ws, null, onConnection);
    }

    /** Internal: a poll (GET with sid), handed to its session's loop. */
    public void poll(EngineRequest r, HttpExchange poll) {
        EioSession s = sessions.get(r.sid());
        if (s == null) {
            poll.respondError(EioError.UNKNOWN_SID);
            return;
        }
        s.execute(() -> s.onPoll(poll));
    }

    /** Internal: a POST whose body has been decoded on its own channel's loop. */
    public void post(EngineRequest r, Payload payload, HttpExchange post) {
        EioSession s = sessions.get(r.sid());
        if (s == null) {
            post.respondError(EioError.UNKNOWN_SID);
            return;
        }
        s.execute(() -> s.onPost(payload, post));
    }

    /**
     * Internal: a POST refused with {@code status} (413 over maxPayload, or a body cut short):
     * its session closes with {@link EioCloseReason#TRANSPORT_ERROR}, then the POST is answered.
     */
    public void refusePost(EngineRequest r, HttpExchange post, HttpResponseStatus status) {
        EioSession s = sessions.get(r.sid());
        if (s == null) {
            post.respondStatus(status);
            return;
        }
        s.execute(() -> {
            s.close(EioCloseReason.TRANSPORT_ERROR);
            post.respondStatus(status);
        });
    }

    /**
     * Internal: a websocket with the sid of a polling session, handshake done, wants to take over;
     * call on the websocket's channel loop before it reads any frame.
     */
    public void upgrade(EngineRequest r, WebSocketTransport ws) {
        EioSession s = sessions.get(r.sid());
        if (s == null) {
            ws.close(List.of(), true);
            return;
        }
        // Bind now: frames read from here on queue up on the session's loop behind beginUpgrade.
        ws.bind(s, s.eventLoop());
        s.execute(() -> s.beginUpgrade(ws));
    }

    // ---------------------------------------------------------------- package

    boolean offersUpgrade() {
        return offersUpgrade;
    }

    /** The session with this sid, or null; for tests in this package. */
    EioSession session(String sid) {
        return sessions.get(sid);
    }

    void remove(EioSession s) {
        sessions.remove(s.id(), s);
    }

    private EioSession newSession(EngineRequest r) {
        HandshakeRequest handshake = r.toHandshake();
        while (true) {
            EioSession s = new EioSession(SessionIds.next(), this, handshake, r.channel().eventLoop());
            if (sessions.putIfAbsent(s.id(), s) == null) {
                return s;
            }
        }
    }
}
