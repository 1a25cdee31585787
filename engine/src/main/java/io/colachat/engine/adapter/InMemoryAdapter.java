package io.colachat.engine.adapter;

import io.colachat.engine.eio.EioMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default adapter: this process's sockets only. Two maps, rooms to socket ids and socket
 * ids to rooms, both concurrent; a room exists while it has a socket.
 */
public class InMemoryAdapter extends Adapter {

    private final ConcurrentHashMap<String, Set<String>> rooms = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<String>> sids = new ConcurrentHashMap<>();

    public InMemoryAdapter(AdapterNamespace namespace) {
        super(namespace);
    }

    @Override
    public void addAll(String socketId, Set<String> toJoin) {
        Set<String> mine = sids.computeIfAbsent(socketId, k -> ConcurrentHashMap.newKeySet(2));
        for (String room : toJoin) {
            if (!mine.add(room)) {
                continue;
            }
            boolean[] created = {false};
            rooms.compute(room, (k, members) -> {
                if (members == null) {
                    // Most rooms are a socket's own: start small, grow as members come.
                    members = ConcurrentHashMap.newKeySet(1);
                    created[0] = true;
                }
                members.add(socketId);
                return members;
            });
            if (created[0]) {
                fireRoomCreated(room);
            }
            fireJoined(room, socketId);
        }
    }

    @Override
    public void del(String socketId, String room) {
        Set<String> mine = sids.get(socketId);
        if (mine == null || !mine.remove(room)) {
            return;
        }
        removeFromRoom(socketId, room);
    }

    @Override
    public void delAll(String socketId) {
        Set<String> mine = sids.remove(socketId);
        if (mine == null) {
            return;
        }
        for (String room : mine) {
            removeFromRoom(socketId, room);
        }
    }

    private void removeFromRoom(String socketId, String room) {
        boolean[] deleted = {false};
        rooms.computeIfPresent(room, (k, members) -> {
            members.remove(socketId);
            if (members.isEmpty()) {
                deleted[0] = true;
                return null;
            }
            return members;
        });
        fireLeft(room, socketId);
        if (deleted[0]) {
            fireRoomDeleted(room);
        }
    }

    @Override
    public void broadcast(List<EioMessage> messages, BroadcastOptions opts) {
        List<AdapterSocket> targets = new ArrayList<>();
        forEachMatching(opts, targets::add);
        Deliveries.deliver(targets, messages, opts.isVolatile());
    }

    @Override
    public Set<String> sockets(Set<String> inRooms) {
        Set<String> out = new HashSet<>();
        forEachMatching(new BroadcastOptions(inRooms, Set.of(), false, true), s -> out.add(s.id()));
        return out;
    }

    @Override
    public int localRoomSize(String room) {
        Set<String> members = rooms.get(room);
        return members == null ? 0 : members.size();
    }

    @Override
    public Set<String> socketRooms(String socketId) {
        Set<String> mine = sids.get(socketId);
        return mine == null ? Set.of() : Collections.unmodifiableSet(new HashSet<>(mine));
    }

    @Override
    public Set<String> rooms() {
        return Collections.unmodifiableSet(new HashSet<>(rooms.keySet()));
    }

    @Override
    public void addSockets(BroadcastOptions opts, Set<String> toJoin) {
        forEachMatching(opts, s -> addAll(s.id(), toJoin));
    }

    @Override
    public void delSockets(BroadcastOptions opts, Set<String> toLeave) {
        forEachMatching(opts, s -> toLeave.forEach(room -> del(s.id(), room)));
    }

    @Override
    public void disconnectSockets(BroadcastOptions opts, boolean close) {
        List<AdapterSocket> targets = new ArrayList<>();
        forEachMatching(opts, targets::add);
        targets.forEach(s -> s.disconnect(close));
    }

    /** Visits each matching local socket once. */
    protected void forEachMatching(BroadcastOptions opts, java.util.function.Consumer<AdapterSocket> visitor) {
        Set<String> excluded = excludedIds(opts.except());
        if (opts.rooms().isEmpty()) {
            for (String id : sids.keySet()) {
                visitIfPresent(id, excluded, visitor);
            }
            return;
        }
        if (opts.rooms().size() == 1) {
            Set<String> members = rooms.get(opts.rooms().iterator().next());
            if (members != null) {
                for (String id : members) {
                    visitIfPresent(id, excluded, visitor);
                }
            }
            return;
        }
        Set<String> seen = new HashSet<>();
        for (String room : opts.rooms()) {
            Set<String> members = rooms.get(room);
            if (members == null) {
                continue;
            }
            for (String id : members) {
                if (seen.add(id)) {
                    visitIfPresent(id, excluded, visitor);
                }
            }
        }
    }

    private void visitIfPresent(String id, Set<String> excluded, java.util.function.Consumer<AdapterSocket> visitor) {
        if (excluded.contains(id)) {
            return;
        }
        AdapterSocket socket = namespace.socket(id);
        if (socket != null) {
            visitor.accept(socket);
        }
    }

    private Set<String> excludedIds(Set<String> exceptRooms) {
        if (exceptRooms.isEmpty()) {
            return Set.of();
        }
        Set<String> out = new HashSet<>();
        for (String room : exceptRooms) {
            Set<String> members = rooms.get(room);
            if (members != null) {
                out.addAll(members);
            }
        }
        return out;
    }
}
