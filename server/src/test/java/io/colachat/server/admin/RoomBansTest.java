package io.colachat.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RoomBansTest {

    private final RoomBans sut = new RoomBans();
    private final UUID room = UUID.randomUUID();
    private final UUID chatter = UUID.randomUUID();

    @Test
    void aBannedChatterIdOrAddressCannotJoinThatRoom() {
        sut.ban(room, chatter, List.of("203.0.113.7"));
        assertThat(sut.isBanned(room, chatter, "198.51.100.1")).isTrue();
        assertThat(sut.isBanned(room, UUID.randomUUID(), "203.0.113.7")).isTrue();
        assertThat(sut.isBanned(room, null, "203.0.113.7")).isTrue();
        assertThat(sut.isBanned(room, UUID.randomUUID(), "198.51.100.1")).isFalse();
        assertThat(sut.isBanned(room, null, null)).isFalse();
    }

    @Test
    void otherRoomsAreNotAffected() {
        sut.ban(room, chatter, List.of("203.0.113.7"));
        UUID other = UUID.randomUUID();
        assertThat(sut.isBanned(other, chatter, "203.0.113.7")).isFalse();
    }

    @Test
    void loopbackAddressesAreNeverBanned() {
        sut.ban(room, chatter, List.of("127.0.0.1", "::1", "0:0:0:0:0:0:0:1"));
        assertThat(sut.isBanned(room, UUID.randomUUID(), "127.0.0.1")).isFalse();
        assertThat(sut.isBanned(room, UUID.randomUUID(), "0:0:0:0:0:0:0:1")).isFalse();
        assertThat(sut.isBanned(room, chatter, "127.0.0.1")).isTrue();
    }

    @Test
    void bansGoWithTheRoom() {
        sut.ban(room, chatter, List.of("203.0.113.7"));
        sut.forget(room);
        assertThat(sut.isBanned(room, chatter, "203.0.113.7")).isFalse();
    }

    @Test
    void aRoomHoldsABoundedNumberOfBans() {
        for (int i = 0; i < RoomBans.MAX_PER_ROOM + 50; i++) {
            sut.ban(room, UUID.randomUUID(), List.of());
        }
        sut.ban(room, chatter, List.of());
        assertThat(sut.isBanned(room, chatter, null)).isFalse();
    }
}
