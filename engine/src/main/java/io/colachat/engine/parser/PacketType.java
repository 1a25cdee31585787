package io.colachat.engine.parser;

/**
 * The seven Socket.IO v5 packet types, in wire order: the ordinal is the digit that opens
 * every packet.
 *
 * <pre>{@code
 * PacketType.fromCode(2);   // EVENT
 * PacketType.ACK.code();    // 3
 * }</pre>
 */
public enum PacketType {
    CONNECT,
    DISCONNECT,
    EVENT,
    ACK,
    CONNECT_ERROR,
    BINARY_EVENT,
    BINARY_ACK;

    // values() clones the array on every call; the decoder looks a type up per packet.
    private static final PacketType[] BY_CODE = values();

    /**
     * The digit this type is written as.
     *
     * <pre>{@code PacketType.BINARY_EVENT.code(); // 5}</pre>
     */
    public int code() {
        return ordinal();
    }

    /**
     * The type for a wire digit.
     *
     * <pre>{@code PacketType.fromCode(4); // CONNECT_ERROR}</pre>
     *
     * @throws ParseException when {@code code} is not 0..6
     */
    public static PacketType fromCode(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new ParseException("unknown packet type " + code);
        }
        return BY_CODE[code];
    }

    /** Whether packets of this type announce attachments ({@code 5} and {@code 6}). */
    public boolean isBinary() {
        return this == BINARY_EVENT || this == BINARY_ACK;
    }

    /** Whether this is an event, with or without attachments. */
    public boolean isEvent() {
        return this == EVENT || this == BINARY_EVENT;
    }

    /** Whether this is an acknowledgement, with or without attachments. */
    public boolean isAck() {
        return this == ACK || this == BINARY_ACK;
    }
}
