package io.colachat.engine.parser;

import static io.colachat.engine.parser.Wire.MAPPER;
import static io.colachat.engine.parser.Wire.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.colachat.engine.eio.EioMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PacketEncoderTest {

    private final PacketEncoder sut = new PacketEncoder(MAPPER);

    record Message(String text, int likes, List<String> tags) {
    }

    public static final class Bean {
        public String name = "cola";
        public Integer missing = null;
    }

    @Nested
    class KnownWireStrings {

        @Test
        void eventOnTheMainNamespace() {
            assertThat(single(sut.encodeEvent("/", "hello", new Object[] {1}, -1))).isEqualTo("42[\"hello\",1]");
        }

        @Test
        void eventWithNamespaceAndAckId() {
            List<EioMessage> out = sut.encodeEvent("/admin", "project:delete", new Object[] {123}, 456);
            assertThat(single(out)).isEqualTo("42/admin,456[\"project:delete\",123]");
        }

        @Test
        void eventWithAckIdOnTheMainNamespace() {
            assertThat(single(sut.encodeEvent("/", "hi", new Object[0], 12))).isEqualTo("4212[\"hi\"]");
        }

        @Test
        void emptyAck() {
            assertThat(single(sut.encodeAck("/admin", 456, new Object[0]))).isEqualTo("43/admin,456[]");
        }

        @Test
        void ackWithArguments() {
            assertThat(single(sut.encodeAck("/", 7, new Object[] {"ok", 2}))).isEqualTo("437[\"ok\",2]");
        }

        @Test
        void connectAnswer() {
            assertThat(text(sut.encodeConnect("/admin", Map.of("sid", "oSO0OpakMV_3jnilAAAA"))))
                    .isEqualTo("40/admin,{\"sid\":\"oSO0OpakMV_3jnilAAAA\"}");
            assertThat(text(sut.encodeConnect("/", Map.of("token", "123")))).isEqualTo("40{\"token\":\"123\"}");
        }

        @Test
        void connectWithoutData() {
            assertThat(text(sut.encodeConnect("/", null))).isEqualTo("40");
            assertThat(text(sut.encodeConnect("/admin", null))).isEqualTo("40/admin,");
        }

        @Test
        void connectError() {
            assertThat(text(sut.encodeConnectError("/", Map.of("message", "Not authorized"))))
                    .isEqualTo("44{\"message\":\"Not authorized\"}");
        }

        @Test
        void connectErrorWithExtraData() {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("message", "Room full");
            data.put("data", Map.of("limit", 50));
            assertThat(text(sut.encodeConnectError("/chat", data)))
                    .isEqualTo("44/chat,{\"message\":\"Room full\",\"data\":{\"limit\":50}}");
        }

        @Test
        void disconnect() {
            assertThat(text(sut.encodeDisconnect("/admin"))).isEqualTo("41/admin,");
            assertThat(text(sut.encodeDisconnect("/"))).isEqualTo("41");
            assertThat(text(sut.encodeDisconnect(null))).isEqualTo("41");
        }

        @Test
        void binaryEventIsFollowedByItsAttachment() {
            byte[] bytes = {1, 2, 3};
            List<EioMessage> out = sut.encodeEvent("/", "hello", new Object[] {bytes}, -1);
            assertThat(out).hasSize(2);
            assertThat(text(out.get(0))).isEqualTo("451-[\"hello\",{\"_placeholder\":true,\"num\":0}]");
            assertThat(out.get(1).isBinary()).isTrue();
            assertThat(out.get(1).frameBytes()).containsExactly(1, 2, 3);
        }

        @Test
        void binaryAckKeepsNamespaceAndId() {
            List<EioMessage> out = sut.encodeAck("/admin", 456, new Object[] {new byte[] {9}});
            assertThat(text(out.get(0))).isEqualTo("461-/admin,456[{\"_placeholder\":true,\"num\":0}]");
        }
    }

    @Nested
    class Arguments {

        @Test
        void recordsPojosMapsAndListsSerialiseAsJackson() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("b", 1);
            map.put("a", List.of(true, "x"));
            Object[] args = {new Message("hi", 3, List.of("x")), new Bean(), map, List.of(1, 2), null, 1.5, "s"};
            assertThat(single(sut.encodeEvent("/", "e", args, -1))).isEqualTo(
                    "42[\"e\",{\"text\":\"hi\",\"likes\":3,\"tags\":[\"x\"]},{\"name\":\"cola\",\"missing\":null},"
                            + "{\"b\":1,\"a\":[true,\"x\"]},[1,2],null,1.5,\"s\"]");
        }

        @Test
        void jsonNodesAreWrittenAsGiven() {
            Object[] args = {IntNode.valueOf(5), MAPPER.createObjectNode().put("k", "v")};
            assertThat(single(sut.encodeEvent("/", "e", args, -1))).isEqualTo("42[\"e\",5,{\"k\":\"v\"}]");
        }

        @Test
        void nullArgumentArrayMeansNoArguments() {
            assertThat(single(sut.encodeEvent("/", "ping", null, -1))).isEqualTo("42[\"ping\"]");
            assertThat(single(sut.encodeAck("/", 1, null))).isEqualTo("431[]");
        }

        @Test
        void eventNameAndStringsAreEscaped() {
            List<EioMessage> out = sut.encodeEvent("/", "he\"l\\lo\n", new Object[] {"\u0001é😀"}, -1);
            // Jackson may write the emoji raw or as an escaped surrogate pair: both are JSON.
            assertThat(single(out)).startsWith("42[\"he\\\"l\\\\lo\\n\",\"\\u0001é");
            Packet decoded = new PacketDecoder(MAPPER, 10).decodeText(Wire.packet(out.get(0)));
            assertThat(decoded.eventName()).isEqualTo("he\"l\\lo\n");
            assertThat(decoded.args().get(0).textValue()).isEqualTo("\u0001é😀");
        }

        @Test
        void unicodeNamespaceIsWrittenAsUtf8() {
            List<EioMessage> out = sut.encodeEvent("/café", "e", new Object[0], -1);
            assertThat(single(out)).isEqualTo("42/café,[\"e\"]");
        }

        @Test
        void indentationOfTheCallersMapperDoesNotReachTheWire() {
            PacketEncoder encoder = new PacketEncoder(new com.fasterxml.jackson.databind.ObjectMapper()
                    .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT));
            assertThat(single(encoder.encodeEvent("/", "e", new Object[] {Map.of("a", 1)}, -1)))
                    .isEqualTo("42[\"e\",{\"a\":1}]");
        }

        @Test
        void settingsOfTheCallersMapperApplyToArguments() {
            PacketEncoder encoder = new PacketEncoder(new com.fasterxml.jackson.databind.ObjectMapper()
                    .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL));
            assertThat(single(encoder.encodeEvent("/", "e", new Object[] {new Bean(), TextNode.valueOf("t")}, -1)))
                    .isEqualTo("42[\"e\",{\"name\":\"cola\"},\"t\"]");
        }
    }

    @Nested
    class Rejections {

        @Test
        void namespaceWithCommaIsRefused() {
            assertThatThrownBy(() -> sut.encodeEvent("/a,b", "e", new Object[0], -1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(",");
        }

        @Test
        void namespaceWithoutLeadingSlashIsRefused() {
            assertThatThrownBy(() -> sut.encodeDisconnect("admin")).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void invalidAckIdsAreRefused() {
            assertThatThrownBy(() -> sut.encodeEvent("/", "e", new Object[0], -2))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> sut.encodeAck("/", -1, new Object[0]))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void binaryDataInAConnectIsRefused() {
            assertThatThrownBy(() -> sut.encodeConnect("/", Map.of("blob", new byte[] {1})))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("binary");
        }

        @Test
        void unserialisableArgumentIsAnIllegalArgument() {
            assertThatThrownBy(() -> sut.encodeEvent("/", "e", new Object[] {new Object()}, -1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("serialise");
        }
    }

    static String single(List<EioMessage> messages) {
        assertThat(messages).hasSize(1);
        return text(messages.get(0));
    }
}
