package io.colachat.engine.adapter.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.colachat.engine.adapter.BroadcastOptions;
import io.colachat.engine.eio.EioMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterMessageCodecUnitTests {

    private static final BroadcastOptions OPTS =
            new BroadcastOptions(Set.of("room-1", "ünï"), Set.of("sid-9"), true, false);

    @Test
    void shouldRoundTripABroadcastKeepingEveryFrameByteForByte() {
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        List<EioMessage> packet = List.of(EioMessage.text("451-/chat,[\"e\",\"😀\",{\"_placeholder\":true,\"num\":0}]"),
                EioMessage.binary(binary));
        var sut = new ClusterMessage.Broadcast("node-a", "/chat", OPTS, packet);

        var back = (ClusterMessage.Broadcast) roundTrip(sut);

        assertThat(back.nodeId()).isEqualTo("node-a");
        assertThat(back.namespace()).isEqualTo("/chat");
        assertThat(back.opts()).isEqualTo(OPTS);
        assertThat(back.packet()).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(back.packet().get(i).isBinary()).isEqualTo(packet.get(i).isBinary());
            assertThat(back.packet().get(i).frameBytes()).containsExactly(packet.get(i).frameBytes());
        }
    }

    @Test
    void shouldNeverPublishTheLocalFlag() {
        var local = new BroadcastOptions(Set.of("r"), Set.of(), false, true);
        var back = (ClusterMessage.Broadcast) roundTrip(
                new ClusterMessage.Broadcast("n", "/", local, List.of(EioMessage.text("2"))));
        assertThat(back.opts().local()).isFalse();
    }

    @Test
    void shouldRoundTripEveryOtherType() {
        List<ClusterMessage> all = List.of(
                new ClusterMessage.Signal(MessageType.INITIAL_HEARTBEAT, "n", "/"),
                new ClusterMessage.Signal(MessageType.HEARTBEAT, "n", "/"),
                new ClusterMessage.Signal(MessageType.ADAPTER_CLOSE, "n", "/"),
                new ClusterMessage.RoomChange(MessageType.SOCKETS_JOIN, "n", "/", OPTS, Set.of("a", "b")),
                new ClusterMessage.RoomChange(MessageType.SOCKETS_LEAVE, "n", "/", BroadcastOptions.ALL, Set.of()),
                new ClusterMessage.Disconnect("n", "/x", OPTS, true),
                new ClusterMessage.Disconnect("n", "/x", OPTS, false),
                new ClusterMessage.Request(MessageType.FETCH_SOCKETS, "n", "/", Long.MAX_VALUE, OPTS),
                new ClusterMessage.Request(MessageType.COUNT_SOCKETS, "n", "/", 0, BroadcastOptions.ALL),
                new ClusterMessage.SocketsResponse("n", "/", "asker", 7,
                        List.of(new ClusterSocket("s1", "n", Set.of("s1", "r")), new ClusterSocket("s2", "n", Set.of("s2")))),
                new ClusterMessage.CountResponse("n", "/", "asker", 8, 123_456_789_012L));
        for (ClusterMessage m : all) {
            assertThat(roundTrip(m)).as(m.type().name()).isEqualTo(m);
        }
    }

    @Test
    void shouldRejectEveryTruncation() {
        byte[] whole = ClusterMessageCodec.encode(new ClusterMessage.Broadcast("node", "/", OPTS,
                List.of(EioMessage.text("2[\"x\"]"), EioMessage.binary(new byte[] {1, 2, 3}))));
        for (int len = 0; len < whole.length; len++) {
            byte[] cut = Arrays.copyOf(whole, len);
            assertThatThrownBy(() -> ClusterMessageCodec.decode(cut)).as("length %d", len)
                    .isInstanceOf(MalformedClusterMessageException.class);
        }
    }

    @Test
    void shouldRejectWhatItDoesNotUnderstand() {
        byte[] heartbeat = ClusterMessageCodec.encode(new ClusterMessage.Signal(MessageType.HEARTBEAT, "n", "/"));

        byte[] future = heartbeat.clone();
        future[0] = 2;
        assertRejected(future, "unsupported version 2");

        byte[] unknownType = heartbeat.clone();
        unknownType[1] = 15;
        assertRejected(unknownType, "unknown message type 15");

        assertRejected(Arrays.copyOf(heartbeat, heartbeat.length + 1), "1 trailing bytes");

        // A length that claims more than the message holds is refused before allocating anything.
        assertRejected(new byte[] {1, 2, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F}, "exceeds");

        assertRejected(new byte[] {1, 2, 2, (byte) 0xC3, 0x28, 1, '/'}, "invalid UTF-8");
    }

    @Test
    void shouldRejectATextFrameWithoutTheMessagePrefix() {
        byte[] ok = ClusterMessageCodec.encode(new ClusterMessage.Broadcast("n", "/", BroadcastOptions.ALL,
                List.of(EioMessage.text("2"))));
        byte[] bad = ok.clone();
        bad[bad.length - 2] = '3';
        assertRejected(bad, "must start with '4'");
    }

    private static ClusterMessage roundTrip(ClusterMessage m) {
        return ClusterMessageCodec.decode(ClusterMessageCodec.encode(m));
    }

    private static void assertRejected(byte[] bytes, String why) {
        assertThatThrownBy(() -> ClusterMessageCodec.decode(bytes))
                .isInstanceOf(MalformedClusterMessageException.class)
                .hasMessageContaining(why);
    }
}
