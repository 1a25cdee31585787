package io.colachat.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link ChatterRepository}: create, find, presence queries and revocation. */
abstract class ChatterRepositoryContract extends StoreTestBase {

    @Test
    void createThenFindByIdRoundTripsEveryField() {
        RoomRecord room = newRoom();
        ChatterRecord chatter = ChatterRecord.newChatter(UUID.randomUUID(), room.id(), "Brave Otter",
                sha256Hex("token"), NOW);

        await(chatters.create(chatter));

        ChatterRecord found = await(chatters.findById(chatter.id())).orElseThrow();
        assertThat(found).isEqualTo(chatter);
        assertThat(found.tokenHash()).hasSize(64).isEqualTo(sha256Hex("token"));
        assertThat(found.present()).isFalse();
        assertThat(found.revoked()).isFalse();
        assertThat(found.firstJoinMessageId()).isNull();
    }

    @Test
    void findByTokenHashFindsTheChatterOfThatRoomOnly() {
        RoomRecord room = newRoom();
        ChatterRecord chatter = newChatter(room, "Brave Otter");

        assertThat(await(chatters.findByTokenHash(room.id(), chatter.tokenHash()))).contains(chatter);
        assertThat(await(chatters.findByTokenHash(newRoom().id(), chatter.tokenHash()))).isEmpty();
        assertThat(await(chatters.findByTokenHash(room.id(), sha256Hex("guess")))).isEmpty();
    }

    @Test
    void findByIdOfUnknownChatterIsEmpty() {
        assertThat(await(chatters.findById(UUID.randomUUID()))).isEmpty();
    }

    @Test
    void createInAnUnknownRoomFailsWithStoreException() {
        ChatterRecord orphan = ChatterRecord.newChatter(UUID.randomUUID(), UUID.randomUUID(), "Lost Lamb",
                sha256Hex("t"), NOW);

        assertThatThrownBy(() -> await(chatters.create(orphan)))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.FAILED));
        assertThat(await(chatters.findById(orphan.id()))).isEmpty();
    }

    @Test
    void presenceQueriesSeeOnlyPresentChatters() {
        RoomRecord room = newRoom();
        RoomRecord otherRoom = newRoom();
        ChatterRecord first = joinedChatter(room, "Brave Otter");
        ChatterRecord second = joinedChatter(room, "Calm Heron");
        ChatterRecord absent = newChatter(room, "Quiet Mole");
        ChatterRecord left = joinedChatter(room, "Gone Fox");
        await(messages.appendLeave(room.id(), left.id(), "Gone Fox", "Gone Fox left.", NOW));
        ChatterRecord elsewhere = joinedChatter(otherRoom, "Brave Otter");

        assertThat(await(chatters.findPresentInRoom(room.id()))).extracting(ChatterRecord::id)
                .containsExactlyInAnyOrder(first.id(), second.id());
        assertThat(await(chatters.countPresentInRoom(room.id()))).isEqualTo(2);
        assertThat(await(chatters.nicknamesPresentInRoom(room.id()))).containsExactlyInAnyOrder("Brave Otter",
                "Calm Heron");
        assertThat(await(chatters.findPresent())).extracting(ChatterRecord::id)
                .containsExactlyInAnyOrder(first.id(), second.id(), elsewhere.id())
                .doesNotContain(absent.id(), left.id());
        assertThat(await(chatters.countPresentInRoom(UUID.randomUUID()))).isZero();
    }

    @Test
    void revokeMarksTheChatterRevokedWithoutTouchingPresence() {
        RoomRecord room = newRoom();
        ChatterRecord chatter = joinedChatter(room, "Brave Otter");

        assertThat(await(chatters.revoke(chatter.id()))).isTrue();

        ChatterRecord found = reload(chatter);
        assertThat(found.revoked()).isTrue();
        assertThat(found.present()).isTrue();
        assertThat(await(chatters.revoke(UUID.randomUUID()))).isFalse();
    }
}
