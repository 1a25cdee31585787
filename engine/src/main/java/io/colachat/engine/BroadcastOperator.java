package io.colachat.engine;

import io.colachat.engine.adapter.BroadcastOptions;
import io.colachat.engine.eio.EioMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An immutable description of a broadcast: which rooms, which exceptions, which flags. Every
 * modifier returns a new operator, so a partly built one can be shared and reused.
 *
 * <pre>{@code
 * BroadcastOperator room = io.of("/chat").to("room-1");
 * room.emit("message", msg);                       // everyone in room-1
 * room.except(socket.id()).emit("typing", who);     // everyone but the sender
 * room.asVolatile().emit("cursor", position);      // droppable
 * }</pre>
 *
 * <p>A packet is encoded once per emit, and the same bytes are written to every recipient.
 */
public final class BroadcastOperator {

    private final Namespace namespace;
    private final Set<String> rooms;
    private final Set<String> except;
    private final boolean isVolatile;
    private final boolean local;

    BroadcastOperator(Namespace namespace) {
        this(namespace, Set.of(), Set.of(), false, false);
    }

    private BroadcastOperator(Namespace namespace, Set<String> rooms, Set<String> except, boolean isVolatile,
            boolean local) {
        this.namespace = namespace;
        this.rooms = rooms;
        this.except = except;
        this.isVolatile = isVolatile;
        this.local = local;
    }

    /** Also targets these rooms. */
    public BroadcastOperator to(String... more) {
        return new BroadcastOperator(namespace, union(rooms, more), except, isVolatile, local);
    }

    /** Alias of {@link #to}. */
    public BroadcastOperator in(String... more) {
        return to(more);
    }

    /** Leaves out the sockets of these rooms (a socket id names a room of one). */
    public BroadcastOperator except(String... more) {
        return new BroadcastOperator(namespace, rooms, union(except, more), isVolatile, local);
    }

    /** Drops the packet for recipients that are not keeping up instead of buffering it. */
    public BroadcastOperator asVolatile() {
        return new BroadcastOperator(namespace, rooms, except, true, local);
    }

    /** Only this node's sockets, even with a cluster adapter. */
    public BroadcastOperator local() {
        return new BroadcastOperator(namespace, rooms, except, isVolatile, true);
    }

    /** The options an adapter receives for this broadcast. */
    public BroadcastOptions options() {
        return new BroadcastOptions(rooms, except, isVolatile, local);
    }

    /** Sends an event to every matching socket; any thread. */
    public void emit(String event, Object... args) {
        BroadcastOptions opts = options();
        for (Namespace target : namespace.broadcastTargets()) {
            List<EioMessage> encoded = target.server().encoder().encodeEvent(target.name(), event, args, -1);
            target.adapter().broadcast(encoded, opts);
        }
    }

    /** Makes the matching sockets join rooms. */
    public void socketsJoin(String... toJoin) {
        for (Namespace target : namespace.broadcastTargets()) {
            target.adapter().addSockets(options(), Set.of(toJoin));
        }
    }

    /** Makes the matching sockets leave rooms. */
    public void socketsLeave(String... toLeave) {
        for (Namespace target : namespace.broadcastTargets()) {
            target.adapter().delSockets(options(), Set.of(toLeave));
        }
    }

    /** Disconnects the matching sockets; with {@code close}, their whole connections. */
    public void disconnectSockets(boolean close) {
        for (Namespace target : namespace.broadcastTargets()) {
            target.adapter().disconnectSockets(options(), close);
        }
    }

    /** This node's matching sockets. */
    public List<Socket> fetchSockets() {
        List<Socket> out = new ArrayList<>();
        for (Namespace target : namespace.broadcastTargets()) {
            Set<String> excluded = except.isEmpty() ? Set.of() : target.adapter().sockets(except);
            for (String id : target.adapter().sockets(rooms)) {
                Socket s = target.socket(id);
                if (s != null && !excluded.contains(id)) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    private static Set<String> union(Set<String> base, String[] more) {
        Set<String> out = new HashSet<>(base);
        out.addAll(Arrays.asList(more));
        return Set.copyOf(out);
    }
}
