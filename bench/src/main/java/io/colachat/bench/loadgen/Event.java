package io.colachat.bench.loadgen;

import java.nio.charset.StandardCharsets;

/** The server-to-client events the load generator recognises, matched on the raw bytes of their names. */
public enum Event {
    SEND_MESSAGE("sendMessage"),
    SEND_ALERT("sendAlert"),
    PRESENCE_DIFF("presenceDiff"),
    RETURN_CHATTERS("returnChatters"),
    TYPING("typing"),
    ROOM_EXPIRED("roomExpired"),
    OTHER("");

    private static final Event[] KNOWN = {SEND_MESSAGE, SEND_ALERT, PRESENCE_DIFF, RETURN_CHATTERS, TYPING,
        ROOM_EXPIRED};

    private final byte[] name;

    Event(String name) {
        this.name = name.getBytes(StandardCharsets.US_ASCII);
    }

    /** The event whose name is {@code a[from, from + len)}; {@link #OTHER} when unknown. Allocates nothing. */
    static Event match(byte[] a, int from, int len) {
        for (Event e : KNOWN) {
            if (e.name.length == len && Bytes.regionEquals(a, from, e.name)) {
                return e;
            }
        }
        return OTHER;
    }
}
