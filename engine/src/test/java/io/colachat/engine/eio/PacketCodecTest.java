package io.colachat.engine.eio;

import static org.assertj.core.api.Assertions.assertThat;

import io.colachat.engine.eio.PacketCodec.Payload;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PacketCodecTest {

    private static ByteBuf utf8(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    @Test
    void decodesTheTypeDigitAndTheTextAfterIt() {
        assertThat(PacketCodec.decodeText(utf8("4héllo"))).isEqualTo(EioPacket.of(PacketType.MESSAGE, "héllo"));
        assertThat(PacketCodec.decodeText(utf8("2probe"))).isEqualTo(EioPacket.of(PacketType.PING, "probe"));
        assertThat(PacketCodec.decodeText(utf8("3"))).isEqualTo(EioPacket.of(PacketType.PONG, ""));
        assertThat(PacketCodec.decodeText(utf8("1")).type()).isEqualTo(PacketType.CLOSE);
        assertThat(PacketCodec.decodeText(utf8("5")).type()).isEqualTo(PacketType.UPGRADE);
        assertThat(PacketCodec.decodeText(utf8("4")).text()).isEmpty();
    }

    @Test
    void decodesBase64RecordsAsBinaryMessages() {
        EioPacket packet = PacketCodec.decodeText(utf8("bAQIDBA=="));
        assertThat(packet.type()).isEqualTo(PacketType.MESSAGE);
        assertThat(packet.binary()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void acceptsBase64WrappedInLines() {
        assertThat(PacketCodec.decodeText(utf8("bAQID\nBA==\r\n")).binary()).containsExactly(1, 2, 3, 4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "7", "9x", "b!!not-base64", "\u001e"})
    void rejectsMalformedPackets(String packet) {
        assertThat(PacketCodec.decodeText(utf8(packet))).isNull();
    }

    @Test
    void splitsAPayloadOnTheRecordSeparatorInOrder() {
        Payload payload = PacketCodec.decodePayload(utf8("4test1\u001e4test2\u001ebAQIDBA==\u001e3"));
        assertThat(payload.malformed()).isFalse();
        assertThat(payload.packets()).extracting(EioPacket::type)
                .containsExactly(PacketType.MESSAGE, PacketType.MESSAGE, PacketType.MESSAGE, PacketType.PONG);
        assertThat(payload.packets().get(1).text()).isEqualTo("test2");
        assertThat(payload.packets().get(2).binary()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void keepsThePacketsBeforeTheFirstMalformedRecord() {
        Payload payload = PacketCodec.decodePayload(utf8("4ok\u001exyz\u001e4never"));
        assertThat(payload.malformed()).isTrue();
        assertThat(payload.packets()).containsExactly(EioPacket.of(PacketType.MESSAGE, "ok"));
    }

    @Test
    void anEmptyBodyOrAnEmptyRecordIsMalformed() {
        assertThat(PacketCodec.decodePayload(utf8("")).malformed()).isTrue();
        assertThat(PacketCodec.decodePayload(utf8("4a\u001e")).malformed()).isTrue();
    }

    @Test
    void encodesAPayloadWithBinaryAsBase64Records() {
        ByteBuf out = PacketCodec.encodePayload(ByteBufAllocator.DEFAULT,
                List.of(EioMessage.text("hello"), EioMessage.binary(new byte[] {1, 2, 3, 4}), EioSession.PING));
        try {
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("4hello\u001ebAQIDBA==\u001e2");
        } finally {
            out.release();
        }
    }

    @Test
    void sessionIdsAreTwentyCharactersOfBase64UrlAndDistinct() {
        String a = SessionIds.next();
        String b = SessionIds.next();
        assertThat(a).hasSize(20).matches("[A-Za-z0-9_-]{20}");
        assertThat(a).isNotEqualTo(b);
    }
}
