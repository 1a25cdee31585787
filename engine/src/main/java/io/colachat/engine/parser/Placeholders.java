package io.colachat.engine.parser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Finds the attachment placeholders {@code {"_placeholder":true,"num":K}} in a binary
 * packet's data, and later puts the attachments in their place.
 *
 * <p>The placeholders are validated as soon as the text part arrives, so a bad packet is
 * refused before its attachments are buffered. Their positions are remembered, so the
 * substitution does not walk the tree a second time.
 */
final class Placeholders {

    /** Where one placeholder sits: a field of an object, or an index of an array. */
    private record Slot(JsonNode parent, String field, int index, int num) {
    }

    private final List<Slot> slots;

    private Placeholders(List<Slot> slots) {
        this.slots = slots;
    }

    /**
     * Finds every placeholder below {@code root}, checking that its {@code num} is an integer
     * in {@code [0, attachments)}. Objects whose {@code _placeholder} is not literally
     * {@code true} are ordinary data. Runs in time linear in the size of the tree.
     *
     * <pre>{@code Placeholders.find(mapper.readTree("[\"a\",{\"_placeholder\":true,\"num\":0}]"), 1);}</pre>
     *
     * @throws ParseException for a {@code num} that is missing, not an integer, or out of range
     */
    static Placeholders find(JsonNode root, int attachments) {
        List<Slot> slots = new ArrayList<>();
        // An explicit stack rather than recursion: depth is already bounded by the parser,
        // but this keeps the walk independent of that setting.
        Deque<JsonNode> containers = new ArrayDeque<>();
        containers.push(root);
        while (!containers.isEmpty()) {
            JsonNode container = containers.pop();
            if (container.isArray()) {
                for (int i = 0; i < container.size(); i++) {
                    visit(container.get(i), container, null, i, attachments, slots, containers);
                }
            } else {
                for (Map.Entry<String, JsonNode> field : container.properties()) {
                    visit(field.getValue(), container, field.getKey(), -1, attachments, slots, containers);
                }
            }
        }
        return new Placeholders(slots);
    }

    private static void visit(JsonNode child, JsonNode parent, String field, int index, int attachments,
                              List<Slot> slots, Deque<JsonNode> containers) {
        if (isPlaceholder(child)) {
            slots.add(new Slot(parent, field, index, num(child, attachments)));
        } else if (child.isContainerNode()) {
            containers.push(child);
        }
    }

    private static boolean isPlaceholder(JsonNode node) {
        if (!node.isObject()) {
            return false;
        }
        JsonNode flag = node.get("_placeholder");
        return flag != null && flag.isBoolean() && flag.booleanValue();
    }

    private static int num(JsonNode placeholder, int attachments) {
        JsonNode num = placeholder.get("num");
        if (num == null || !num.isIntegralNumber() || !num.canConvertToInt()) {
            String found = num == null ? "missing" : num.getNodeType().toString();
            throw new ParseException("placeholder num must be an integer, found " + found);
        }
        int value = num.intValue();
        if (value < 0 || value >= attachments) {
            throw new ParseException("placeholder num " + value + " outside [0, " + attachments + ")");
        }
        return value;
    }

    /** Replaces each placeholder with a {@link BinaryNode} of its attachment. */
    void substitute(List<byte[]> attachments) {
        for (Slot slot : slots) {
            BinaryNode binary = BinaryNode.valueOf(attachments.get(slot.num()));
            if (slot.field() != null) {
                ((ObjectNode) slot.parent()).set(slot.field(), binary);
            } else {
                ((ArrayNode) slot.parent()).set(slot.index(), binary);
            }
        }
    }
}
