package io.colachat.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link RoomRepository}: create, find, list, expiry and purge. */
abstract class RoomRepositoryContract extends StoreTestBase {

    @Test
    void createThenFindByIdRoundTripsEveryFieldWithMillisecondTimestamps() {
        RoomRecord room = new RoomRecord(UUID.randomUUID(), "Friday plans", "team_7", 12, "$2a$10$hash",
                NOW, NOW.plus(Duration.ofHours(24)).plusNanos(999));

        RoomRecord created = await(rooms.create(room));
        RoomRecord found = await(rooms.findById(room.id())).orElseThrow();

        assertThat(found).isEqualTo(created).isEqualTo(room);
        assertThat(found.createdAt()).isEqualTo(millis(NOW)).isEqualTo(Instant.parse("2026-11-24T10:00:00.123Z"));
        assertThat(found.hasPassword()).isTrue();
    }

    @Test
    void roomWithoutPasswordStoresNull() {
        RoomRecord room = newRoom();

        assertThat(reload(room).passwordHash()).isNull();
        assertThat(reload(room).hasPassword()).isFalse();
    }

    @Test
    void findByIdOfUnknownRoomIsEmpty() {
        assertThat(await(rooms.findById(UUID.randomUUID()))).isEmpty();
    }

    @Test
    void createWithAnExistingIdFailsWithStoreException() {
        RoomRecord room = newRoom();

        assertThatThrownBy(() -> await(rooms.create(room)))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.FAILED));
    }

    @Test
    void listOpenReturnsOpenRoomsNewestFirstUpToTheLimit() {
        Instant day = NOW.plus(Duration.ofDays(1));
        RoomRecord oldest = newRoom(NOW.minusSeconds(50), day);
        RoomRecord older = newRoom(NOW.minusSeconds(40), day);
        RoomRecord expired = newRoom(NOW.minusSeconds(30), NOW.minusSeconds(1));
        RoomRecord expiringNow = newRoom(NOW.minusSeconds(25), NOW);
        RoomRecord newer = newRoom(NOW.minusSeconds(20), day);
        RoomRecord newest = newRoom(NOW.minusSeconds(10), day);

        assertThat(await(rooms.listOpen(NOW, 100))).extracting(RoomRecord::id)
                .containsExactly(newest.id(), newer.id(), older.id(), oldest.id())
                .doesNotContain(expired.id(), expiringNow.id());
        assertThat(await(rooms.listOpen(NOW, 3))).extracting(RoomRecord::id)
                .containsExactly(newest.id(), newer.id(), older.id());
        assertThat(await(rooms.listOpen(day, 100))).isEmpty();
    }

    @Test
    void findExpiringAfterReturnsLiveRoomsSoonestFirst() {
        RoomRecord late = newRoom(NOW, NOW.plusSeconds(300));
        RoomRecord soon = newRoom(NOW, NOW.plusSeconds(5));
        newRoom(NOW.minusSeconds(100), NOW.minusSeconds(5));

        List<RoomRecord> live = await(rooms.findExpiringAfter(NOW));

        assertThat(live).extracting(RoomRecord::id).containsExactly(soon.id(), late.id());
    }

    @Test
    void purgeDeletesOnlyRoomsExpiredBeforeTheCutoffWithTheirChattersAndMessages() {
        Instant cutoff = NOW.minus(Duration.ofHours(1));
        RoomRecord gone = newRoom(NOW.minus(Duration.ofDays(1)), cutoff.minusMillis(1));
        RoomRecord atCutoff = newRoom(NOW.minus(Duration.ofDays(1)), cutoff);
        RoomRecord recentlyExpired = newRoom(NOW.minus(Duration.ofDays(1)), NOW.minusSeconds(60));
        RoomRecord open = newRoom();
        for (RoomRecord room : List.of(gone, atCutoff, recentlyExpired, open)) {
            appendMessages(room, joinedChatter(room, "Brave Otter"), 3);
        }
        ChatterRecord goneChatter = await(chatters.findPresentInRoom(gone.id())).get(0);

        int purged = await(rooms.purgeExpiredBefore(cutoff));

        assertThat(purged).isEqualTo(1);
        assertThat(await(rooms.findById(gone.id()))).isEmpty();
        assertThat(await(chatters.findById(goneChatter.id()))).isEmpty();
        assertThat(countMessages(gone.id())).isZero();
        for (RoomRecord kept : List.of(atCutoff, recentlyExpired, open)) {
            assertThat(await(rooms.findById(kept.id()))).isPresent();
            assertThat(await(chatters.countPresentInRoom(kept.id()))).isEqualTo(1);
            assertThat(countMessages(kept.id())).isEqualTo(4);
        }
        assertThat(await(rooms.purgeExpiredBefore(cutoff))).isZero();
    }
}
