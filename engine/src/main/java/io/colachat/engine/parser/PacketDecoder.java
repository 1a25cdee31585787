package io.colachat.engine.parser;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes the Socket.IO packets of one connection.
 *
 * <p>Stateful: a BINARY_EVENT or BINARY_ACK is followed by its attachments as separate binary
 * messages, so {@link #decodeText} returns {@code null} for it and {@link #decodeBinary}
 * returns the completed packet with the last attachment. Not thread-safe; it is meant to be
 * called from the connection's event loop only.
 *
 * <p>Strict and linear-time: the header is scanned with bounded field lengths, the JSON is
 * parsed once by a standard-JSON parser that refuses trailing content and nesting deeper than
 * {@value #MAX_NESTING_DEPTH}, and the payload is checked as socket.io-parser's
 * {@code isPayloadValid} does (see {@link PayloadRules}). Anything invalid raises
 * {@link ParseException} and leaves the decoder reset; the caller should close the connection.
 *
 * <pre>{@code
 * PacketDecoder decoder = new PacketDecoder(mapper, 10);
 * decoder.decodeText("51-[\"file\",{\"_placeholder\":true,\"num\":0}]"); // null: waiting
 * Packet p = decoder.decodeBinary(bytes);  // BINARY_EVENT, data ["file", BinaryNode(bytes)]
 * }</pre>
 */
public final class PacketDecoder {

    /** Deepest JSON nesting accepted; chat payloads are shallow, and deep trees cost stack elsewhere. */
    static final int MAX_NESTING_DEPTH = 64;

    // Jackson's messages are already bounded, but a short excerpt is all a log line needs.
    private static final int MAX_CAUSE_LENGTH = 120;

    private static final Logger log = LoggerFactory.getLogger(PacketDecoder.class);

    /**
     * Our own factory rather than the mapper's: the wire is plain JSON (JSON.parse on the other
     * side), so lenient read features the caller may have enabled must not apply. Shared by
     * all decoders, because a factory carries symbol tables too heavy to hold per connection.
     */
    private static final JsonFactory STRICT_JSON = strictJsonFactory();

    private final ObjectReader reader;
    private final int maxAttachments;
    private final long maxAttachmentBytes;
    private PendingBinaryPacket pending;

    /**
     * Creates the decoder of one connection.
     *
     * <pre>{@code PacketDecoder decoder = new PacketDecoder(mapper, 10);}</pre>
     *
     * @param mapper         supplies the node factory and deserialisation settings; it is not
     *                       modified (parsing uses a private, strict JSON factory)
     * @param maxAttachments most attachments one binary packet may announce, e.g. 10 as in the
     *                       reference server; 0 refuses binary packets
     */
    public PacketDecoder(ObjectMapper mapper, int maxAttachments) {
        this(mapper, maxAttachments, Long.MAX_VALUE);
    }

    /**
     * Creates the decoder of one connection, bounding the bytes a binary packet's attachments
     * may carry together: they are held until the last one arrives.
     *
     * <pre>{@code PacketDecoder decoder = new PacketDecoder(mapper, 10, 1_000_000);}</pre>
     *
     * @param maxAttachmentBytes the most bytes of all attachments of one packet together; one
     *                           more raises {@link ParseException} and drops what was held
     */
    public PacketDecoder(ObjectMapper mapper, int maxAttachments, long maxAttachmentBytes) {
        Objects.requireNonNull(mapper, "mapper");
        if (maxAttachments < 0) {
            throw new IllegalArgumentException("maxAttachments must be >= 0, was " + maxAttachments);
        }
        if (maxAttachmentBytes < 0) {
            throw new IllegalArgumentException("maxAttachmentBytes must be >= 0, was " + maxAttachmentBytes);
        }
        this.reader = readerOf(mapper);
        this.maxAttachments = maxAttachments;
        this.maxAttachmentBytes = maxAttachmentBytes;
    }

    /**
     * Decodes a text message: the Socket.IO packet without the Engine.IO {@code 4} prefix.
     *
     * <pre>{@code
     * decoder.decodeText("2/admin,456[\"project:delete\",123]"); // EVENT /admin id 456
     * decoder.decodeText("0/admin,{\"token\":\"123\"}");         // CONNECT with auth
     * }</pre>
     *
     * @return the packet, or {@code null} for a binary packet now waiting for attachments
     * @throws ParseException when the packet is invalid, or attachments were still expected
     */
    public Packet decodeText(String text) {
        if (pending != null) {
            int remaining = pending.remaining();
            pending = null;
            throw new ParseException("text packet while " + remaining + " attachment(s) were expected");
        }
        if (text == null) {
            throw new ParseException("null packet");
        }
        PacketHeader header = PacketHeader.read(text, maxAttachments);
        JsonNode data = parseData(text, header.dataStart());
        PayloadRules.check(header.type(), header.id(), data);
        Packet packet = new Packet(header.type(), header.namespace(), header.id(), data);
        if (!header.type().isBinary()) {
            return packet;
        }
        Placeholders placeholders = Placeholders.find(data, header.attachments());
        pending = new PendingBinaryPacket(packet, header.attachments(), placeholders);
        log.debug("{} waiting for {} attachment(s)", header.type(), header.attachments());
        return null;
    }

    /**
     * Decodes a binary message: the next attachment of the waiting binary packet. The array
     * is kept, not copied.
     *
     * <pre>{@code decoder.decodeBinary(bytes); // the packet after its last attachment, else null}</pre>
     *
     * @throws ParseException when no binary packet is waiting, or the attachments would
     *                        exceed the byte bound
     */
    public Packet decodeBinary(byte[] data) {
        if (data == null) {
            throw new ParseException("null attachment");
        }
        if (pending == null) {
            throw new ParseException("binary message without a binary packet waiting for it");
        }
        if (data.length > maxAttachmentBytes - pending.bytes()) {
            long held = pending.bytes();
            pending = null;
            throw new ParseException("attachments over " + maxAttachmentBytes + " bytes: " + held
                    + " held, " + data.length + " more");
        }
        Packet packet = pending.add(data);
        if (packet != null) {
            pending = null;
        }
        return packet;
    }

    /**
     * Whether a binary packet is waiting for attachments.
     *
     * <pre>{@code if (decoder.awaitingAttachments()) { ... } }</pre>
     */
    public boolean awaitingAttachments() {
        return pending != null;
    }

    /**
     * Drops a half-received binary packet, e.g. when the connection closes.
     *
     * <pre>{@code decoder.reset(); // awaitingAttachments() is now false}</pre>
     */
    public void reset() {
        pending = null;
    }

    /**
     * The last mapper's reader, shared: a reader is immutable and a few hundred bytes, and a
     * server makes a decoder per connection from one mapper.
     */
    private static volatile ReaderOf lastReader;

    private record ReaderOf(ObjectMapper mapper, ObjectReader reader) {
    }

    private static ObjectReader readerOf(ObjectMapper mapper) {
        ReaderOf last = lastReader;
        if (last == null || last.mapper() != mapper) {
            last = new ReaderOf(mapper, mapper.readerFor(JsonNode.class)
                    .with(STRICT_JSON)
                    .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS));
            lastReader = last;
        }
        return last.reader();
    }

    private static JsonFactory strictJsonFactory() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                .build();
        // ObjectReader.with(factory) installs itself as the codec of a factory that has none;
        // giving it one now keeps the shared instance from being written by every decoder.
        factory.setCodec(new ObjectMapper(factory));
        return factory;
    }

    private JsonNode parseData(String text, int start) {
        if (start == text.length()) {
            return null;
        }
        JsonNode data;
        try {
            data = reader.readTree(text.substring(start));
        } catch (JsonProcessingException e) {
            throw new ParseException("invalid JSON data at index " + index(e.getLocation(), start)
                    + ": " + excerpt(e.getOriginalMessage()), e);
        }
        if (data == null || data.isMissingNode()) {
            // Only whitespace after the header.
            throw new ParseException("blank data at index " + start);
        }
        return data;
    }

    private static long index(JsonLocation location, int start) {
        return location == null || location.getCharOffset() < 0 ? start : start + location.getCharOffset();
    }

    private static String excerpt(String message) {
        if (message == null) {
            return "unknown error";
        }
        return message.length() <= MAX_CAUSE_LENGTH ? message : message.substring(0, MAX_CAUSE_LENGTH) + "...";
    }
}
