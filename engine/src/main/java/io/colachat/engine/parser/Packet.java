package io.colachat.engine.parser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One decoded Socket.IO packet, or one built to be encoded.
 *
 * <p>What {@code data} holds depends on the type:
 * <ul>
 *   <li>{@code CONNECT}: the auth {@link ObjectNode}, or {@code null} when the client sent none;</li>
 *   <li>{@code DISCONNECT}: {@code null};</li>
 *   <li>{@code EVENT}/{@code BINARY_EVENT}: an {@link ArrayNode} {@code [eventName, args...]};
 *       in a decoded binary event the placeholders are already replaced by
 *       {@link com.fasterxml.jackson.databind.node.BinaryNode}s;</li>
 *   <li>{@code ACK}/{@code BINARY_ACK}: an {@link ArrayNode} of the arguments;</li>
 *   <li>{@code CONNECT_ERROR}: an {@link ObjectNode} (usually {@code {"message": ...}}) or a
 *       {@link com.fasterxml.jackson.databind.node.TextNode}.</li>
 * </ul>
 *
 * <pre>{@code
 * Packet p = decoder.decodeText("2/admin,456[\"project:delete\",123]");
 * p.namespace();  // "/admin"
 * p.id();         // 456
 * p.eventName();  // "project:delete"
 * p.args();       // [IntNode 123]
 * }</pre>
 *
 * @param type      never null
 * @param namespace never null; {@code null} given to the constructor becomes {@code "/"}
 * @param id        the ack id, or {@code -1} when the packet has none
 * @param data      see above; may be null
 */
public record Packet(PacketType type, String namespace, long id, JsonNode data) {

    /** The namespace every connection joins unless it asks for another. */
    public static final String DEFAULT_NAMESPACE = "/";

    /** The {@code id} of a packet that carries no ack id. */
    public static final long NO_ID = -1;

    // A debug print of a 1 MB event should not produce a 1 MB log line.
    private static final int TO_STRING_DATA_LIMIT = 200;

    public Packet {
        Objects.requireNonNull(type, "type");
        if (namespace == null) {
            namespace = DEFAULT_NAMESPACE;
        }
        if (id < NO_ID) {
            throw new IllegalArgumentException("ack id must be -1 (none) or >= 0, was " + id);
        }
    }

    /**
     * A CONNECT packet, as a client sends it.
     *
     * <pre>{@code Packet.connect("/admin", auth); // 0/admin,{"token":"123"}}</pre>
     *
     * @param auth may be null
     */
    public static Packet connect(String namespace, ObjectNode auth) {
        return new Packet(PacketType.CONNECT, namespace, NO_ID, auth);
    }

    /**
     * A DISCONNECT packet.
     *
     * <pre>{@code Packet.disconnect("/admin"); // 1/admin,}</pre>
     */
    public static Packet disconnect(String namespace) {
        return new Packet(PacketType.DISCONNECT, namespace, NO_ID, null);
    }

    /**
     * An EVENT packet from a name and JSON arguments. Arguments holding
     * {@link com.fasterxml.jackson.databind.node.BinaryNode}s are encoded as a BINARY_EVENT.
     *
     * <pre>{@code Packet.event("/", "hello", -1, IntNode.valueOf(1)); // 2["hello",1]}</pre>
     */
    public static Packet event(String namespace, String event, long id, JsonNode... args) {
        ArrayNode data = JsonNodeFactory.instance.arrayNode(args.length + 1);
        data.add(Objects.requireNonNull(event, "event"));
        for (JsonNode arg : args) {
            data.add(arg);
        }
        return new Packet(PacketType.EVENT, namespace, id, data);
    }

    /**
     * An ACK packet answering ack id {@code id}.
     *
     * <pre>{@code Packet.ack("/admin", 456); // 3/admin,456[]}</pre>
     */
    public static Packet ack(String namespace, long id, JsonNode... args) {
        if (id < 0) {
            throw new IllegalArgumentException("an ack needs an ack id, was " + id);
        }
        ArrayNode data = JsonNodeFactory.instance.arrayNode(args.length);
        for (JsonNode arg : args) {
            data.add(arg);
        }
        return new Packet(PacketType.ACK, namespace, id, data);
    }

    /**
     * The event name of an EVENT or BINARY_EVENT packet.
     *
     * <pre>{@code decoder.decodeText("2[\"hello\",1]").eventName(); // "hello"}</pre>
     *
     * @return the name, or {@code null} when this is not an event or has no textual name
     */
    public String eventName() {
        if (!type.isEvent() || data == null || !data.isArray() || data.isEmpty()) {
            return null;
        }
        JsonNode name = data.get(0);
        return name.isTextual() ? name.textValue() : null;
    }

    /**
     * The arguments: for events the elements after the name, for acks all elements.
     *
     * <pre>{@code decoder.decodeText("3/admin,456[1,2]").args(); // [1, 2]}</pre>
     *
     * @return an unmodifiable list, empty for other packet types; never null
     */
    public List<JsonNode> args() {
        if (data == null || !data.isArray() || !(type.isEvent() || type.isAck())) {
            return List.of();
        }
        int from = type.isEvent() ? 1 : 0;
        List<JsonNode> args = new ArrayList<>(Math.max(0, data.size() - from));
        for (int i = from; i < data.size(); i++) {
            args.add(data.get(i));
        }
        return Collections.unmodifiableList(args);
    }

    /** Whether the sender expects an acknowledgement (events) or this answers one (acks). */
    public boolean hasAckId() {
        return id >= 0;
    }

    @Override
    public String toString() {
        String shown = String.valueOf(data);
        if (shown.length() > TO_STRING_DATA_LIMIT) {
            shown = shown.substring(0, TO_STRING_DATA_LIMIT) + "...(" + shown.length() + " chars)";
        }
        return "Packet[type=" + type + ", namespace=" + namespace + ", id=" + id + ", data=" + shown + "]";
    }
}
