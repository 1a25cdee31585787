package io.colachat.engine.eio;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.colachat.engine.eio.PacketCodec.Payload;
import io.colachat.engine.testing.FuzzBudget;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzzing of the Engine.IO codec: any bytes as a websocket text frame and as a
 * polling payload. In the normal build the seeds in {@code PacketCodecFuzzTestInputs} run as
 * regression tests; see docs/security.md to fuzz.
 *
 * <p>Properties: decoding never throws (a malformed packet is null, a malformed payload is marked
 * malformed); a payload has at most one packet per record; whatever decodes re-encodes to a payload
 * that decodes to the same packets; bounded time and allocation ({@link FuzzBudget}).
 */
class PacketCodecFuzzTest {

    @BeforeAll
    static void warmUp() {
        decodeAndCheck("4hello\u001ebAQID\u001e2probe");
    }

    @FuzzTest(maxDuration = "10s")
    void decodesAnyPacketOrPayload(byte[] input) {
        // 256 KiB covers class initialisation on a first input; base64 and UTF-8 decoding cost a
        // few bytes per input byte.
        FuzzBudget.check(input.length, 256 << 10, 32, () -> decodeAndCheck(input));
    }

    private static void decodeAndCheck(String text) {
        decodeAndCheck(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void decodeAndCheck(byte[] input) {
        ByteBuf buf = Unpooled.wrappedBuffer(input);
        EioPacket frame = PacketCodec.decodeText(buf);
        if (frame != null && frame.type() == null) {
            throw new AssertionError("a packet without a type");
        }
        Payload payload = PacketCodec.decodePayload(buf);
        int records = 1;
        for (byte b : input) {
            if (b == PacketCodec.RECORD_SEPARATOR) {
                records++;
            }
        }
        if (payload.packets().size() > records) {
            throw new AssertionError(payload.packets().size() + " packets from " + records + " records");
        }
        if (!payload.malformed() && payload.packets().size() != records) {
            throw new AssertionError("a well-formed payload lost records");
        }
        if (buf.readerIndex() != 0) {
            throw new AssertionError("decoding moved the reader index: buffers are read, never consumed");
        }
        if (!payload.malformed()) {
            roundTrip(payload.packets());
        }
    }

    /** The messages among the packets, re-encoded as a payload, decode to the same messages. */
    private static void roundTrip(List<EioPacket> packets) {
        List<EioMessage> messages = new ArrayList<>();
        List<EioPacket> expected = new ArrayList<>();
        for (EioPacket p : packets) {
            if (p.isBinary()) {
                messages.add(EioMessage.binary(p.binary()));
                expected.add(p);
            } else if (p.type() == PacketType.MESSAGE) {
                messages.add(EioMessage.text(p.text()));
                expected.add(p);
            }
        }
        if (messages.isEmpty()) {
            return;
        }
        ByteBuf encoded = PacketCodec.encodePayload(UnpooledByteBufAllocator.DEFAULT, messages);
        try {
            Payload again = PacketCodec.decodePayload(encoded);
            if (again.malformed() || again.packets().size() != expected.size()) {
                throw new AssertionError("re-encoded payload does not decode: " + again);
            }
            for (int i = 0; i < expected.size(); i++) {
                EioPacket a = expected.get(i);
                EioPacket b = again.packets().get(i);
                boolean same = a.isBinary() ? Arrays.equals(a.binary(), b.binary())
                        : a.type() == b.type() && a.text().equals(b.text());
                if (!same) {
                    throw new AssertionError("round trip changed " + a + " into " + b);
                }
            }
        } finally {
            encoded.release();
        }
    }
}
