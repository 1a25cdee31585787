package io.colachat.engine.parser;

import static io.colachat.engine.parser.Wire.MAPPER;
import static io.colachat.engine.parser.Wire.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import io.colachat.engine.eio.EioMessage;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BinaryAttachmentsTest {

    private final PacketEncoder encoder = new PacketEncoder(MAPPER);
    private final PacketDecoder sut = new PacketDecoder(MAPPER, 10);

    record Upload(String name, byte[] content) {
    }

    @Nested
    class Encoding {

        @Test
        void nestedBinaryInMapsAndListsBecomesAttachmentsInOrder() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("first", new byte[] {1});
            map.put("list", List.of("x", new byte[] {2}, Map.of("deep", new byte[] {3})));
            List<EioMessage> out = encoder.encodeEvent("/", "files", new Object[] {map, new byte[] {4}}, -1);

            assertThat(text(out.get(0))).isEqualTo("454-[\"files\",{\"first\":{\"_placeholder\":true,\"num\":0},"
                    + "\"list\":[\"x\",{\"_placeholder\":true,\"num\":1},{\"deep\":{\"_placeholder\":true,\"num\":2}}]},"
                    + "{\"_placeholder\":true,\"num\":3}]");
            assertThat(out.subList(1, 5)).extracting(m -> m.frameBytes()[0]).containsExactly((byte) 1, (byte) 2, (byte) 3, (byte) 4);
        }

        @Test
        void binaryInsideARecordBecomesAnAttachment() {
            List<EioMessage> out = encoder.encodeEvent("/", "up", new Object[] {new Upload("a.png", new byte[] {7, 8})}, 3);
            assertThat(text(out.get(0)))
                    .isEqualTo("451-3[\"up\",{\"name\":\"a.png\",\"content\":{\"_placeholder\":true,\"num\":0}}]");
            assertThat(out.get(1).frameBytes()).containsExactly(7, 8);
        }

        @Test
        void binaryNodesBecomeAttachments() {
            JsonNode arg = MAPPER.createObjectNode().set("b", BinaryNode.valueOf(new byte[] {5}));
            List<EioMessage> out = encoder.encodeEvent("/", "e", new Object[] {arg}, -1);
            assertThat(text(out.get(0))).isEqualTo("451-[\"e\",{\"b\":{\"_placeholder\":true,\"num\":0}}]");
            assertThat(out.get(1).frameBytes()).containsExactly(5);
        }

        @Test
        void heapByteBufferSendsOnlyItsRemainingBytes() {
            ByteBuffer buffer = ByteBuffer.wrap(new byte[] {0, 1, 2, 3, 4}, 1, 3).slice().position(1);
            List<EioMessage> out = encoder.encodeEvent("/", "e", new Object[] {buffer}, -1);
            assertThat(out).hasSize(2);
            assertThat(out.get(1).frameBytes()).containsExactly(2, 3);
            assertThat(buffer.position()).as("the caller's buffer is left as it was").isEqualTo(1);
        }

        @Test
        void directByteBufferBecomesAnAttachment() {
            ByteBuffer buffer = ByteBuffer.allocateDirect(4).put(new byte[] {9, 8, 7, 6}).flip().position(2);
            List<EioMessage> out = encoder.encodeAck("/", 1, new Object[] {buffer});
            assertThat(text(out.get(0))).isEqualTo("461-1[{\"_placeholder\":true,\"num\":0}]");
            assertThat(out.get(1).frameBytes()).containsExactly(7, 6);
            assertThat(buffer.position()).isEqualTo(2);
        }

        @Test
        void emptyByteArrayIsStillAnAttachment() {
            List<EioMessage> out = encoder.encodeEvent("/", "e", new Object[] {new byte[0]}, -1);
            assertThat(out).hasSize(2);
            assertThat(out.get(1).frameBytes()).isEmpty();
        }

        @Test
        void packetWithBinaryNodesIsSentAsBinaryEvenIfTypedPlain() {
            Packet packet = Packet.event("/", "e", -1, BinaryNode.valueOf(new byte[] {1}));
            assertThat(text(encoder.encode(packet).get(0))).startsWith("451-");
        }
    }

    @Nested
    class Decoding {

        @Test
        void binaryEventWaitsForItsAttachmentThenSubstitutesIt() {
            assertThat(sut.decodeText("51-[\"hello\",{\"_placeholder\":true,\"num\":0}]")).isNull();
            assertThat(sut.awaitingAttachments()).isTrue();

            Packet packet = sut.decodeBinary(new byte[] {1, 2, 3});

            assertThat(sut.awaitingAttachments()).isFalse();
            assertThat(packet.type()).isEqualTo(PacketType.BINARY_EVENT);
            assertThat(packet.eventName()).isEqualTo("hello");
            assertThat(packet.args()).containsExactly(BinaryNode.valueOf(new byte[] {1, 2, 3}));
        }

        @Test
        void attachmentsAreMatchedByNumNotByArrivalOrderOfPlaceholders() throws Exception {
            sut.decodeText("62-/admin,9[{\"_placeholder\":true,\"num\":1},{\"x\":{\"_placeholder\":true,\"num\":0}}]");
            assertThat(sut.decodeBinary(new byte[] {10})).isNull();
            Packet packet = sut.decodeBinary(new byte[] {11});

            assertThat(packet.type()).isEqualTo(PacketType.BINARY_ACK);
            assertThat(packet.namespace()).isEqualTo("/admin");
            assertThat(packet.id()).isEqualTo(9);
            assertThat(packet.data().get(0).binaryValue()).containsExactly(11);
            assertThat(packet.data().get(1).get("x").binaryValue()).containsExactly(10);
        }

        @Test
        void encodedAttachmentsDecodeToTheSameBytes() throws Exception {
            List<EioMessage> out = encoder.encodeEvent("/", "e", new Object[] {new byte[] {1}, List.of(new byte[] {2})}, 4);
            Packet packet = Wire.decodeAll(sut, out);
            assertThat(packet.data().get(1).binaryValue()).containsExactly(1);
            assertThat(packet.data().get(2).get(0).binaryValue()).containsExactly(2);
            assertThat(packet.id()).isEqualTo(4);
        }

        @Test
        void placeholderFlagThatIsNotLiterallyTrueIsOrdinaryData() {
            sut.decodeText("51-[\"e\",{\"_placeholder\":\"true\",\"num\":\"x\"}]");
            Packet packet = sut.decodeBinary(new byte[] {1});
            assertThat(packet.data().get(1).get("num").asText()).isEqualTo("x");
        }

        @Test
        void placeholdersInNonBinaryPacketsStayPlainObjects() {
            Packet packet = sut.decodeText("2[\"e\",{\"_placeholder\":true,\"num\":0}]");
            assertThat(packet.data().get(1).isObject()).isTrue();
            assertThat(packet.data().get(1).get("num").intValue()).isZero();
        }

        @Test
        void decoderIsReadyForTheNextPacketAfterABinaryOne() {
            sut.decodeText("51-[\"e\",{\"_placeholder\":true,\"num\":0}]");
            sut.decodeBinary(new byte[0]);
            assertThat(sut.decodeText("2[\"next\"]").eventName()).isEqualTo("next");
        }
    }

    @Nested
    class Rejections {

        @ParameterizedTest
        @ValueSource(strings = {
                "51-[\"e\",{\"_placeholder\":true,\"num\":\"splice\"}]",
                "51-[\"e\",{\"_placeholder\":true,\"num\":\"0\"}]",
                "51-[\"e\",{\"_placeholder\":true,\"num\":0.0}]",
                "51-[\"e\",{\"_placeholder\":true,\"num\":0.5}]",
                "51-[\"e\",{\"_placeholder\":true,\"num\":-1}]",
                "51-[\"e\",{\"_placeholder\":true,\"num\":1}]",
                "51-[\"e\",{\"_placeholder\":true,\"num\":99999999999999999999}]",
                "51-[\"e\",{\"_placeholder\":true,\"num\":null}]",
                "51-[\"e\",{\"_placeholder\":true}]",
                "51-[\"e\",[[{\"_placeholder\":true,\"num\":[0]}]]]",
                "61-1[{\"_placeholder\":true,\"num\":2}]",
        })
        void invalidPlaceholderNumIsRefusedBeforeAttachmentsArrive(String text) {
            assertThatThrownBy(() -> sut.decodeText(text)).isInstanceOf(ParseException.class);
            assertThat(sut.awaitingAttachments()).isFalse();
        }

        @Test
        void attachmentWithoutAWaitingPacketIsRefused() {
            assertThatThrownBy(() -> sut.decodeBinary(new byte[] {1})).isInstanceOf(ParseException.class);
            sut.decodeText("2[\"e\"]");
            assertThatThrownBy(() -> sut.decodeBinary(new byte[] {1})).isInstanceOf(ParseException.class);
        }

        @Test
        void textWhileAttachmentsAreExpectedIsRefusedAndResetsTheDecoder() {
            sut.decodeText("52-[\"e\",{\"_placeholder\":true,\"num\":0}]");
            sut.decodeBinary(new byte[] {1});
            assertThatThrownBy(() -> sut.decodeText("2[\"e\"]")).isInstanceOf(ParseException.class)
                    .hasMessageContaining("1 attachment");
            assertThat(sut.awaitingAttachments()).isFalse();
        }

        @Test
        void resetDropsAHalfReceivedPacket() {
            sut.decodeText("51-[\"e\",{\"_placeholder\":true,\"num\":0}]");
            sut.reset();
            assertThat(sut.awaitingAttachments()).isFalse();
            assertThatThrownBy(() -> sut.decodeBinary(new byte[] {1})).isInstanceOf(ParseException.class);
        }

        @ParameterizedTest
        @ValueSource(strings = {"599999999-[\"e\"]", "511-[\"e\"]", "5999999999999999999999-[\"e\"]"})
        void announcingTooManyAttachmentsIsRefused(String text) {
            assertThatThrownBy(() -> sut.decodeText(text)).isInstanceOf(ParseException.class);
        }

        @Test
        void maxAttachmentsIsTheLimit() {
            assertThat(sut.decodeText("510-[\"e\"]")).isNull();
            PacketDecoder strict = new PacketDecoder(MAPPER, 0);
            assertThatThrownBy(() -> strict.decodeText("51-[\"e\",{\"_placeholder\":true,\"num\":0}]"))
                    .isInstanceOf(ParseException.class).hasMessageContaining("too many");
        }
    }
}
