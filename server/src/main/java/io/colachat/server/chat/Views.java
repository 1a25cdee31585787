package io.colachat.server.chat;

import io.colachat.server.store.MessageRecord;
import io.colachat.server.store.MessageType;
import io.colachat.server.store.RoomRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
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

    /** 0001-01-01 and 9999-12-31 as epoch days: the years {@link #time} writes itself (the formatter writes year-of-era). */
    private static final long MIN_DAY = LocalDate.of(1, 1, 1).toEpochDay();
    private static final long MAX_DAY = LocalDate.of(9999, 12, 31).toEpochDay();

    private Views() {
    }

    /**
     * {@code t} as the contract's timestamp, {@code 2026-11-24T10:00:00.000Z}. Every message and
     * chatter view formats one; written out by hand, it allocates the string and nothing else
     * ({@link DateTimeFormatter} allocated several objects per call: 5 % of the server's allocation
     * while 2,000 rooms chat). Years outside 1–9999 take the formatter.
     */
    public static String time(Instant t) {
        if (t == null) {
            return null;
        }
        long seconds = t.getEpochSecond();
        long days = Math.floorDiv(seconds, 86_400);
        if (days < MIN_DAY || days > MAX_DAY) {
            return ISO_MILLIS.format(t);
        }
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        LocalDate date = LocalDate.ofEpochDay(days);
        byte[] b = new byte[24];
        digits(b, 0, date.getYear(), 4);
        b[4] = '-';
        digits(b, 5, date.getMonthValue(), 2);
        b[7] = '-';
        digits(b, 8, date.getDayOfMonth(), 2);
        b[10] = 'T';
        digits(b, 11, secondOfDay / 3600, 2);
        b[13] = ':';
        digits(b, 14, secondOfDay / 60 % 60, 2);
        b[16] = ':';
        digits(b, 17, secondOfDay % 60, 2);
        b[19] = '.';
        digits(b, 20, t.getNano() / 1_000_000, 3);
        b[23] = 'Z';
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static void digits(byte[] b, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            b[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
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
