package io.colachat.engine.parser;

import static io.colachat.engine.parser.Wire.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.colachat.engine.eio.EioMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every packet type, namespace and ack id combination survives encode then decode unchanged. */
class RoundTripTest {

    private static final List<String> NAMESPACES = List.of("/", "/admin", "/caf\u00e9/chat-1", "/x");
    private static final List<Long> ACK_IDS = List.of(0L, 7L, 456L, 999_999_999_999_999L);

    private final PacketEncoder encoder = new PacketEncoder(MAPPER);
    private final PacketDecoder decoder = new PacketDecoder(MAPPER, 10);

    static Stream<Arguments> packets() {
        List<Arguments> all = new ArrayList<>();
        for (String ns : NAMESPACES) {
            all.add(Arguments.of(new Packet(PacketType.CONNECT, ns, -1, null)));
            all.add(Arguments.of(new Packet(PacketType.CONNECT, ns, -1, json("{\"token\":\"123\",\"n\":[1,2.5,null]}"))));
            all.add(Arguments.of(new Packet(PacketType.DISCONNECT, ns, -1, null)));
            all.add(Arguments.of(new Packet(PacketType.CONNECT_ERROR, ns, -1, json("{\"message\":\"Not authorized\"}"))));
            all.add(Arguments.of(new Packet(PacketType.CONNECT_ERROR, ns, -1, TextNode.valueOf("legacy"))));
            List<Long> eventIds = new ArrayList<>(ACK_IDS);
            eventIds.add(-1L);
            for (long id : eventIds) {
                all.add(Arguments.of(new Packet(PacketType.EVENT, ns, id, json("[\"hello\",1,{\"a\":[true,null,\"\\u2028\"]}]"))));
                all.add(Arguments.of(new Packet(PacketType.EVENT, ns, id, json("[\"only-a-name\"]"))));
                all.add(Arguments.of(new Packet(PacketType.BINARY_EVENT, ns, id, binaryEvent())));
            }
            for (long id : ACK_IDS) {
                all.add(Arguments.of(new Packet(PacketType.ACK, ns, id, json("[]"))));
                all.add(Arguments.of(new Packet(PacketType.ACK, ns, id, json("[\"ok\",{\"n\":1}]"))));
                all.add(Arguments.of(new Packet(PacketType.BINARY_ACK, ns, id, binaryAck())));
            }
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("packets")
    void packetSurvivesEncodeAndDecode(Packet packet) {
        List<EioMessage> messages = encoder.encode(packet);
        int attachments = packet.type().isBinary() ? 2 : 0;
        assertThat(messages).hasSize(1 + attachments);

        Packet decoded = Wire.decodeAll(decoder, messages);

        assertThat(decoded).isEqualTo(packet);
        assertThat(decoder.awaitingAttachments()).isFalse();
    }

    @Test
    void pojoEventDecodesToTheSameJsonAsJacksonWrites() {
        record Move(String piece, int[] to) {
        }
        Move move = new Move("knight", new int[] {3, 5});
        Packet decoded = Wire.decodeAll(decoder, encoder.encodeEvent("/game", "move", new Object[] {move, "x"}, 12));

        assertThat(decoded.eventName()).isEqualTo("move");
        assertThat(decoded.namespace()).isEqualTo("/game");
        assertThat(decoded.id()).isEqualTo(12);
        assertThat(decoded.args()).containsExactly(MAPPER.valueToTree(move), TextNode.valueOf("x"));
    }

    @Test
    void everyApiEncoderMethodDecodesBack() {
        assertThat(Wire.decodeAll(decoder, List.of(encoder.encodeConnect("/a", java.util.Map.of("sid", "s")))))
                .isEqualTo(new Packet(PacketType.CONNECT, "/a", -1, json("{\"sid\":\"s\"}")));
        assertThat(Wire.decodeAll(decoder, List.of(encoder.encodeDisconnect("/a")))).isEqualTo(Packet.disconnect("/a"));
        assertThat(Wire.decodeAll(decoder, encoder.encodeAck("/a", 3, new Object[] {1})))
                .isEqualTo(Packet.ack("/a", 3, json("1")));
    }

    private static ArrayNode binaryEvent() {
        ArrayNode data = MAPPER.createArrayNode().add("upload");
        data.add(BinaryNode.valueOf(new byte[] {0, 1, (byte) 255}));
        data.addObject().put("name", "a.png").set("thumb", BinaryNode.valueOf(new byte[0]));
        return data;
    }

    private static ArrayNode binaryAck() {
        ArrayNode data = MAPPER.createArrayNode();
        data.addArray().add(BinaryNode.valueOf(new byte[] {42})).add(BinaryNode.valueOf(new byte[] {43, 44}));
        return data;
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
