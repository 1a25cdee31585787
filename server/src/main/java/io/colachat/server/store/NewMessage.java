package io.colachat.server.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * A message to append: everything but the room and the id, which {@link MessageRepository}
 * assigns. Build it with {@link #message} or {@link #alert}.
 *
 * @param type                  never null
 * @param content               never null
 * @param sentAt                never null, truncated to milliseconds
 * @param chatterId             the author (or the alert's subject), may be null
 * @param chatterNickname       the author's nickname at the time, may be null
 * @param alertKind             non-null exactly for alerts
 * @param alertNickname         the alert's subject nickname, may be null
 * @param alertPreviousNickname the nickname before a RENAME, otherwise null
 */
public record NewMessage(MessageType type, String content, Instant sentAt, UUID chatterId,
                         String chatterNickname, AlertKind alertKind, String alertNickname,
                         String alertPreviousNickname) {

    public NewMessage {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(content, "content");
        sentAt = Objects.requireNonNull(sentAt, "sentAt").truncatedTo(ChronoUnit.MILLIS);
        if ((type == MessageType.ALERT) != (alertKind != null)) {
            throw new IllegalArgumentException("alertKind must be set exactly for alerts: " + type + "/" + alertKind);
        }
    }

    /**
     * A chatter's message.
     *
     * @param content         never null
     * @param sentAt          never null
     * @param chatterId       never null
     * @param chatterNickname never null
     * @return never null
     */
    public static NewMessage message(String content, Instant sentAt, UUID chatterId, String chatterNickname) {
        Objects.requireNonNull(chatterId, "chatterId");
        Objects.requireNonNull(chatterNickname, "chatterNickname");
        return new NewMessage(MessageType.MESSAGE, content, sentAt, chatterId, chatterNickname, null, null, null);
    }

    /**
     * A server alert about one chatter, e.g. {@code alert(JOIN, "Brave Otter joined.", now, id, "Brave Otter", null)}.
     *
     * @param kind             never null
     * @param content          the readable text, never null
     * @param sentAt           never null
     * @param chatterId        the subject, may be null
     * @param nickname         the subject's (new) nickname, also stored as the author nickname; may be null
     * @param previousNickname the nickname before a RENAME, otherwise null
     * @return never null
     */
    public static NewMessage alert(AlertKind kind, String content, Instant sentAt, UUID chatterId,
                                   String nickname, String previousNickname) {
        Objects.requireNonNull(kind, "kind");
        return new NewMessage(MessageType.ALERT, content, sentAt, chatterId, nickname, kind, nickname,
                previousNickname);
    }

    /**
     * This message as stored with an id.
     *
     * @param roomId never null
     * @param id     the assigned id, positive
     * @return never null
     */
    public MessageRecord withId(UUID roomId, long id) {
        return new MessageRecord(id, roomId, type, content, sentAt, chatterId, chatterNickname, alertKind,
                alertNickname, alertPreviousNickname);
    }
}
