package io.colachat.engine.parser;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.colachat.engine.eio.EioMessage;
import io.colachat.engine.testing.FuzzBudget;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzzing of the Socket.IO decoder: namespaces, ack ids, JSON data, binary
 * placeholders, and text packets interleaved with attachments, on one stateful decoder. In the
 * normal build the seeds in {@code PacketDecoderFuzzTestInputs} run as regression tests, then the
 * target is fuzzed for a few seconds; see docs/security.md to fuzz longer.
 *
 * <p>Seeds are written by {@code src/test/resources/fuzz-seeds.py}, which documents the framing.
 *
 * <p>Properties, for every message of the sequence:
 * <ul>
 *   <li>only {@link ParseException} escapes, and it leaves the decoder reset;</li>
 *   <li>a decoded packet is well formed: a namespace starting with {@code /}, a string event name,
 *       an ack id on acks, no placeholder left in a binary packet;</li>
 *   <li>whatever decodes, the encoder encodes, and the encoding decodes back to the same packet
 *       (JSON's non-finite numbers aside);</li>
 *   <li>bounded time and allocation ({@link FuzzBudget}): an announced attachment count costs nothing
 *       until the attachments arrive.</li>
 * </ul>
 */
class PacketDecoderFuzzTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final PacketEncoder ENCODER = new PacketEncoder(MAPPER);
    private static final int MAX_ATTACHMENT_BYTES = 4096;
    private static final int MAX_MESSAGES = 16;

    @BeforeAll
    static void warmUp() {
        List<Object> messages = List.of("2/admin,7[\"e\",{\"a\":[1,2.5,null,true]}]",
                "51-[\"b\",{\"_placeholder\":true,\"num\":0}]", new byte[] {1}, "3/x,1[]", "0{\"t\":1}", "44\"no\"");
        decodeAll(10, messages);
    }

    /**
     * The input is {@code maxAttachments} (one byte), then messages: a kind byte (odd: a binary
     * attachment, even: a text packet in UTF-8), a two-byte big-endian length, and that many
     * bytes (fewer at the end). A plain framing keeps seeds writable by hand.
     */
    @FuzzTest(maxDuration = "10s")
    void decodesAnySequenceOfTextAndAttachments(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int maxAttachments = 1 + (input[0] & 0xff) % 12;
        List<Object> messages = new ArrayList<>();
        int at = 1;
        while (at + 3 <= input.length && messages.size() < MAX_MESSAGES) {
            boolean binary = (input[at] & 1) == 1;
            int length = Math.min(((input[at + 1] & 0xff) << 8) | (input[at + 2] & 0xff), input.length - at - 3);
            byte[] bytes = Arrays.copyOfRange(input, at + 3, at + 3 + length);
            messages.add(binary ? bytes : new String(bytes, StandardCharsets.UTF_8));
            at += 3 + length;
        }
        // JSON trees cost some tens of bytes per input character; re-encoding doubles that.
        FuzzBudget.check(input.length, 256 << 10, 256, () -> decodeAll(maxAttachments, messages));
    }

    private static void decodeAll(int maxAttachments, List<Object> messages) {
        PacketDecoder decoder = new PacketDecoder(MAPPER, maxAttachments, MAX_ATTACHMENT_BYTES);
        for (Object message : messages) {
            Packet packet;
            try {
                packet = message instanceof String text ? decoder.decodeText(text) : decoder.decodeBinary((byte[]) message);
            } catch (ParseException refused) {
                if (decoder.awaitingAttachments()) {
                    throw new AssertionError("a refused message left the decoder waiting for attachments");
                }
                if (refused.getMessage() == null || refused.getMessage().length() > 400) {
                    throw new AssertionError("a refusal must name the fault briefly: " + refused.getMessage());
                }
                continue;
            }
            if (packet != null) {
                checkWellFormed(packet);
                checkRoundTrip(packet);
            }
        }
    }

    private static void checkWellFormed(Packet p) {
        if (!p.namespace().startsWith("/")) {
            throw new AssertionError("namespace " + p.namespace());
        }
        if (p.type().isEvent() && p.eventName() == null) {
            throw new AssertionError("an event without a string name: " + p);
        }
        if (p.type().isAck() && p.id() < 0) {
            throw new AssertionError("an ack without an id: " + p);
        }
        if (p.type().isBinary() && containsPlaceholder(p.data())) {
            throw new AssertionError("a placeholder left in " + p);
        }
    }

    private static boolean containsPlaceholder(JsonNode node) {
        if (node == null) {
            return false;
        }
        if (node.isObject() && node.path("_placeholder").isBoolean() && node.path("_placeholder").booleanValue()) {
            return true;
        }
        for (JsonNode child : node) {
            if (containsPlaceholder(child)) {
                return true;
            }
        }
        return false;
    }

    /** Encodes the packet as the server would send it back and decodes it with a fresh decoder. */
    private static void checkRoundTrip(Packet p) {
        if (hasNonFiniteNumber(p.data())) {
            return; // JSON cannot say Infinity: the encoder writes it as a string, like JSON.stringify writes null
        }
        List<EioMessage> encoded = ENCODER.encode(p);
        PacketDecoder fresh = new PacketDecoder(MAPPER, Math.max(1, encoded.size() - 1), Long.MAX_VALUE);
        Packet again = null;
        for (int i = 0; i < encoded.size(); i++) {
            EioMessage m = encoded.get(i);
            byte[] bytes = m.frameBytes();
            again = m.isBinary() ? fresh.decodeBinary(bytes)
                    : fresh.decodeText(new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8));
            if (again != null && i != encoded.size() - 1) {
                throw new AssertionError("decoded before the last attachment: " + again);
            }
        }
        if (again == null) {
            throw new AssertionError("the encoding of " + p + " did not decode");
        }
        boolean sameType = again.type() == p.type() || plain(again.type()) == plain(p.type());
        if (!sameType || !again.namespace().equals(p.namespace()) || again.id() != p.id()
                || !java.util.Objects.equals(again.data(), p.data())) {
            throw new AssertionError("round trip changed " + p + " into " + again
                    + " (wire: " + Arrays.toString(encoded.toArray()) + ")");
        }
    }

    private static PacketType plain(PacketType t) {
        return t == PacketType.BINARY_EVENT ? PacketType.EVENT : t == PacketType.BINARY_ACK ? PacketType.ACK : t;
    }

    private static boolean hasNonFiniteNumber(JsonNode node) {
        if (node == null) {
            return false;
        }
        if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            return true;
        }
        for (JsonNode child : node) {
            if (hasNonFiniteNumber(child)) {
                return true;
            }
        }
        return false;
    }
}
