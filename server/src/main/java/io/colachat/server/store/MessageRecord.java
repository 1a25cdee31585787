package io.colachat.server.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * One row of {@code messages}: a chatter's message or a server alert, with its per-room id.
 *
 * @param id                    positive; strictly increasing and contiguous within a room
 * @param roomId                never null
 * @param type                  never null
 * @param content               never null
 * @param sentAt                never null, milliseconds, UTC
 * @param chatterId             the author or the alert's subject, may be null
 * @param chatterNickname       the author's nickname when it was sent, may be null
 * @param alertKind             non-null exactly for alerts
 * @param alertNickname         the alert's subject nickname, may be null
 * @param alertPreviousNickname the nickname before a RENAME, otherwise null
 */
public record MessageRecord(long id, UUID roomId, MessageType type, String content, Instant sentAt,
                            UUID chatterId, String chatterNickname, AlertKind alertKind, String alertNickname,
                            String alertPreviousNickname) {

    public MessageRecord {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(content, "content");
        sentAt = Objects.requireNonNull(sentAt, "sentAt").truncatedTo(ChronoUnit.MILLIS);
        if (id <= 0) {
            throw new IllegalArgumentException("message ids start at 1: " + id);
        }
    }

    /** Whether this is a server alert. */
    public boolean isAlert() {
        return type == MessageType.ALERT;
    }
}
