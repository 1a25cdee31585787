package io.colachat.server.metrics;

import io.colachat.engine.DisconnectReason;
import io.colachat.engine.Namespace;
import io.colachat.engine.Socket;
import io.colachat.engine.SocketIoServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's Socket.IO connections, as the engine's public API shows them: every socket of
 * the chat's namespaces between its connection and its disconnect, with the reason it left.
 *
 * <p>Transports are read at scrape time ({@link Socket#transport()}), not at connection time,
 * so a client that upgraded from polling to websocket is counted as websocket. The set costs
 * one map entry per socket; a scrape walks it once per transport.
 *
 * <p>Hazard: the engine offers no "every connection" hook. {@link #attach} registers on one
 * child of the chat's dynamic namespaces, whose connection listeners the engine shares with the
 * parent and every sibling ({@link Namespace}: children "share the parent's middleware and
 * listeners"). If the engine stops sharing them, connections to other namespaces go uncounted;
 * {@code MetricsIntegrationTest} connects to two namespaces to catch that.
 */
public final class Connections {

    /** The transports the engine speaks; gauges exist for each from the start. */
    public static final Set<String> TRANSPORTS = Set.of("polling", "websocket");

    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Map<DisconnectReason, Counter> disconnects = new EnumMap<>(DisconnectReason.class);

    /** Registers the gauges and the per-reason disconnect counters. */
    public Connections(MeterRegistry registry) {
        for (String transport : TRANSPORTS) {
            Gauge.builder("colachat.connections", this, c -> c.count(transport))
                    .tag("transport", transport)
                    .description("Socket.IO connections on this node by current transport")
                    .register(registry);
        }
        Gauge.builder("colachat.namespaces", this, Connections::namespaces)
                .description("namespaces with at least one connected socket on this node")
                .register(registry);
        for (DisconnectReason reason : DisconnectReason.values()) {
            disconnects.put(reason, Counter.builder("colachat.disconnects")
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                    .description("sockets that left, by reason; reason=\"slow_consumer\" are the ones the engine "
                            + "dropped because they could not keep up")
                    .register(registry));
        }
    }

    /**
     * Starts counting the sockets of the dynamic namespaces that {@code anyChatNamespace} (for
     * example {@code "/anonymous"}) belongs to. Call after the chat attached its namespaces.
     */
    public void attach(SocketIoServer io, String anyChatNamespace) {
        Namespace nsp = io.namespace(anyChatNamespace);
        if (nsp == null) {
            throw new IllegalStateException("no namespace accepts " + anyChatNamespace);
        }
        nsp.onConnection(this::connected);
    }

    /** A socket connected; public for embedding and tests. */
    public void connected(Socket socket) {
        sockets.add(socket);
        socket.onDisconnect(this::disconnected);
    }

    private void disconnected(Socket socket, DisconnectReason reason) {
        sockets.remove(socket);
        Counter c = disconnects.get(reason);
        if (c != null) {
            c.increment();
        }
    }

    /** Connected sockets now. */
    public int total() {
        return sockets.size();
    }

    /** Connected sockets whose current transport is {@code transport}. */
    public int count(String transport) {
        int n = 0;
        for (Socket s : sockets) {
            if (transport.equals(s.transport())) {
                n++;
            }
        }
        return n;
    }

    /** Connected sockets by current transport, every known transport present. */
    public Map<String, Integer> byTransport() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        TRANSPORTS.forEach(t -> out.put(t, 0));
        for (Socket s : sockets) {
            out.merge(s.transport(), 1, Integer::sum);
        }
        return out;
    }

    /** How many sockets left for this reason since start. */
    public long disconnects(DisconnectReason reason) {
        return (long) disconnects.get(reason).count();
    }

    private int namespaces() {
        Set<String> names = new HashSet<>();
        for (Socket s : sockets) {
            names.add(s.namespace().name());
        }
        return names.size();
    }
}
