package io.colachat.engine.eio;

/**
 * The seven Engine.IO v4 packet types, each written on the wire as one ASCII digit.
 *
 * <pre>
 *   0 open     server → client, once, with the handshake JSON
 *   1 close    either side: the session is over
 *   2 ping     server → client every pingInterval ("2probe" from the client during an upgrade)
 *   3 pong     client → server ("3probe" from the server during an upgrade)
 *   4 message  either side: application data
 *   5 upgrade  client → server: switch to the probed websocket now
 *   6 noop     server → client: ends a pending poll during an upgrade
 * </pre>
 */
public enum PacketType {
    OPEN, CLOSE, PING, PONG, MESSAGE, UPGRADE, NOOP;

    private static final PacketType[] BY_DIGIT = values();

    /** The digit this type is written as. */
    public char digit() {
        return (char) ('0' + ordinal());
    }

    /** The type a digit stands for, or null when {@code c} is not a packet type. */
    public static PacketType fromDigit(int c) {
        int i = c - '0';
        return i >= 0 && i < BY_DIGIT.length ? BY_DIGIT[i] : null;
    }
}
