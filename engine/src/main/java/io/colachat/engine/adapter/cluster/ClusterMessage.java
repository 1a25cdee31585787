package io.colachat.engine.adapter.cluster;

import io.colachat.engine.adapter.BroadcastOptions;
import io.colachat.engine.eio.EioMessage;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One message between the adapters of a namespace, one record per shape. Every message names
 * its sender and its namespace; {@link ClusterMessageCodec} turns them into bytes and back.
 */
sealed interface ClusterMessage {

    MessageType type();

    /** The sending node. */
    String nodeId();

    /** The namespace the sender's adapter serves; receivers ignore other namespaces. */
    String namespace();

    /** {@link MessageType#INITIAL_HEARTBEAT}, {@link MessageType#HEARTBEAT} or {@link MessageType#ADAPTER_CLOSE}. */
    record Signal(MessageType type, String nodeId, String namespace) implements ClusterMessage {
        public Signal {
            require(type, MessageType.INITIAL_HEARTBEAT, MessageType.HEARTBEAT, MessageType.ADAPTER_CLOSE);
            Objects.requireNonNull(nodeId);
            Objects.requireNonNull(namespace);
        }
    }

    /** Already-encoded Engine.IO messages for the sockets matching {@code opts}. */
    record Broadcast(String nodeId, String namespace, BroadcastOptions opts, List<EioMessage> packet)
            implements ClusterMessage {
        public Broadcast {
            packet = List.copyOf(packet);
        }

        @Override
        public MessageType type() {
            return MessageType.BROADCAST;
        }
    }

    /** {@link MessageType#SOCKETS_JOIN} or {@link MessageType#SOCKETS_LEAVE} of {@code rooms}. */
    record RoomChange(MessageType type, String nodeId, String namespace, BroadcastOptions opts, Set<String> rooms)
            implements ClusterMessage {
        public RoomChange {
            require(type, MessageType.SOCKETS_JOIN, MessageType.SOCKETS_LEAVE);
            rooms = Set.copyOf(rooms);
        }
    }

    /** The matching sockets leave their namespace; with {@code close}, their connections close. */
    record Disconnect(String nodeId, String namespace, BroadcastOptions opts, boolean close) implements ClusterMessage {
        @Override
        public MessageType type() {
            return MessageType.DISCONNECT_SOCKETS;
        }
    }

    /** {@link MessageType#FETCH_SOCKETS} or {@link MessageType#COUNT_SOCKETS}; answers quote {@code requestId}. */
    record Request(MessageType type, String nodeId, String namespace, long requestId, BroadcastOptions opts)
            implements ClusterMessage {
        public Request {
            require(type, MessageType.FETCH_SOCKETS, MessageType.COUNT_SOCKETS);
        }
    }

    /** A node's matching sockets, for the node {@code requesterId}. */
    record SocketsResponse(String nodeId, String namespace, String requesterId, long requestId,
            List<ClusterSocket> sockets) implements ClusterMessage {
        public SocketsResponse {
            sockets = List.copyOf(sockets);
        }

        @Override
        public MessageType type() {
            return MessageType.FETCH_SOCKETS_RESPONSE;
        }
    }

    /** How many sockets match on a node, for the node {@code requesterId}. */
    record CountResponse(String nodeId, String namespace, String requesterId, long requestId, long count)
            implements ClusterMessage {
        @Override
        public MessageType type() {
            return MessageType.COUNT_SOCKETS_RESPONSE;
        }
    }

    private static void require(MessageType actual, MessageType... allowed) {
        for (MessageType t : allowed) {
            if (t == actual) {
                return;
            }
        }
        throw new IllegalArgumentException(actual + " is not one of " + List.of(allowed));
    }
}
