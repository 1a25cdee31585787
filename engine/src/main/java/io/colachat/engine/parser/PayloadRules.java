package io.colachat.engine.parser;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What each packet type may carry, after socket.io-parser's {@code isPayloadValid}, made
 * stricter where no official client is affected:
 * <ul>
 *   <li>an ack id only on EVENT, ACK and their binary forms (clients never send one elsewhere);</li>
 *   <li>events and acks must have data (the reference accepts none and fails later);</li>
 *   <li>an event name must be a string: the reference also takes a number, which no client
 *       emits and which would otherwise reach handlers keyed by name.</li>
 * </ul>
 * Reserved names such as {@code connect} or {@code disconnect} are accepted as ordinary
 * strings: keeping them away from internal listeners is the job of the layer above.
 */
final class PayloadRules {

    private PayloadRules() {
    }

    /**
     * Checks {@code data} (null when the packet has none) against the type.
     *
     * <pre>{@code PayloadRules.check(PacketType.EVENT, -1, mapper.readTree("[1]")); // throws: name is not a string}</pre>
     *
     * @throws ParseException naming the rule that was broken
     */
    static void check(PacketType type, long id, JsonNode data) {
        switch (type) {
            case CONNECT -> {
                noId(type, id);
                if (data != null && !data.isObject()) {
                    throw invalid(type, "data must be a JSON object", data);
                }
            }
            case DISCONNECT -> {
                noId(type, id);
                if (data != null) {
                    throw new ParseException("DISCONNECT carries no data");
                }
            }
            case CONNECT_ERROR -> {
                noId(type, id);
                if (data == null || !(data.isObject() || data.isTextual())) {
                    throw invalid(type, "data must be a JSON object or string", data);
                }
            }
            case EVENT, BINARY_EVENT -> {
                if (data == null || !data.isArray() || data.isEmpty()) {
                    throw invalid(type, "data must be a non-empty JSON array", data);
                }
                if (!data.get(0).isTextual()) {
                    throw new ParseException(type + " name must be a string, was " + data.get(0).getNodeType());
                }
            }
            case ACK, BINARY_ACK -> {
                if (id < 0) {
                    throw new ParseException(type + " without an ack id");
                }
                if (data == null || !data.isArray()) {
                    throw invalid(type, "data must be a JSON array", data);
                }
            }
            default -> throw new IllegalStateException("unhandled packet type " + type);
        }
    }

    private static void noId(PacketType type, long id) {
        if (id >= 0) {
            throw new ParseException(type + " carries no ack id");
        }
    }

    private static ParseException invalid(PacketType type, String rule, JsonNode data) {
        // The node type, never the node: it may be large.
        String found = data == null ? "no data"
                : (data.isContainerNode() && data.isEmpty() ? "empty " : "") + data.getNodeType();
        return new ParseException(type + " " + rule + ", found " + found);
    }
}
