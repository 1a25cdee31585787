package io.colachat.engine.eio;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Engine.IO v4 packet and payload encoding.
 *
 * <p>A packet is its type digit followed by its data: {@code 4hello}. A binary message is a raw
 * websocket binary frame, or {@code b} + base64 inside text. A polling payload is records joined
 * by the record separator {@code 0x1e}, which cannot occur inside UTF-8 text, so payloads are
 * split on bytes without decoding them first.
 *
 * <p>Decoding never throws on client input: a malformed packet decodes to null (and a malformed
 * payload to {@link Payload#malformed()}), and the caller closes the session with
 * {@link EioCloseReason#PARSE_ERROR}. Buffers passed in are read, never released.
 */
public final class PacketCodec {

    /** Separates the records of a polling payload. */
    public static final byte RECORD_SEPARATOR = 0x1e;

    private PacketCodec() {
    }

    /**
     * A decoded polling payload: the packets before the first malformed record, and whether there
     * was one (the rest of the payload is then ignored).
     *
     * @param packets the packets in order, never null
     * @param malformed whether a record could not be decoded
     */
    public record Payload(List<EioPacket> packets, boolean malformed) {
    }

    /**
     * Decodes one packet from {@code length} bytes at {@code index} (a text frame, or one payload
     * record).
     *
     * @return the packet, or null when the bytes are empty, start with no packet type, or carry bad base64
     */
    public static EioPacket decode(ByteBuf buf, int index, int length) {
        if (length <= 0) {
            return null;
        }
        byte first = buf.getByte(index);
        if (first == 'b') {
            try {
                byte[] base64 = ByteBufUtil.getBytes(buf, index + 1, length - 1);
                // The official Java client wraps its base64 at 76 columns (Android's DEFAULT flags):
                // drop line breaks, then decode strictly, so other garbage is still refused.
                return EioPacket.binaryMessage(Base64.getDecoder().decode(withoutLineBreaks(base64)));
            } catch (IllegalArgumentException badBase64) {
                return null;
            }
        }
        PacketType type = PacketType.fromDigit(first);
        if (type == null) {
            return null;
        }
        String text = length == 1 ? "" : buf.toString(index + 1, length - 1, StandardCharsets.UTF_8);
        return EioPacket.of(type, text);
    }

    /** Decodes a websocket text frame's content; null when malformed. */
    public static EioPacket decodeText(ByteBuf content) {
        return decode(content, content.readerIndex(), content.readableBytes());
    }

    /** Decodes a polling POST body: records separated by {@link #RECORD_SEPARATOR}. */
    public static Payload decodePayload(ByteBuf body) {
        List<EioPacket> packets = new ArrayList<>(4);
        int start = body.readerIndex();
        int end = body.writerIndex();
        while (true) {
            int separator = body.indexOf(start, end, RECORD_SEPARATOR);
            int recordEnd = separator < 0 ? end : separator;
            EioPacket packet = decode(body, start, recordEnd - start);
            if (packet == null) {
                return new Payload(packets, true);
            }
            packets.add(packet);
            if (separator < 0) {
                return new Payload(packets, false);
            }
            start = separator + 1;
        }
    }

    /**
     * Encodes packets as one polling payload in a buffer from {@code alloc}; the caller owns the
     * returned buffer.
     */
    public static ByteBuf encodePayload(ByteBufAllocator alloc, List<EioMessage> packets) {
        byte[][] records = new byte[packets.size()][];
        int size = Math.max(0, records.length - 1);
        for (int i = 0; i < records.length; i++) {
            records[i] = packets.get(i).pollingRecord();
            size += records[i].length;
        }
        ByteBuf out = alloc.buffer(size);
        for (int i = 0; i < records.length; i++) {
            if (i > 0) {
                out.writeByte(RECORD_SEPARATOR);
            }
            out.writeBytes(records[i]);
        }
        return out;
    }

    private static byte[] withoutLineBreaks(byte[] in) {
        int n = 0;
        for (byte b : in) {
            if (b != '\n' && b != '\r') {
                n++;
            }
        }
        if (n == in.length) {
            return in;
        }
        byte[] out = new byte[n];
        int i = 0;
        for (byte b : in) {
            if (b != '\n' && b != '\r') {
                out[i++] = b;
            }
        }
        return out;
    }
}
