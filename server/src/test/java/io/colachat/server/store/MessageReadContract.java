package io.colachat.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reading history: pages, cursors and resume, each confined to what the reader may see.
 * The room holds 50 messages: #1 is early's JOIN, #26 is late's JOIN.
 */
abstract class MessageReadContract extends StoreTestBase {

    RoomRecord room;
    ChatterRecord early;
    ChatterRecord late;
    ChatterRecord neverJoined;

    @BeforeEach
    void fillTheRoom() {
        room = newRoom();
        early = joinedChatter(room, "Brave Otter");
        appendMessages(room, early, 24);
        late = joinedChatter(room, "Calm Heron");
        appendMessages(room, late, 24);
        neverJoined = newChatter(room, "Quiet Mole");
        RoomRecord noise = newRoom();
        appendMessages(noise, joinedChatter(noise, "Elsewhere"), 60);
        assertThat(lastStoredId(room)).isEqualTo(50);
        assertThat(late.firstJoinMessageId()).isEqualTo(26L);
    }

    @Test
    void pageOneHoldsTheNewestMessagesAscending() {
        assertThat(ids(await(messages.page(room.id(), early.firstJoinMessageId(), 1, 20)))).isEqualTo(range(31, 50));
        assertThat(ids(await(messages.page(room.id(), early.firstJoinMessageId(), 2, 20)))).isEqualTo(range(11, 30));
        assertThat(ids(await(messages.page(room.id(), early.firstJoinMessageId(), 3, 20)))).isEqualTo(range(1, 10));
        assertThat(await(messages.page(room.id(), early.firstJoinMessageId(), 4, 20))).isEmpty();
    }

    @Test
    void pagesStartAtTheReadersFirstJoin() {
        assertThat(ids(await(messages.page(room.id(), late.firstJoinMessageId(), 1, 20)))).isEqualTo(range(31, 50));
        assertThat(ids(await(messages.page(room.id(), late.firstJoinMessageId(), 2, 20)))).isEqualTo(range(26, 30));
        assertThat(await(messages.page(room.id(), late.firstJoinMessageId(), 3, 20))).isEmpty();
        MessageRecord firstVisible = await(messages.page(room.id(), late.firstJoinMessageId(), 2, 20)).get(0);
        assertThat(firstVisible.alertKind()).isEqualTo(AlertKind.JOIN);
        assertThat(firstVisible.chatterId()).isEqualTo(late.id());
    }

    @Test
    void readsWithoutAFirstJoinReturnNothing() {
        assertThat(neverJoined.firstJoinMessageId()).isNull();

        assertThat(await(messages.page(room.id(), neverJoined.firstJoinMessageId(), 1, 20))).isEmpty();
        assertThat(await(messages.after(room.id(), neverJoined.firstJoinMessageId(), 0, 100))).isEmpty();
        assertThat(await(messages.newestAfter(room.id(), neverJoined.firstJoinMessageId(), 0, 500))).isEmpty();
    }

    @Test
    void afterReturnsAscendingFromTheCursorUpToTheLimit() {
        assertThat(ids(await(messages.after(room.id(), early.firstJoinMessageId(), 10, 5)))).isEqualTo(range(11, 15));
        assertThat(ids(await(messages.after(room.id(), late.firstJoinMessageId(), 0, 100)))).isEqualTo(range(26, 50));
        assertThat(ids(await(messages.after(room.id(), late.firstJoinMessageId(), 40, 100)))).isEqualTo(range(41, 50));
        assertThat(await(messages.after(room.id(), early.firstJoinMessageId(), 50, 10))).isEmpty();
    }

    @Test
    void newestAfterReturnsTheNewestMessagesAscending() {
        assertThat(ids(await(messages.newestAfter(room.id(), early.firstJoinMessageId(), 10, 5))))
                .isEqualTo(range(46, 50));
        assertThat(ids(await(messages.newestAfter(room.id(), early.firstJoinMessageId(), 45, 500))))
                .isEqualTo(range(46, 50));
        assertThat(ids(await(messages.newestAfter(room.id(), late.firstJoinMessageId(), 0, 500))))
                .isEqualTo(range(26, 50));
        assertThat(ids(await(messages.newestAfter(room.id(), early.firstJoinMessageId(), 0, 500))))
                .isEqualTo(range(1, 50));
        assertThat(await(messages.newestAfter(room.id(), early.firstJoinMessageId(), 50, 500))).isEmpty();
    }

    @Test
    void readsAreConfinedToTheirRoom() {
        List<MessageRecord> all = await(messages.after(room.id(), 1L, 0, 1000));

        assertThat(all).hasSize(50).allSatisfy(m -> assertThat(m.roomId()).isEqualTo(room.id()));
    }

    @Test
    void invalidPagingArgumentsAreRefused() {
        assertThatThrownBy(() -> await(messages.page(room.id(), 1L, 0, 20))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> await(messages.after(room.id(), 1L, 0, 0))).isInstanceOf(IllegalArgumentException.class);
    }

    static List<Long> ids(List<MessageRecord> records) {
        return records.stream().map(MessageRecord::id).toList();
    }

    static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }
}
