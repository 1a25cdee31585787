package io.colachat.engine.parser;

import java.util.ArrayList;
import java.util.List;

/**
 * A binary packet whose text part has arrived and whose attachments are still coming.
 *
 * <p>The attachment list grows as attachments arrive instead of being sized from the header:
 * memory follows what the peer actually sent, not what it announced.
 */
final class PendingBinaryPacket {

    private final Packet packet;
    private final int expected;
    private final Placeholders placeholders;
    private final List<byte[]> attachments = new ArrayList<>();
    private long bytes;

    PendingBinaryPacket(Packet packet, int expected, Placeholders placeholders) {
        this.packet = packet;
        this.expected = expected;
        this.placeholders = placeholders;
    }

    /**
     * Takes the next attachment.
     *
     * <pre>{@code pending.add(bytes); // the packet once the last attachment is in, else null}</pre>
     */
    Packet add(byte[] attachment) {
        attachments.add(attachment);
        bytes += attachment.length;
        if (attachments.size() < expected) {
            return null;
        }
        placeholders.substitute(attachments);
        return packet;
    }

    /** The bytes of the attachments received so far. */
    long bytes() {
        return bytes;
    }

    int remaining() {
        return expected - attachments.size();
    }
}
