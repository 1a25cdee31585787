package io.colachat.server.admin;

import io.colachat.server.api.ApiException;
import io.colachat.server.api.ErrorCode;
import io.colachat.server.chat.ChatService;
import io.colachat.server.config.ServerConfig;
import io.colachat.server.metrics.LiveFigures;
import io.colachat.server.metrics.ServerMetrics;
import io.colachat.server.presence.PresenceService;
import io.colachat.server.presence.PresenceService.Member;
import io.colachat.server.store.ChatterRecord;
import io.colachat.server.store.ChatterRepository;
import io.colachat.server.store.Database;
import io.colachat.server.store.RoomRecord;
import io.colachat.server.store.RoomRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the operator sees and does: live figures with their last 15 minutes, the open rooms
 * with their present chatters, closing a room now, and removing a chatter from a room. Every
 * method blocks (JDBC): call it on a worker thread.
 *
 * <p>Closing a room sets its {@code expiresAt} to now, then runs the room's ordinary expiry:
 * its members get {@code roomExpired} and are disconnected, and from then on the room answers
 * ROOM_EXPIRED and is gone from the lobby. Removing a chatter is {@link ChatService#kick}.
 */
public final class AdminService {

    private static final Logger log = LoggerFactory.getLogger(AdminService.class);
    /** The room list shows at most this many rooms, newest first. */
    public static final int ROOM_LIST_LIMIT = 200;
    private static final long ACTION_TIMEOUT_SECONDS = 10;

    private final Database db;
    private final AdminRepository repo;
    private final ChatterRepository chatters;
    private final PresenceService presence;
    private final ChatService chat;
    private final ServerMetrics metrics;
    private final Clock clock;
    private final String nodeId;
    private final Instant started;

    public AdminService(Database db, PresenceService presence, ChatService chat, ServerMetrics metrics, Clock clock,
            String nodeId) {
        this.db = db;
        this.repo = new AdminRepository(new RoomRepository(db));
        this.chatters = new ChatterRepository(db);
        this.presence = presence;
        this.chat = chat;
        this.metrics = metrics;
        this.clock = clock;
        this.nodeId = nodeId;
        this.started = clock.instant();
    }

    /**
     * Rooms and presence now, for {@link LiveFigures}: open rooms from the database, present
     * chatters from this node's presence.
     */
    public static LiveFigures.Census census(Database db, PresenceService presence, Clock clock) {
        AdminRepository repo = new AdminRepository(new RoomRepository(db));
        List<UUID> open = db.execute(c -> repo.openRoomIds(c, clock.instant()));
        int active = 0;
        int present = 0;
        for (UUID id : open) {
            int n = presence.presentCount(id);
            if (n > 0) {
                active++;
                present += n;
            }
        }
        return new LiveFigures.Census(open.size(), active, present);
    }

    /** The live figures now and their history. */
    public Map<String, Object> overview() {
        LiveFigures live = metrics.live();
        LiveFigures.Sample now = live.latest();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("connections", metrics.connections().total());
        figures.put("connectionsByTransport", metrics.connections().byTransport());
        figures.put("openRooms", now.openRooms());
        figures.put("activeRooms", now.activeRooms());
        figures.put("presentChatters", now.presentChatters());
        figures.put("messagesPerSecond", now.messagesPerSecond());
        figures.put("sampledAt", now.at().toString());
        List<Map<String, Object>> history = new ArrayList<>();
        for (LiveFigures.Sample s : live.history()) {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("at", s.at().toString());
            point.put("connections", s.connections());
            point.put("openRooms", s.openRooms());
            point.put("presentChatters", s.presentChatters());
            point.put("messagesPerSecond", s.messagesPerSecond());
            history.add(point);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("node", nodeId);
        out.put("version", ServerConfig.version());
        out.put("uptimeSeconds", Duration.between(started, clock.instant()).toSeconds());
        out.put("periodSeconds", live.period().toSeconds());
        out.put("figures", figures);
        out.put("history", history);
        return out;
    }

    /** Open rooms, newest first, each with its present chatters (public views: no tokens). */
    public List<Map<String, Object>> rooms() {
        Instant now = clock.instant();
        List<RoomRecord> open = db.execute(c -> repo.openRooms(c, now, ROOM_LIST_LIMIT));
        List<Map<String, Object>> out = new ArrayList<>();
        for (RoomRecord r : open) {
            List<Map<String, Object>> people = new ArrayList<>();
            for (Member m : presence.present(r.id())) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("id", m.id().toString());
                p.put("nickname", m.nickname());
                p.put("createdAt", m.createdAt().toString());
                people.add(p);
            }
            Map<String, Object> room = new LinkedHashMap<>();
            room.put("id", r.id().toString());
            room.put("title", r.title());
            room.put("namespace", r.namespace());
            room.put("capacity", r.capacity());
            room.put("isPassword", r.hasPassword());
            room.put("createdAt", r.createdAt().toString());
            room.put("expiresAt", r.expiresAt().toString());
            room.put("onlineCount", people.size());
            room.put("chatters", people);
            out.add(room);
        }
        return out;
    }

    /**
     * Closes an open room now.
     *
     * @throws ApiException ROOM_NOT_FOUND, or ROOM_EXPIRED when it had already expired
     */
    public Map<String, Object> closeRoom(UUID roomId) {
        Instant now = clock.instant();
        RoomRecord closed = db.execute(c -> {
            RoomRecord room = repo.find(c, roomId).orElseThrow(() -> new ApiException(ErrorCode.ROOM_NOT_FOUND, ""));
            if (room.isExpiredAt(now)) {
                throw new ApiException(ErrorCode.ROOM_EXPIRED, "");
            }
            return repo.expireNow(c, roomId, now).orElseThrow(() -> new ApiException(ErrorCode.ROOM_EXPIRED, ""));
        });
        chat.expire(closed);
        log.info("room {} closed by an operator", roomId);
        return Map.of("roomId", roomId.toString(), "closed", true);
    }

    /**
     * Removes a chatter from its room: see {@link ChatService#kick}.
     *
     * @throws ApiException ROOM_NOT_FOUND, ROOM_EXPIRED, or CHATTER_NOT_FOUND when the chatter is
     *     not one of that room's
     */
    public Map<String, Object> kick(UUID roomId, UUID chatterId) {
        Instant now = clock.instant();
        RoomRecord room = db.execute(c -> repo.find(c, roomId))
                .orElseThrow(() -> new ApiException(ErrorCode.ROOM_NOT_FOUND, ""));
        if (room.isExpiredAt(now)) {
            throw new ApiException(ErrorCode.ROOM_EXPIRED, "");
        }
        ChatterRecord chatter = db.execute(c -> chatters.findById(c, chatterId))
                .filter(c -> c.roomId().equals(roomId))
                .orElseThrow(() -> new ApiException(ErrorCode.CHATTER_NOT_FOUND, ""));
        boolean wasPresent;
        try {
            wasPresent = chat.kick(room, chatter.id()).get(ACTION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ErrorCode.UNAVAILABLE, "");
        } catch (ExecutionException e) {
            throw new CompletionException(e.getCause());
        } catch (TimeoutException e) {
            throw new ApiException(ErrorCode.UNAVAILABLE, "");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("roomId", roomId.toString());
        out.put("chatterId", chatterId.toString());
        out.put("wasPresent", wasPresent);
        return out;
    }
}
