package io.colachat.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Objects;

/**
 * The arguments of a received event or acknowledgement, as JSON trees. Binary attachments
 * appear as {@link com.fasterxml.jackson.databind.node.BinaryNode}s where the client put them,
 * and are sent as binary again when passed back to {@code emit}.
 *
 * <pre>{@code
 * socket.on("message", (args, ack) -> socket.emit("message-back", args.toArray()));
 * String text = args.get(0).asText();
 * Move move = args.as(1, Move.class);
 * }</pre>
 */
public final class Args {

    private final JsonNode[] values;
    private final ObjectMapper mapper;

    Args(JsonNode[] values, ObjectMapper mapper) {
        this.values = values;
        this.mapper = mapper;
    }

    /** The number of arguments. */
    public int size() {
        return values.length;
    }

    /** Argument {@code i}, or a {@link MissingNode} when there are fewer; never null. */
    public JsonNode get(int i) {
        return i >= 0 && i < values.length ? values[i] : MissingNode.getInstance();
    }

    /**
     * Argument {@code i} converted to {@code type} with the server's mapper.
     *
     * @throws IllegalArgumentException when it is missing or does not convert
     */
    public <T> T as(int i, Class<T> type) {
        Objects.requireNonNull(type, "type");
        JsonNode node = get(i);
        if (node.isMissingNode()) {
            throw new IllegalArgumentException("no argument " + i);
        }
        try {
            return mapper.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("argument " + i + " is not a " + type.getSimpleName(), e);
        }
    }

    /** The arguments as an array, ready to pass to {@code emit} or an ack. */
    public Object[] toArray() {
        return values.clone();
    }

    @Override
    public String toString() {
        return java.util.Arrays.toString(values);
    }
}
