package io.colachat.server.chat;

import io.colachat.engine.BroadcastOperator;
import io.colachat.engine.Namespace;
import io.colachat.engine.Socket;
import io.colachat.engine.SocketIoServer;
import java.util.UUID;

/**
 * Finds the engine's namespace and room of a chat room. A chat room lives in the Socket.IO
 * namespace {@code /{room.namespace}}, in the engine room named by the room id.
 */
public final class RoomBroadcaster {

    private final SocketIoServer io;

    public RoomBroadcaster(SocketIoServer io) {
        this.io = io;
    }

    /** The broadcast to a room's sockets; null when nobody ever connected to its namespace here. */
    public BroadcastOperator to(String namespace, UUID roomId) {
        Namespace nsp = io.namespace("/" + namespace);
        return nsp == null ? null : nsp.to(roomId.toString());
    }

    /** Emits to every socket of a room. */
    public void emit(String namespace, UUID roomId, String event, Object... args) {
        BroadcastOperator op = to(namespace, roomId);
        if (op != null) {
            op.emit(event, args);
        }
    }

    /** How many of this node's sockets are in the room (for counting deliveries; no copying). */
    public int localMembers(String namespace, UUID roomId) {
        Namespace nsp = io.namespace("/" + namespace);
        return nsp == null ? 0 : nsp.adapter().localRoomSize(roomId.toString());
    }

    /** A local socket of a namespace, or null. */
    public Socket socket(String namespace, String socketId) {
        Namespace nsp = io.namespace("/" + namespace);
        return nsp == null ? null : nsp.socket(socketId);
    }
}
