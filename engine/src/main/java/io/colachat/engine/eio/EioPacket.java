package io.colachat.engine.eio;

import java.util.Objects;

/**
 * One decoded packet a client sent. Outbound packets are {@link EioMessage}s instead: they are
 * encoded once and shared, while inbound ones are decoded once and handed to one listener.
 *
 * @param type the packet type, never null
 * @param text the text data (the message text, or {@code "probe"} on a probe ping), never null;
 *     empty for binary messages and packets without data
 * @param binary the data of a binary message, or null for every other packet
 */
public record EioPacket(PacketType type, String text, byte[] binary) {

    public EioPacket {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(text, "text");
    }

    /** A packet with text data (possibly empty). */
    public static EioPacket of(PacketType type, String text) {
        return new EioPacket(type, text, null);
    }

    /** A binary MESSAGE packet; the array is kept, not copied. */
    public static EioPacket binaryMessage(byte[] data) {
        return new EioPacket(PacketType.MESSAGE, "", Objects.requireNonNull(data, "data"));
    }

    /** Whether this is a binary message (its data is {@link #binary()}). */
    public boolean isBinary() {
        return binary != null;
    }

    @Override
    public String toString() {
        return "EioPacket[" + type + (isBinary() ? ", " + binary.length + " bytes]" : ", " + text + "]");
    }
}
