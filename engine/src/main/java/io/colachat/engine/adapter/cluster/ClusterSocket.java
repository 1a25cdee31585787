package io.colachat.engine.adapter.cluster;

import java.util.Objects;
import java.util.Set;

/**
 * A socket somewhere in the cluster, as a {@code fetchSockets} request reports it: a snapshot,
 * not a handle. To act on a remote socket, broadcast to the room named by its id.
 *
 * @param id the socket id (also the name of a room holding only this socket); never null
 * @param nodeId the node the socket is connected to; never null
 * @param rooms the socket's rooms when the node answered, including its own id; never null
 */
public record ClusterSocket(String id, String nodeId, Set<String> rooms) {

    public ClusterSocket {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(nodeId, "nodeId");
        rooms = Set.copyOf(rooms);
    }
}
