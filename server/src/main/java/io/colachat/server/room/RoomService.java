package io.colachat.server.room;

import io.colachat.server.abuse.RateLimits;
import io.colachat.server.api.ApiException;
import io.colachat.server.api.ErrorCode;
import io.colachat.server.chat.ChatService;
import io.colachat.server.chat.Views;
import io.colachat.server.presence.PresenceService;
import io.colachat.server.security.PasswordHasher;
import io.colachat.server.store.Database;
import io.colachat.server.store.RoomRecord;
import io.colachat.server.store.RoomRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rooms: creation with a hashed password, lookup, the lobby list, the access check, and the
 * lifecycle timers (expiry at {@code expiresAt}, purge {@code purge-after} later). Every method
 * blocks (JDBC, bcrypt): call it on a worker thread.
 */
public final class RoomService {

    private static final Logger log = LoggerFactory.getLogger(RoomService.class);
    /** The lobby shows at most this many rooms. */
    public static final int LIST_LIMIT = 100;

    private final Database db;
    private final RoomRepository rooms;
    private final PresenceService presence;
    private final ChatService chat;
    private final PasswordHasher passwords;
    private final ScheduledExecutorService timers;
    private final Clock clock;
    private final Duration ttl;
    private final Duration purgeAfter;
    private final RateLimits limits;

    public RoomService(Database db, PresenceService presence, ChatService chat, PasswordHasher passwords,
            ScheduledExecutorService timers, Clock clock, Duration ttl, Duration purgeAfter, RateLimits limits) {
        this.limits = limits;
        this.db = db;
        this.rooms = new RoomRepository(db);
        this.presence = presence;
        this.chat = chat;
        this.passwords = passwords;
        this.timers = timers;
        this.clock = clock;
        this.ttl = ttl;
        this.purgeAfter = purgeAfter;
    }

    /** A new room request, already validated. */
    public record NewRoom(String title, int capacity, String password, String namespace) {
    }

    /** Creates a room; the password is stored only as a bcrypt hash. */
    public Views.Room create(NewRoom req) {
        Instant now = clock.instant();
        String hash = req.password() == null ? null : passwords.hash(req.password());
        RoomRecord room = RoomRecord.newRoom(UUID.randomUUID(), req.title(), req.namespace(), req.capacity(), hash,
                now, now.plus(ttl));
        RoomRecord stored = db.execute(c -> rooms.create(c, room));
        scheduleExpiry(stored);
        log.debug("room {} created in {}", stored.id(), stored.namespace());
        return Views.room(stored, 0, now);
    }

    /** A room that exists and has not expired; ROOM_NOT_FOUND or ROOM_EXPIRED otherwise. */
    public RoomRecord open(UUID roomId) {
        RoomRecord room = db.execute(c -> rooms.findById(c, roomId))
                .orElseThrow(() -> new ApiException(ErrorCode.ROOM_NOT_FOUND, ""));
        if (room.isExpiredAt(clock.instant())) {
            throw new ApiException(ErrorCode.ROOM_EXPIRED, "");
        }
        return room;
    }

    public Views.Room get(UUID roomId) {
        RoomRecord room = open(roomId);
        return Views.room(room, presence.presentCount(room.id()), clock.instant());
    }

    /** Non-expired rooms, newest first, at most {@link #LIST_LIMIT}. */
    public List<Views.Room> list() {
        Instant now = clock.instant();
        List<Views.Room> out = new ArrayList<>();
        for (RoomRecord r : db.execute(c -> rooms.listOpen(c, now, LIST_LIMIT))) {
            out.add(Views.room(r, presence.presentCount(r.id()), now));
        }
        return out;
    }

    /**
     * May a newcomer enter? ROOM_FULL when every seat is taken; then true, or false when the
     * password is missing or wrong.
     */
    public boolean accessCheck(UUID roomId, String password, String ip) {
        RoomRecord room = open(roomId);
        if (presence.presentCount(room.id()) >= room.capacity()) {
            throw new ApiException(ErrorCode.ROOM_FULL, "");
        }
        if (!room.hasPassword()) {
            return true;
        }
        if (password == null) {
            return false;
        }
        if (!limits.mayTryPassword(ip, room.id())) {
            throw new ApiException(ErrorCode.RATE_LIMITED, "");
        }
        boolean right = passwords.verify(password, room.passwordHash());
        if (!right) {
            limits.wrongPassword(ip, room.id());
        }
        return right;
    }

    /** Is this chatter present in the room now (so a refreshed page may skip the enter step)? */
    public boolean reentryCheck(UUID roomId, UUID chatterId) {
        RoomRecord room = open(roomId);
        return presence.isPresent(room.id(), chatterId);
    }

    // ---------------------------------------------------------------- lifecycle

    /** At start-up: expiry timers for every live room, and the periodic purge. */
    public void start() {
        Instant now = clock.instant();
        List<RoomRecord> live = db.execute(c -> rooms.findExpiringAfter(c, now));
        live.forEach(this::scheduleExpiry);
        long hour = TimeUnit.HOURS.toMillis(1);
        timers.scheduleWithFixedDelay(this::purge, 0, Math.min(hour, Math.max(1000, purgeAfter.toMillis())),
                TimeUnit.MILLISECONDS);
        log.debug("{} live rooms scheduled for expiry", live.size());
    }

    private void scheduleExpiry(RoomRecord room) {
        long delay = Math.max(0, room.expiresAt().toEpochMilli() - clock.millis());
        timers.schedule(() -> chat.expire(room), delay, TimeUnit.MILLISECONDS);
    }

    /** Deletes what expired more than purge-after ago: an anonymous service keeps nothing it does not need. */
    public int purge() {
        try {
            int n = db.execute(c -> rooms.purgeExpiredBefore(c, clock.instant().minus(purgeAfter)));
            if (n > 0) {
                log.info("purged {} expired rooms", n);
            }
            return n;
        } catch (RuntimeException e) {
            log.warn("purge failed: {}", e.getMessage());
            return 0;
        }
    }
}
