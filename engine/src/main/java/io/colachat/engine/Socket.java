package io.colachat.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.colachat.engine.adapter.AdapterSocket;
import io.colachat.engine.eio.EioMessage;
import io.colachat.engine.eio.HandshakeRequest;
import io.colachat.engine.parser.Packet;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's connection to one namespace. A client connection (one Engine.IO session)
 * carries a socket per namespace it joined.
 *
 * <pre>{@code
 * io.of("/chat").onConnection(socket -> {
 *     socket.join("lobby");
 *     socket.on("say", (args, ack) -> {
 *         socket.to("lobby").emit("said", args.get(0));
 *         ack.send(Map.of("ok", true));
 *     });
 *     socket.onDisconnect((s, reason) -> log.info("{} left: {}", s.id(), reason));
 * });
 * }</pre>
 *
 * <p>Threading: listeners run on {@link #eventLoop()}, one at a time. Every public method may be
 * called from any thread.
 */
public final class Socket implements AdapterSocket {

    private static final Logger log = LoggerFactory.getLogger(Socket.class);
    private static final AnyListener[] NO_ANY = {};
    private static final DisconnectListener[] NO_DISCONNECT = {};

    private final String id;
    private final Namespace namespace;
    private final Client client;
    private final JsonNode auth;
    // A server holds one Socket per connection, so its listeners are kept compact: immutable
    // arrays and an immutable map, replaced whole under this socket's lock when one is added,
    // read without a lock. Registration happens a handful of times per socket; dispatch, often.
    private volatile Map<String, EventListener[]> listeners = Map.of();
    private volatile AnyListener[] anyListeners = NO_ANY;
    private volatile DisconnectListener[] disconnectingListeners = NO_DISCONNECT;
    private volatile DisconnectListener[] disconnectListeners = NO_DISCONNECT;
    /** Usually one or two entries: a small table. */
    private final ConcurrentMap<String, Object> data = new ConcurrentHashMap<>(2);
    /** Acks the server awaits from the client, by id; made on first use, touched only on the event loop. */
    private Map<Long, PendingAck> pendingAcks;
    private long nextAckId;
    private volatile boolean connected;

    Socket(String id, Namespace namespace, Client client, JsonNode auth) {
        this.id = id;
        this.namespace = namespace;
        this.client = client;
        this.auth = auth == null ? NullNode.getInstance() : auth;
    }

    /** The socket id: random, unique, also the name of a room holding only this socket. */
    @Override
    public String id() {
        return id;
    }

    public Namespace namespace() {
        return namespace;
    }

    /** The HTTP request that opened the connection. */
    public HandshakeRequest handshake() {
        return client.eio().handshake();
    }

    /** The auth payload of the CONNECT packet; a NullNode when none was sent. Never null. */
    public JsonNode auth() {
        return auth;
    }

    /** The current transport, {@code "polling"} or {@code "websocket"}. */
    public String transport() {
        return client.eio().transport();
    }

    /** The Engine.IO session id shared by all of this client's sockets. */
    public String connectionId() {
        return client.eio().id();
    }

    /** Free-form per-socket state for the application (like Socket.IO's {@code socket.data}). */
    public ConcurrentMap<String, Object> data() {
        return data;
    }

    @Override
    public EventLoop eventLoop() {
        return client.eio().eventLoop();
    }

    public boolean isConnected() {
        return connected;
    }

    // ---------------------------------------------------------------- listeners

    /** Listens to a client event. Several listeners of one event run in registration order. */
    public Socket on(String event, EventListener listener) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(listener, "listener");
        synchronized (this) {
            Map<String, EventListener[]> next = new HashMap<>(listeners);
            next.merge(event, new EventListener[] {listener}, Socket::concat);
            listeners = Map.copyOf(next);
        }
        return this;
    }

    /** Sees every client event before its listeners. */
    public Socket onAny(AnyListener listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (this) {
            anyListeners = concat(anyListeners, new AnyListener[] {listener});
        }
        return this;
    }

    /** Runs when the socket is about to leave, while it is still in its rooms. */
    public Socket onDisconnecting(DisconnectListener listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (this) {
            disconnectingListeners = concat(disconnectingListeners, new DisconnectListener[] {listener});
        }
        return this;
    }

    /** Runs once when the socket has left its namespace. */
    public Socket onDisconnect(DisconnectListener listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (this) {
            disconnectListeners = concat(disconnectListeners, new DisconnectListener[] {listener});
        }
        return this;
    }

    // ---------------------------------------------------------------- emitting

    /** Sends an event to this client. Arguments are Jackson-serialisable; byte[] goes as binary. */
    public void emit(String event, Object... args) {
        send(namespace.server().encoder().encodeEvent(namespace.name(), event, args, -1), false);
    }

    /** Like {@link #emit} but dropped rather than buffered when the client is not keeping up. */
    public void emitVolatile(String event, Object... args) {
        send(namespace.server().encoder().encodeEvent(namespace.name(), event, args, -1), true);
    }

    /**
     * Sends an event and waits for the client's acknowledgement.
     *
     * <pre>{@code
     * socket.emitWithAck(Duration.ofSeconds(5), "confirm", order)
     *       .thenAccept(reply -> log.info("client said {}", reply.get(0)));
     * }</pre>
     *
     * @return completes with the acknowledgement's arguments, or exceptionally with
     *         {@link AckTimeoutException} after {@code timeout}, or {@link SocketIoException} if the
     *         socket disconnects first
     */
    public CompletableFuture<Args> emitWithAck(Duration timeout, String event, Object... args) {
        Objects.requireNonNull(timeout, "timeout");
        CompletableFuture<Args> result = new CompletableFuture<>();
        runOnLoop(() -> {
            if (!connected) {
                result.completeExceptionally(new SocketIoException("socket " + id + " is disconnected"));
                return;
            }
            long ackId = nextAckId++;
            ScheduledFuture<?> timer = eventLoop().schedule(() -> {
                if (pendingAcks.remove(ackId) != null) {
                    result.completeExceptionally(new AckTimeoutException(id, event, timeout));
                }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (pendingAcks == null) {
                pendingAcks = new HashMap<>();
            }
            pendingAcks.put(ackId, new PendingAck(result, timer));
            deliver(namespace.server().encoder().encodeEvent(namespace.name(), event, args, ackId), false);
        });
        return result;
    }

    /** Broadcasts to a room's sockets, except this one. */
    public BroadcastOperator to(String... rooms) {
        return broadcast().to(rooms);
    }

    /** Broadcasts to every socket of the namespace except this one. */
    public BroadcastOperator broadcast() {
        return namespace.broadcastOperator().except(id);
    }

    // ---------------------------------------------------------------- rooms

    /** Joins rooms. */
    public void join(String... rooms) {
        namespace.adapter().addAll(id, Set.of(rooms));
    }

    /** Leaves a room. */
    public void leave(String room) {
        namespace.adapter().del(id, room);
    }

    /** The rooms this socket is in, including the one named by its id. */
    public Set<String> rooms() {
        return namespace.adapter().socketRooms(id);
    }

    /**
     * Leaves the namespace: the client gets DISCONNECT for it. With {@code close}, the whole
     * connection (every namespace) is closed too.
     */
    @Override
    public void disconnect(boolean close) {
        runOnLoop(() -> {
            if (!connected) {
                return;
            }
            if (close) {
                client.close();
                return;
            }
            deliver(List.of(namespace.server().encoder().encodeDisconnect(namespace.name())), false);
            onClose(DisconnectReason.SERVER_NAMESPACE_DISCONNECT);
        });
    }

    // ---------------------------------------------------------------- package: driven by Client

    @Override
    public boolean deliver(List<EioMessage> messages, boolean isVolatile) {
        return connected && client.eio().send(messages, isVolatile);
    }

    void send(List<EioMessage> messages, boolean isVolatile) {
        if (eventLoop().inEventLoop()) {
            deliver(messages, isVolatile);
        } else {
            eventLoop().execute(() -> deliver(messages, isVolatile));
        }
    }

    void markConnected() {
        connected = true;
    }

    /** A packet for this namespace, on the event loop. */
    void onPacket(Packet packet) {
        switch (packet.type()) {
            case EVENT, BINARY_EVENT -> onEvent(packet);
            case ACK, BINARY_ACK -> onAck(packet);
            case DISCONNECT -> onClose(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);
            default -> log.debug("socket {} ignores a {} packet", id, packet.type());
        }
    }

    private void onEvent(Packet packet) {
        JsonNode array = packet.data();
        String event = array.get(0).asText();
        JsonNode[] values = new JsonNode[array.size() - 1];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i + 1);
        }
        Args args = new Args(values, namespace.server().config().mapper());
        Ack ack = packet.id() >= 0 ? new ClientAck(packet.id()) : Ack.NONE;
        for (AnyListener l : anyListeners) {
            try {
                l.onEvent(event, args);
            } catch (RuntimeException e) {
                log.warn("onAny listener of socket {} failed on '{}'", id, event, e);
            }
        }
        EventListener[] forEvent = listeners.get(event);
        if (forEvent == null) {
            log.debug("socket {}: no listener for event '{}'", id, event);
            return;
        }
        for (EventListener l : forEvent) {
            try {
                l.onEvent(args, ack);
            } catch (RuntimeException e) {
                log.warn("listener of socket {} failed on '{}'", id, event, e);
            }
        }
    }

    private void onAck(Packet packet) {
        PendingAck pending = pendingAcks == null ? null : pendingAcks.remove(packet.id());
        if (pending == null) {
            log.debug("socket {}: unexpected ack {}", id, packet.id());
            return;
        }
        pending.timer().cancel(false);
        JsonNode array = packet.data();
        JsonNode[] values = new JsonNode[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i);
        }
        pending.result().complete(new Args(values, namespace.server().config().mapper()));
    }

    /** Leaves the namespace, once; on the event loop. */
    void onClose(DisconnectReason reason) {
        if (!connected) {
            return;
        }
        log.debug("socket {} of {} disconnecting: {}", id, namespace.name(), reason.wireName());
        for (DisconnectListener l : disconnectingListeners) {
            safely(l, reason);
        }
        connected = false;
        namespace.remove(this);
        client.remove(this);
        if (pendingAcks != null) {
            for (PendingAck p : pendingAcks.values()) {
                p.timer().cancel(false);
                p.result().completeExceptionally(new SocketIoException("socket " + id + " disconnected: " + reason.wireName()));
            }
            pendingAcks.clear();
        }
        for (DisconnectListener l : disconnectListeners) {
            safely(l, reason);
        }
    }

    private static <T> T[] concat(T[] head, T[] tail) {
        T[] both = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, both, head.length, tail.length);
        return both;
    }

    private void safely(DisconnectListener l, DisconnectReason reason) {
        try {
            l.onDisconnect(this, reason);
        } catch (RuntimeException e) {
            log.warn("disconnect listener of socket {} failed", id, e);
        }
    }

    private void runOnLoop(Runnable task) {
        if (eventLoop().inEventLoop()) {
            task.run();
        } else {
            eventLoop().execute(task);
        }
    }

    @Override
    public String toString() {
        return "Socket[" + id + " " + namespace.name() + "]";
    }

    private record PendingAck(CompletableFuture<Args> result, ScheduledFuture<?> timer) {
    }

    /** The acknowledgement a client asked for with an event; the first send wins. */
    private final class ClientAck implements Ack {
        private final long ackId;
        private final AtomicBoolean sent = new AtomicBoolean();

        ClientAck(long ackId) {
            this.ackId = ackId;
        }

        @Override
        public boolean requested() {
            return true;
        }

        @Override
        public void send(Object... args) {
            if (sent.compareAndSet(false, true)) {
                Socket.this.send(namespace.server().encoder().encodeAck(namespace.name(), ackId, args), false);
            }
        }
    }
}
