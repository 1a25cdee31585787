package io.colachat.server.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * One row of {@code chatters}. The token itself is never stored, only its hex SHA-256.
 *
 * @param id                 never null
 * @param roomId             never null
 * @param nickname           the current nickname, never null
 * @param tokenHash          lower-case hex SHA-256 of the token, never null
 * @param createdAt          never null, truncated to milliseconds
 * @param present            whether the chatter's last alert was a JOIN
 * @param revoked            whether the chatter left explicitly, which voids its token
 * @param firstJoinMessageId the id of its first JOIN alert, or null before the first join;
 *                           the history the chatter may read starts there
 */
public record ChatterRecord(UUID id, UUID roomId, String nickname, String tokenHash, Instant createdAt,
                            boolean present, boolean revoked, Long firstJoinMessageId) {

    public ChatterRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(nickname, "nickname");
        Objects.requireNonNull(tokenHash, "tokenHash");
        createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * A chatter as created: not present, not revoked, never joined.
     *
     * @return never null; no argument may be null
     */
    public static ChatterRecord newChatter(UUID id, UUID roomId, String nickname, String tokenHash,
                                           Instant createdAt) {
        return new ChatterRecord(id, roomId, nickname, tokenHash, createdAt, false, false, null);
    }
}
