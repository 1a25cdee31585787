package io.colachat.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.colachat.server.api.ApiException;
import io.colachat.server.api.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** JOIN, LEAVE and RENAME: presence flips and their alerts, atomically. */
abstract class PresenceAlertContract extends StoreTestBase {

    @Test
    void appendJoinMarksPresentStoresTheJoinAndSetsTheFirstJoin() {
        RoomRecord room = newRoom();
        ChatterRecord chatter = newChatter(room, "Brave Otter");

        MessageRecord join = await(messages.appendJoin(room.id(), chatter.id(), "Brave Otter", "Brave Otter joined.",
                NOW)).orElseThrow();

        assertThat(join).isEqualTo(new MessageRecord(1, room.id(), MessageType.ALERT, "Brave Otter joined.",
                millis(NOW), chatter.id(), "Brave Otter", AlertKind.JOIN, "Brave Otter", null));
        ChatterRecord after = reload(chatter);
        assertThat(after.present()).isTrue();
        assertThat(after.firstJoinMessageId()).isEqualTo(1L);
    }

    @Test
    void secondAppendJoinReturnsEmptyAndWritesNothing() {
        RoomRecord room = newRoom();
        ChatterRecord chatter = joinedChatter(room, "Brave Otter");

        assertThat(await(messages.appendJoin(room.id(), chatter.id(), "Brave Otter", "again", NOW))).isEmpty();

        assertThat(lastStoredId(room)).isEqualTo(1);
        assertThat(countMessages(room.id())).isEqualTo(1);
    }

    @Test
    void appendLeaveWithoutJoinReturnsEmpty() {
        RoomRecord room = newRoom();
        ChatterRecord chatter = newChatter(room, "Brave Otter");

        assertThat(await(messages.appendLeave(room.id(), chatter.id(), "Brave Otter", "left", NOW))).isEmpty();
        assertThat(await(messages.appendLeave(room.id(), UUID.randomUUID(), "Nobody", "left", NOW))).isEmpty();
        assertThat(lastStoredId(room)).isZero();
    }

    @Test
    void joinLeaveJoinAlternatesAndKeepsTheFirstJoinId() {
        RoomRecord room = newRoom();
        ChatterRecord chatter = joinedChatter(room, "Brave Otter");
        appendMessages(room, chatter, 2);

        MessageRecord leave = await(messages.appendLeave(room.id(), chatter.id(), "Brave Otter", "Brave Otter left.",
                NOW)).orElseThrow();
        assertThat(await(messages.appendLeave(room.id(), chatter.id(), "Brave Otter", "x", NOW))).isEmpty();
        MessageRecord rejoin = await(messages.appendJoin(room.id(), chatter.id(), "Brave Otter", "back", NOW))
                .orElseThrow();

        assertThat(leave.id()).isEqualTo(4);
        assertThat(leave.alertKind()).isEqualTo(AlertKind.LEAVE);
        assertThat(rejoin.id()).isEqualTo(5);
        ChatterRecord after = reload(chatter);
        assertThat(after.present()).isTrue();
        assertThat(after.firstJoinMessageId()).isEqualTo(1L);
    }

    @Test
    void revokingLeaveVoidsTheTokenSoTheChatterCannotJoinAgain() {
        RoomRecord room = newRoom();
        ChatterRecord chatter = joinedChatter(room, "Brave Otter");

        assertThat(await(messages.appendLeave(room.id(), chatter.id(), "Brave Otter", "left", NOW, true))).isPresent();

        ChatterRecord after = reload(chatter);
        assertThat(after.present()).isFalse();
        assertThat(after.revoked()).isTrue();
        assertThatThrownBy(() -> await(messages.appendJoin(room.id(), chatter.id(), "Brave Otter", "back", NOW)))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TOKEN));
        assertThat(lastStoredId(room)).isEqualTo(2);
    }

    @Test
    void revokingLeaveOfAnAbsentChatterStillRevokesWithoutAnAlert() {
        RoomRecord room = newRoom();
        ChatterRecord chatter = newChatter(room, "Brave Otter");

        assertThat(await(messages.appendLeave(room.id(), chatter.id(), "Brave Otter", "left", NOW, true))).isEmpty();

        assertThat(reload(chatter).revoked()).isTrue();
        assertThat(countMessages(room.id())).isZero();
    }

    @Test
    void appendJoinOfAnUnknownChatterOrOneOfAnotherRoomFailsWithChatterNotFound() {
        RoomRecord room = newRoom();
        ChatterRecord stranger = newChatter(newRoom(), "Lost Lamb");

        for (UUID chatterId : List.of(UUID.randomUUID(), stranger.id())) {
            assertThatThrownBy(() -> await(messages.appendJoin(room.id(), chatterId, "Lost Lamb", "hi", NOW)))
                    .isInstanceOfSatisfying(ApiException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CHATTER_NOT_FOUND));
        }
        assertThat(reload(stranger).present()).isFalse();
    }

    @Test
    void concurrentAppendJoinOfOneChatterStoresExactlyOneJoin() throws Exception {
        RoomRecord room = newRoom();
        ChatterRecord chatter = newChatter(room, "Brave Otter");
        List<MessageRepository> writers = List.of(messages, new MessageRepository(target.openAnother()));

        List<Optional<MessageRecord>> outcomes = race(8, t -> () -> await(writers.get(t % 2)
                .appendJoin(room.id(), chatter.id(), "Brave Otter", "Brave Otter joined.", NOW)));

        assertThat(outcomes.stream().filter(Optional::isPresent).count()).isEqualTo(1);
        assertThat(countMessages(room.id())).isEqualTo(1);
        assertThat(reload(chatter).firstJoinMessageId()).isEqualTo(1L);
    }

    @Test
    void concurrentJoinsAndLeavesOfOneChatterAlwaysAlternate() throws Exception {
        RoomRecord room = newRoom();
        ChatterRecord chatter = newChatter(room, "Brave Otter");
        List<MessageRepository> writers = List.of(messages, new MessageRepository(target.openAnother()));

        race(8, t -> () -> {
            for (int i = 0; i < 25; i++) {
                MessageRepository writer = writers.get(t % 2);
                if (ThreadLocalRandom.current().nextBoolean()) {
                    await(writer.appendJoin(room.id(), chatter.id(), "Brave Otter", "joined", NOW));
                } else {
                    await(writer.appendLeave(room.id(), chatter.id(), "Brave Otter", "left", NOW));
                }
            }
            return null;
        });

        List<MessageRecord> alerts = await(messages.after(room.id(), 1L, 0, 1000));
        assertThat(alerts).isNotEmpty();
        for (int i = 0; i < alerts.size(); i++) {
            assertThat(alerts.get(i).id()).isEqualTo(i + 1);
            assertThat(alerts.get(i).alertKind()).as("alert %d", i + 1)
                    .isEqualTo(i % 2 == 0 ? AlertKind.JOIN : AlertKind.LEAVE);
        }
        assertThat(reload(chatter).present()).isEqualTo(alerts.size() % 2 == 1);
    }

    @Test
    void appendJoinWithCapacityRefusesNewcomersToAFullRoom() {
        RoomRecord room = newRoom();
        ChatterRecord first = joinedChatter(room, "Brave Otter");
        joinedChatter(room, "Calm Heron");
        ChatterRecord third = newChatter(room, "Quiet Mole");

        assertThatThrownBy(() -> await(messages.appendJoin(room.id(), third.id(), "Quiet Mole", "joined", NOW, 2)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ROOM_FULL));
        assertThat(reload(third).present()).isFalse();
        assertThat(reload(third).firstJoinMessageId()).isNull();
        assertThat(lastStoredId(room)).isEqualTo(2);
        assertThat(await(messages.appendJoin(room.id(), first.id(), "Brave Otter", "refresh", NOW, 2)))
                .as("a present chatter resuming is not counted").isEmpty();
    }

    @Test
    void concurrentJoinsNeverExceedTheCapacity() throws Exception {
        RoomRecord room = newRoom();
        List<ChatterRecord> crowd = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            crowd.add(newChatter(room, "Chatter " + i));
        }
        List<MessageRepository> writers = List.of(messages, new MessageRepository(target.openAnother()));

        List<String> outcomes = race(crowd.size(), t -> () -> {
            try {
                await(writers.get(t % 2).appendJoin(room.id(), crowd.get(t).id(), "c", "joined", NOW, 3));
                return "joined";
            } catch (ApiException e) {
                return e.code().name();
            }
        });

        assertThat(outcomes).filteredOn("joined"::equals).hasSize(3);
        assertThat(outcomes).filteredOn(ErrorCode.ROOM_FULL.name()::equals).hasSize(7);
        assertThat(await(chatters.countPresentInRoom(room.id()))).isEqualTo(3);
        assertThat(lastStoredId(room)).isEqualTo(3);
    }

    @Test
    void renameChangesTheNicknameAndStoresTheAlert() {
        RoomRecord room = newRoom();
        ChatterRecord chatter = joinedChatter(room, "Brave Otter");

        MessageRecord alert = await(messages.rename(room.id(), chatter.id(), "Brave Otter", "Calm Heron",
                "Brave Otter is now Calm Heron.", NOW));

        assertThat(alert).isEqualTo(new MessageRecord(2, room.id(), MessageType.ALERT,
                "Brave Otter is now Calm Heron.", millis(NOW), chatter.id(), "Calm Heron", AlertKind.RENAME,
                "Calm Heron", "Brave Otter"));
        assertThat(reload(chatter).nickname()).isEqualTo("Calm Heron");
        assertThat(await(chatters.nicknamesPresentInRoom(room.id()))).containsExactly("Calm Heron");
    }

    @Test
    void renameOfAnUnknownChatterFailsAndWritesNothing() {
        RoomRecord room = newRoom();

        assertThatThrownBy(() -> await(messages.rename(room.id(), UUID.randomUUID(), "a", "b", "a is now b", NOW)))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CHATTER_NOT_FOUND));
        assertThat(lastStoredId(room)).isZero();
    }
}
