package io.colachat.engine.eio;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ready-made websocket frame of a message is exactly what a client's frame decoder reads back
 * as that message, at every length encoding RFC 6455 has (7, 16 and 64 bits).
 */
class EioMessageFrameTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 124, 125, 126, 127, 65_534, 65_535, 65_536, 200_000})
    void textFramesDecodeToTheMessage(int length) {
        String data = "x".repeat(length);
        EioMessage m = EioMessage.text(data);

        WebSocketFrame frame = decode(m.webSocketFrame());

        assertThat(frame).isInstanceOf(TextWebSocketFrame.class);
        assertThat(frame.isFinalFragment()).isTrue();
        assertThat(ByteBufUtil.getBytes(frame.content())).isEqualTo(m.frameBytes());
        assertThat(((TextWebSocketFrame) frame).text()).isEqualTo("4" + data);
        frame.release();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 125, 126, 65_535, 65_536})
    void binaryFramesDecodeToTheMessage(int length) {
        byte[] data = new byte[length];
        Arrays.fill(data, (byte) 0xAB);
        EioMessage m = EioMessage.binary(data);

        WebSocketFrame frame = decode(m.webSocketFrame());

        assertThat(frame).isInstanceOf(BinaryWebSocketFrame.class);
        assertThat(ByteBufUtil.getBytes(frame.content())).isEqualTo(data);
        frame.release();
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 200})
    void theFrameIsMadeOnceAndShared(int length) {
        EioMessage m = EioMessage.text("é".repeat(length));
        assertThat(m.webSocketFrame()).isSameAs(m.webSocketFrame());
        assertThat(new String(decodeContent(m), StandardCharsets.UTF_8)).isEqualTo("4" + "é".repeat(length));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 125, 126, 65_536})
    void aSharedFrameGivesEveryWriteItsOwnViewOfTheSameBytes(int length) {
        EioMessage m = EioMessage.text("y".repeat(length));
        m.shareForBroadcast();
        m.shareForBroadcast();

        ByteBuf first = m.webSocketFrameBuffer();
        ByteBuf second = m.webSocketFrameBuffer();
        assertThat(first.isDirect()).isTrue();
        assertThat(ByteBufUtil.getBytes(first)).isEqualTo(m.webSocketFrame());
        // A write consumes and releases its view; the next recipient's view is whole.
        first.skipBytes(first.readableBytes());
        first.release();
        assertThat(ByteBufUtil.getBytes(second)).isEqualTo(m.webSocketFrame());
        assertThat(ByteBufUtil.getBytes(m.webSocketFrameBuffer())).isEqualTo(m.webSocketFrame());
        WebSocketFrame frame = decode(ByteBufUtil.getBytes(m.webSocketFrameBuffer()));
        assertThat(ByteBufUtil.getBytes(frame.content())).isEqualTo(m.frameBytes());
        frame.release();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 300})
    void anUnsharedFrameIsAWrapperOfTheArray(int length) {
        EioMessage m = EioMessage.text("z".repeat(length));
        ByteBuf buf = m.webSocketFrameBuffer();
        assertThat(buf.isDirect()).isFalse();
        assertThat(ByteBufUtil.getBytes(buf)).isEqualTo(m.webSocketFrame());
        buf.release();
    }

    private static byte[] decodeContent(EioMessage m) {
        WebSocketFrame frame = decode(m.webSocketFrame());
        try {
            return ByteBufUtil.getBytes(frame.content());
        } finally {
            frame.release();
        }
    }

    /** Reads the bytes as a client would: unmasked server frames, no size limit to speak of. */
    private static WebSocketFrame decode(byte[] wire) {
        EmbeddedChannel client = new EmbeddedChannel(new WebSocket08FrameDecoder(WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(false).maxFramePayloadLength(1 << 20).build()));
        ByteBuf in = Unpooled.wrappedBuffer(wire);
        assertThat(client.writeInbound(in)).isTrue();
        WebSocketFrame frame = client.readInbound();
        assertThat((Object) client.readInbound()).as("exactly one frame").isNull();
        assertThat(client.finish()).isFalse();
        return frame;
    }
}
