package io.colachat.engine.adapter;

import io.colachat.engine.eio.EioMessage;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Room membership and broadcasting for one namespace: the SPI a cluster adapter overrides.
 *
 * <p>Shaped like Socket.IO's {@code socket.io-adapter}: a socket is in rooms, a broadcast
 * reaches the sockets of some rooms minus those of others. Packets arrive here already
 * encoded, once per broadcast; an adapter writes the same {@link EioMessage}s to every local
 * recipient and may ship the same bytes to other nodes.
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
public abstract class Adapter {

    /** Room lifecycle callbacks (for metrics or cluster bookkeeping). All default to no-ops. */
    public interface RoomListener {
        default void roomCreated(String room) { }
        default void roomDeleted(String room) { }
        default void joined(String room, String socketId) { }
        default void left(String room, String socketId) { }
    }

    protected final AdapterNamespace namespace;
    private final List<RoomListener> listeners = new CopyOnWriteArrayList<>();

    protected Adapter(AdapterNamespace namespace) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
    }

    /** The namespace this adapter serves. */
    public AdapterNamespace namespace() {
        return namespace;
    }

    /** Adds a socket to rooms. */
    public abstract void addAll(String socketId, Set<String> rooms);

    /** Removes a socket from one room. */
    public abstract void del(String socketId, String room);

    /** Removes a socket from every room (it disconnected). */
    public abstract void delAll(String socketId);

    /**
     * Sends encoded packets to every socket matching {@code opts}.
     *
     * @param messages one Socket.IO packet as Engine.IO messages, shared by all recipients
     */
    public abstract void broadcast(List<EioMessage> messages, BroadcastOptions opts);

    /** The ids of local sockets in any of {@code rooms} (all local sockets when empty). */
    public abstract Set<String> sockets(Set<String> rooms);

    /** How many local sockets are in {@code room}; adapters with a room index answer without copying. */
    public int localRoomSize(String room) {
        return sockets(Set.of(room)).size();
    }

    /** The rooms of a local socket; empty when unknown. */
    public abstract Set<String> socketRooms(String socketId);

    /** The rooms that have at least one local socket. */
    public abstract Set<String> rooms();

    /** Makes the sockets matching {@code opts} join {@code rooms}. */
    public abstract void addSockets(BroadcastOptions opts, Set<String> rooms);

    /** Makes the sockets matching {@code opts} leave {@code rooms}. */
    public abstract void delSockets(BroadcastOptions opts, Set<String> rooms);

    /** Disconnects the sockets matching {@code opts}. */
    public abstract void disconnectSockets(BroadcastOptions opts, boolean close);

    /** Releases resources (subscriptions, timers). Called when the server closes. */
    public void close() {
    }

    /** Registers a room lifecycle listener. */
    public void addRoomListener(RoomListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    protected void fireRoomCreated(String room) {
        for (RoomListener l : listeners) {
            l.roomCreated(room);
        }
    }

    protected void fireRoomDeleted(String room) {
        for (RoomListener l : listeners) {
            l.roomDeleted(room);
        }
    }

    protected void fireJoined(String room, String socketId) {
        for (RoomListener l : listeners) {
            l.joined(room, socketId);
        }
    }

    protected void fireLeft(String room, String socketId) {
        for (RoomListener l : listeners) {
            l.left(room, socketId);
        }
    }
}
