package io.colachat.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.colachat.engine.adapter.Adapter;
import io.colachat.engine.adapter.AdapterNamespace;
import io.colachat.engine.internal.Ids;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Socket.IO namespace: its middleware, its connection listeners, its sockets and its adapter.
 *
 * <pre>{@code
 * Namespace chat = io.of("/chat");
 * chat.use((socket, next) -> next.proceed());
 * chat.onConnection(socket -> socket.join("lobby"));
 * chat.to("lobby").emit("news", "hello");
 * }</pre>
 *
 * <p>A namespace made by {@link SocketIoServer#of(java.util.function.Predicate)} is a parent:
 * every namespace whose name it matches is created on first connection and shares the
 * parent's middleware and listeners; emitting through the parent reaches all of them.
 */
public class Namespace implements AdapterNamespace {

    private static final Logger log = LoggerFactory.getLogger(Namespace.class);

    private final SocketIoServer server;
    private final String name;
    private final List<Middleware> middlewares;
    private final List<ConnectionListener> connectionListeners;
    private final Map<String, Socket> sockets = new ConcurrentHashMap<>();
    private final Adapter adapter;
    private final List<Namespace> children;
    /** The parent of a dynamic child; null otherwise. */
    private final Namespace parent;
    /** A dynamic child whose last socket left: it is out of the server's map and admits no one. Guarded by this. */
    private boolean retired;

    /** A fixed namespace, or a parent of dynamic ones when {@code parent} is true. */
    Namespace(SocketIoServer server, String name, boolean parent) {
        this.server = server;
        this.name = name;
        this.middlewares = new CopyOnWriteArrayList<>();
        this.connectionListeners = new CopyOnWriteArrayList<>();
        this.children = parent ? new CopyOnWriteArrayList<>() : List.of();
        this.parent = null;
        this.adapter = server.config().adapterFactory().create(this);
    }

    /** A dynamic child: shares (by reference) the parent's middleware and listeners. */
    Namespace(SocketIoServer server, String name, Namespace parent) {
        this.server = server;
        this.name = name;
        this.middlewares = parent.middlewares;
        this.connectionListeners = parent.connectionListeners;
        this.children = List.of();
        this.parent = parent;
        this.adapter = server.config().adapterFactory().create(this);
        parent.children.add(this);
    }

    /** The name, starting with {@code /}. */
    @Override
    public String name() {
        return name;
    }

    public SocketIoServer server() {
        return server;
    }

    public Adapter adapter() {
        return adapter;
    }

    /** Adds a middleware; they run in the order added. */
    public Namespace use(Middleware middleware) {
        middlewares.add(java.util.Objects.requireNonNull(middleware, "middleware"));
        return this;
    }

    /** Adds a connection listener. */
    public Namespace onConnection(ConnectionListener listener) {
        connectionListeners.add(java.util.Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** This node's connected sockets by id (a read-only view). */
    public Map<String, Socket> sockets() {
        return Collections.unmodifiableMap(sockets);
    }

    @Override
    public Socket socket(String id) {
        return sockets.get(id);
    }

    void removeChild(Namespace child) {
        children.remove(child);
    }

    /** The dynamic namespaces of this parent that exist now; empty for a fixed namespace. */
    public Collection<Namespace> children() {
        return Collections.unmodifiableList(children);
    }

    // ---------------------------------------------------------------- broadcasting

    /** A broadcast to the sockets of these rooms. */
    public BroadcastOperator to(String... rooms) {
        return broadcastOperator().to(rooms);
    }

    /** Alias of {@link #to}. */
    public BroadcastOperator in(String... rooms) {
        return to(rooms);
    }

    /** A broadcast to every socket except those in these rooms. */
    public BroadcastOperator except(String... rooms) {
        return broadcastOperator().except(rooms);
    }

    /** Emits to every socket of the namespace. */
    public void emit(String event, Object... args) {
        broadcastOperator().emit(event, args);
    }

    /** Disconnects every socket of the namespace. */
    public void disconnectSockets(boolean close) {
        broadcastOperator().disconnectSockets(close);
    }

    BroadcastOperator broadcastOperator() {
        return new BroadcastOperator(this);
    }

    /** The namespaces a broadcast through this one reaches: itself, or a parent's children. */
    List<Namespace> broadcastTargets() {
        return children instanceof CopyOnWriteArrayList ? children : List.of(this);
    }

    // ---------------------------------------------------------------- package: connecting

    /** Runs the middleware for a new socket, then connects it or refuses it. On the client's loop. */
    void connect(Client client, JsonNode auth) {
        Socket socket = new Socket(Ids.newId(), this, client, auth);
        runMiddleware(socket, client, 0);
    }

    private void runMiddleware(Socket socket, Client client, int index) {
        if (index == middlewares.size()) {
            admit(socket, client);
            return;
        }
        Middleware m = middlewares.get(index);
        AtomicBoolean answered = new AtomicBoolean();
        Middleware.Next next = new Middleware.Next() {
            @Override
            public void proceed() {
                if (answered.compareAndSet(false, true)) {
                    client.runOnLoop(() -> runMiddleware(socket, client, index + 1));
                }
            }

            @Override
            public void refuse(String message, Object data) {
                if (answered.compareAndSet(false, true)) {
                    client.runOnLoop(() -> client.refuse(name, message, data));
                }
            }
        };
        try {
            m.apply(socket, next);
        } catch (RuntimeException e) {
            log.warn("middleware of {} failed", name, e);
            next.refuse("Internal error");
        }
    }

    private void admit(Socket socket, Client client) {
        if (!client.isOpen()) {
            return;
        }
        boolean admitted;
        synchronized (this) {
            admitted = !retired;
            if (admitted) {
                sockets.put(socket.id(), socket);
            }
        }
        if (!admitted) {
            // This child was retired while the middleware ran: connect to its successor.
            Namespace successor = server.namespaceFor(name);
            if (successor == null) {
                client.refuse(name, "Invalid namespace", null);
            } else {
                successor.connect(client, socket.auth());
            }
            return;
        }
        adapter.addAll(socket.id(), java.util.Set.of(socket.id()));
        socket.markConnected();
        client.admitted(socket);
        Map<String, Object> ack = new LinkedHashMap<>();
        ack.put("sid", socket.id());
        socket.deliver(List.of(server.encoder().encodeConnect(name, ack)), false);
        log.debug("socket {} connected to {}", socket.id(), name);
        for (ConnectionListener l : connectionListeners) {
            try {
                l.onConnection(socket);
            } catch (RuntimeException e) {
                log.warn("connection listener of {} failed", name, e);
            }
        }
    }

    void remove(Socket socket) {
        boolean retire = false;
        synchronized (this) {
            sockets.remove(socket.id());
            // Dynamic children live while they have sockets: otherwise a client could create
            // namespaces (and their adapters) without bound by connecting to new names.
            if (parent != null && sockets.isEmpty() && !retired) {
                retired = true;
                retire = true;
            }
        }
        adapter.delAll(socket.id());
        if (retire) {
            log.debug("dynamic namespace {} is empty: retired", name);
            server.retire(this, parent);
        }
    }

    @Override
    public String toString() {
        return "Namespace[" + name + "]";
    }
}
