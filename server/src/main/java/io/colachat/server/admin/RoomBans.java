package io.colachat.server.admin;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who an operator removed from which room: chatter ids, and the IP addresses their sockets
 * came from. A banned chatter id or address cannot join that room again; other rooms are not
 * affected. Bans live as long as the room (forgotten when it expires or is closed) and as long
 * as this process: they are not shared across a cluster nor kept over a restart. The kicked
 * chatter's token is revoked in the database, which is shared and durable, so the chatter
 * itself cannot come back anywhere; an address ban only slows down a person making a new one.
 *
 * <p>Loopback addresses are never banned: behind a reverse proxy on the same host every
 * client is 127.0.0.1, and banning it would close the room to everyone.
 *
 * <p>Bounded: at most {@link #MAX_PER_ROOM} entries per room, further bans of a full room
 * are ignored (the chatter id ban and the revoked token still hold).
 */
public final class RoomBans {

    /** Entries (chatter ids plus addresses) one room may hold. */
    public static final int MAX_PER_ROOM = 10_000;

    private final Map<UUID, Set<String>> rooms = new ConcurrentHashMap<>();

    /** Bans a chatter from a room, and the addresses (may be empty) its sockets came from. */
    public void ban(UUID roomId, UUID chatterId, Collection<String> addresses) {
        Set<String> banned = rooms.computeIfAbsent(roomId, k -> ConcurrentHashMap.newKeySet());
        add(banned, "chatter:" + chatterId);
        for (String address : addresses) {
            if (address != null && !isLoopback(address)) {
                add(banned, "ip:" + address);
            }
        }
    }

    /**
     * Whether a join of this room must be refused.
     *
     * @param chatterId the chatter the client claims to be, may be null
     * @param address the client's IP address, may be null
     */
    public boolean isBanned(UUID roomId, UUID chatterId, String address) {
        Set<String> banned = rooms.get(roomId);
        if (banned == null) {
            return false;
        }
        return (chatterId != null && banned.contains("chatter:" + chatterId))
                || (address != null && banned.contains("ip:" + address));
    }

    /** The room is gone: its bans with it. */
    public void forget(UUID roomId) {
        rooms.remove(roomId);
    }

    private static void add(Set<String> banned, String entry) {
        if (banned.size() < MAX_PER_ROOM) {
            banned.add(entry);
        }
    }

    private static boolean isLoopback(String address) {
        try {
            // A literal address: no name resolution happens.
            return address.isEmpty() || InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException | SecurityException e) {
            return false;
        }
    }
}
