package io.colachat.server.chat;

import io.colachat.server.store.MessageRecord;
import io.colachat.server.store.MessageType;
import io.colachat.server.store.RoomRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The contract's JSON objects (section 3), built from stored records. Field names and shapes
 * here are the wire contract: change nothing without changing the contract.
 */
public final class Views {

    /** ISO-8601 UTC with exactly three fraction digits, as the contract requires. */
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Views() {
    }

    public static String time(Instant t) {
        return t == null ? null : ISO_MILLIS.format(t);
    }

    /** A Room: never its password or hash. */
    public record Room(String id, String title, String namespace, int capacity, boolean isPassword,
            String createdAt, String expiresAt, boolean isExpired, int onlineCount) {
    }

    /** A Chatter's public view. */
    public record Chatter(String id, String nickname, String roomId, String createdAt, boolean isActive) {
    }

    /** A chatter's own view, with its token: only ever in its own joinRoom acknowledgement. */
    public record OwnChatter(String id, String nickname, String roomId, String createdAt, boolean isActive,
            String token) {
    }

    public static Room room(RoomRecord r, int onlineCount, Instant now) {
        return new Room(r.id().toString(), r.title(), r.namespace(), r.capacity(), r.passwordHash() != null,
                time(r.createdAt()), time(r.expiresAt()), !now.isBefore(r.expiresAt()), onlineCount);
    }

    public static Chatter chatter(UUID id, String nickname, UUID roomId, Instant createdAt, boolean present) {
        return new Chatter(id.toString(), nickname, roomId.toString(), time(createdAt), present);
    }

    public static OwnChatter own(Chatter c, String token) {
        return new OwnChatter(c.id(), c.nickname(), c.roomId(), c.createdAt(), c.isActive(), token);
    }

    /** A Message; ALERTs carry their structured {@code alert} object too. */
    public static Map<String, Object> message(MessageRecord m) {
        Map<String, Object> out = new LinkedHashMap<>(12);
        out.put("id", m.id());
        out.put("type", m.type().name());
        out.put("content", m.content());
        out.put("sentAt", time(m.sentAt()));
        out.put("roomId", m.roomId().toString());
        out.put("chatterId", m.chatterId() == null ? null : m.chatterId().toString());
        if (m.chatterId() != null) {
            Map<String, Object> chatter = new LinkedHashMap<>(2);
            chatter.put("id", m.chatterId().toString());
            chatter.put("nickname", m.chatterNickname());
            out.put("chatter", chatter);
        } else {
            out.put("chatter", null);
        }
        if (m.type() == MessageType.ALERT) {
            Map<String, Object> alert = new LinkedHashMap<>(3);
            alert.put("kind", m.alertKind().name());
            alert.put("nickname", m.alertNickname());
            if (m.alertPreviousNickname() != null) {
                alert.put("previousNickname", m.alertPreviousNickname());
            }
            out.put("alert", alert);
        }
        return out;
    }
}
