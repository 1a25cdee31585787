package io.colachat.engine.eio;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One Engine.IO MESSAGE packet, encoded once and shared read-only by every recipient of a
 * broadcast. Text messages keep their UTF-8 bytes with the {@code 4} type prefix, which is
 * exactly a websocket text frame's content and one record of a polling payload; binary
 * messages keep their raw bytes (a websocket binary frame) and encode {@code b} + base64 for
 * polling on demand.
 */
public final class EioMessage {

    private final boolean binary;
    private final byte[] bytes;
    /** The whole websocket frame, made on first use; a benign race may make it twice, equal. */
    private byte[] webSocketFrame;
    /** The frame in direct memory once {@link #shareForBroadcast()} ran; never written, never released. */
    private volatile ByteBuf sharedFrame;

    private EioMessage(boolean binary, byte[] bytes) {
        this.binary = binary;
        this.bytes = bytes;
    }

    /** A text message; {@code text} is the packet's data without the {@code 4} prefix. */
    public static EioMessage text(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] framed = new byte[utf8.length + 1];
        framed[0] = '4';
        System.arraycopy(utf8, 0, framed, 1, utf8.length);
        return new EioMessage(false, framed);
    }

    /**
     * A text message from UTF-8 bytes that already start with the {@code 4} prefix. The
     * array is kept, not copied: the caller must not change it afterwards.
     */
    public static EioMessage textFramed(byte[] framedUtf8) {
        if (framedUtf8.length == 0 || framedUtf8[0] != '4') {
            throw new IllegalArgumentException("a framed text message starts with '4'");
        }
        return new EioMessage(false, framedUtf8);
    }

    /** A binary message. The array is kept, not copied: the caller must not change it afterwards. */
    public static EioMessage binary(byte[] data) {
        return new EioMessage(true, data);
    }

    /**
     * Internal: a control packet (open, ping, pong, noop, close) as the session writes it, the
     * type digit followed by {@code data}. Package-private so that only the engine writes them;
     * transports carry them like any other text packet.
     */
    static EioMessage control(PacketType type, String data) {
        byte[] utf8 = data.getBytes(StandardCharsets.UTF_8);
        byte[] framed = new byte[utf8.length + 1];
        framed[0] = (byte) type.digit();
        System.arraycopy(utf8, 0, framed, 1, utf8.length);
        return new EioMessage(false, framed);
    }

    public boolean isBinary() {
        return binary;
    }

    /**
     * The websocket frame content: for text, {@code 4} + UTF-8 data; for binary, the raw
     * bytes. Shared: callers must not modify it.
     */
    public byte[] frameBytes() {
        return bytes;
    }

    /**
     * The complete websocket frame a server sends for this message: FIN, the text or binary
     * opcode, no mask (RFC 6455 section 5.1: servers do not mask) and the length, then
     * {@link #frameBytes()}. Being the same for every recipient, it is made once per message and
     * written as is, so a broadcast is not framed again per recipient. Shared: callers must not
     * modify it.
     */
    public byte[] webSocketFrame() {
        byte[] frame = webSocketFrame;
        if (frame == null) {
            int len = bytes.length;
            int header = len < 126 ? 2 : len <= 0xFFFF ? 4 : 10;
            frame = new byte[header + len];
            frame[0] = (byte) (binary ? 0x82 : 0x81);
            if (len < 126) {
                frame[1] = (byte) len;
            } else if (len <= 0xFFFF) {
                frame[1] = 126;
                frame[2] = (byte) (len >>> 8);
                frame[3] = (byte) len;
            } else {
                frame[1] = 127;
                for (int i = 0; i < 8; i++) {
                    frame[2 + i] = (byte) ((long) len >>> (56 - 8 * i));
                }
            }
            System.arraycopy(bytes, 0, frame, header, len);
            webSocketFrame = frame;
        }
        return frame;
    }

    /**
     * Copies the websocket frame once into direct memory, for a message about to go to many
     * recipients: each websocket write is then a view of that memory, which the socket writes
     * without a copy of its own (heap bytes are first copied into a direct buffer per write). The
     * memory goes with the message, to the garbage collector. Call before handing the message to
     * other threads; calling again does nothing.
     */
    public void shareForBroadcast() {
        if (sharedFrame == null) {
            byte[] frame = webSocketFrame();
            ByteBuffer direct = ByteBuffer.allocateDirect(frame.length);
            direct.put(frame).flip();
            sharedFrame = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct));
        }
    }

    /**
     * A buffer of {@link #webSocketFrame()} for one write, to be released by whoever writes it: a
     * view of the shared direct copy after {@link #shareForBroadcast()}, else a wrapper of the array.
     */
    public ByteBuf webSocketFrameBuffer() {
        ByteBuf shared = sharedFrame;
        return shared != null ? shared.duplicate() : Unpooled.wrappedBuffer(webSocketFrame());
    }

    /** The record this message becomes inside a polling payload. */
    public byte[] pollingRecord() {
        if (!binary) {
            return bytes;
        }
        byte[] b64 = Base64.getEncoder().encode(bytes);
        byte[] record = new byte[b64.length + 1];
        record[0] = 'b';
        System.arraycopy(b64, 0, record, 1, b64.length);
        return record;
    }

    /** The bytes this message puts on the wire, for buffer accounting. */
    public int size() {
        return bytes.length;
    }

    @Override
    public String toString() {
        return binary ? "EioMessage[binary, " + bytes.length + " bytes]"
                : "EioMessage[" + new String(bytes, StandardCharsets.UTF_8) + "]";
    }
}
