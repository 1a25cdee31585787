package io.colachat.engine.adapter;

import java.util.Set;

/**
 * Who a broadcast goes to: sockets in any of {@code rooms} (every socket of the namespace when
 * empty), minus sockets in any of {@code except}. Immutable.
 *
 * @param rooms the target rooms; empty means all
 * @param except rooms whose sockets are left out (a socket's own id is a room, so this also excludes single sockets)
 * @param isVolatile drop for recipients that are not keeping up instead of buffering
 * @param local only this node's sockets, even with a cluster adapter
 */
public record BroadcastOptions(Set<String> rooms, Set<String> except, boolean isVolatile, boolean local) {

    public static final BroadcastOptions ALL = new BroadcastOptions(Set.of(), Set.of(), false, false);

    public BroadcastOptions {
        rooms = Set.copyOf(rooms);
        except = Set.copyOf(except);
    }
}
