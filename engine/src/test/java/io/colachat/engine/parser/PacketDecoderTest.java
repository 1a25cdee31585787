package io.colachat.engine.parser;

import static io.colachat.engine.parser.Wire.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PacketDecoderTest {

    private final PacketDecoder sut = new PacketDecoder(MAPPER, 10);

    @Nested
    class KnownPackets {

        @Test
        void eventOnTheMainNamespace() {
            Packet packet = sut.decodeText("2[\"hello\",1]");
            assertThat(packet).isEqualTo(new Packet(PacketType.EVENT, "/", -1, MAPPER.createArrayNode().add("hello").add(1)));
            assertThat(packet.eventName()).isEqualTo("hello");
            assertThat(packet.args()).containsExactly(IntNode.valueOf(1));
            assertThat(packet.hasAckId()).isFalse();
        }

        @Test
        void eventWithNamespaceAndAckId() {
            Packet packet = sut.decodeText("2/admin,456[\"project:delete\",123]");
            assertThat(packet.type()).isEqualTo(PacketType.EVENT);
            assertThat(packet.namespace()).isEqualTo("/admin");
            assertThat(packet.id()).isEqualTo(456);
            assertThat(packet.eventName()).isEqualTo("project:delete");
            assertThat(packet.args()).containsExactly(IntNode.valueOf(123));
        }

        @Test
        void ackWithNamespace() {
            Packet packet = sut.decodeText("3/admin,456[]");
            assertThat(packet.type()).isEqualTo(PacketType.ACK);
            assertThat(packet.id()).isEqualTo(456);
            assertThat(packet.args()).isEmpty();
        }

        @Test
        void connectWithAuth() {
            Packet packet = sut.decodeText("0/admin,{\"token\":\"123\"}");
            assertThat(packet.type()).isEqualTo(PacketType.CONNECT);
            assertThat(packet.namespace()).isEqualTo("/admin");
            assertThat(packet.data().get("token").asText()).isEqualTo("123");
        }

        @Test
        void connectWithoutAuth() {
            assertThat(sut.decodeText("0")).isEqualTo(new Packet(PacketType.CONNECT, "/", -1, null));
            assertThat(sut.decodeText("0/admin,")).isEqualTo(new Packet(PacketType.CONNECT, "/admin", -1, null));
            assertThat(sut.decodeText("0/admin").namespace()).isEqualTo("/admin");
        }

        @Test
        void connectErrorAsObjectOrString() {
            assertThat(sut.decodeText("4{\"message\":\"Not authorized\"}").data().get("message").asText())
                    .isEqualTo("Not authorized");
            assertThat(sut.decodeText("4/admin,\"nope\"").data()).isEqualTo(TextNode.valueOf("nope"));
        }

        @Test
        void disconnect() {
            assertThat(sut.decodeText("1/admin,")).isEqualTo(new Packet(PacketType.DISCONNECT, "/admin", -1, null));
            assertThat(sut.decodeText("1")).isEqualTo(Packet.disconnect("/"));
        }

        @Test
        void largestAckIdIsFifteenDigits() {
            assertThat(sut.decodeText("3999999999999999[]").id()).isEqualTo(999_999_999_999_999L);
        }

        @Test
        void surroundingWhitespaceInTheJsonIsAllowedAsJsonParseAllowsIt() {
            assertThat(sut.decodeText("2 [\"e\"] \n").eventName()).isEqualTo("e");
        }

        @ParameterizedTest
        @ValueSource(strings = {"error", "connect", "disconnect", "disconnecting", "newListener", "connect_error"})
        void reservedEventNamesAreOrdinaryStringsHere(String name) {
            assertThat(sut.decodeText("2[\"" + name + "\",1]").eventName()).isEqualTo(name);
        }
    }

    @Nested
    class Rejections {

        @ParameterizedTest
        @ValueSource(strings = {
                // type
                "", "7", "9[\"e\"]", "a", "-", " 2[\"e\"]", "\u0662[\"e\"]",
                // attachment count
                "5", "5[\"e\"]", "5-[\"e\"]", "5x-[\"e\"]", "50-[\"e\"]", "51[\"e\"]", "51", "5-1-[\"e\"]",
                "6[\"e\"]", "61-[]", "5+1-[\"e\"]",
                // ack id
                "21234567890123456[\"e\"]", "399999999999999999999999999[]", "01{}", "11", "41{\"message\":\"x\"}",
                // data per type
                "2", "2/admin,", "2[]", "2{}", "2\"x\"", "2[1]", "2[{\"toString\":\"foo\"}]", "2[null]", "2[[\"e\"]]",
                "2[true]", "2null", "3[]", "3/admin,[]", "31", "31{}", "31\"x\"", "0[]", "0\"x\"", "01", "0null",
                "1{}", "1/admin,{}", "1/admin,\"x\"", "4", "4[]", "41", "4/admin,", "4null", "412{}",
                // JSON syntax and trailing data
                "2[", "2[\"e\"", "2[\"e\"]x", "2[\"e\"] [\"f\"]", "2[\"e\"],", "2['e']", "2[\"e\",NaN]", "2[\"e\",]",
                "2/*c*/[\"e\"]", "0{a:1}", "0{\"a\":1}}", "2[\"e\",01]", "2[\"\\x\"]", "2 ", "0 ",
                "2[\"e\"]\u0000", "2[\"\u0001\"]",
                // namespace
                "2/admin[\"e\",\"f\"]", "2/a,b,[\"e\"]",
        })
        void invalidPacketIsRefused(String text) {
            assertThatThrownBy(() -> sut.decodeText(text)).isInstanceOf(ParseException.class);
        }

        @Test
        void nullIsRefused() {
            assertThatThrownBy(() -> sut.decodeText(null)).isInstanceOf(ParseException.class);
            assertThatThrownBy(() -> sut.decodeBinary(null)).isInstanceOf(ParseException.class);
        }

        @Test
        void overlongNamespaceIsRefused() {
            String namespace = "/" + "n".repeat(PacketHeader.MAX_NAMESPACE_LENGTH);
            assertThatThrownBy(() -> sut.decodeText("2" + namespace + ",[\"e\"]"))
                    .isInstanceOf(ParseException.class).hasMessageContaining("namespace");
            String longest = "/" + "n".repeat(PacketHeader.MAX_NAMESPACE_LENGTH - 1);
            assertThat(sut.decodeText("2" + longest + ",[\"e\"]").namespace()).isEqualTo(longest);
        }

        @Test
        void deepNestingIsRefused() {
            String deep = "[".repeat(100) + "]".repeat(100);
            assertThatThrownBy(() -> sut.decodeText("2[\"e\"," + deep + "]")).isInstanceOf(ParseException.class);
            String allowed = "[".repeat(60) + "]".repeat(60);
            assertThat(sut.decodeText("2[\"e\"," + allowed + "]").eventName()).isEqualTo("e");
        }

        @Test
        void messageSaysWhatWasWrong() {
            assertThatThrownBy(() -> sut.decodeText("2[1]")).hasMessageContaining("name must be a string");
            assertThatThrownBy(() -> sut.decodeText("3[]")).hasMessageContaining("ack id");
            assertThatThrownBy(() -> sut.decodeText("2[\"e\"]x")).hasMessageContaining("invalid JSON data at index");
            assertThatThrownBy(() -> sut.decodeText("8")).hasMessageContaining("unknown packet type");
        }

        @Test
        void lenientFeaturesOfTheCallersMapperDoNotLoosenTheWire() {
            var lenient = new com.fasterxml.jackson.databind.ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
                    .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_SINGLE_QUOTES)
                    .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_JAVA_COMMENTS)
                    .build());
            PacketDecoder decoder = new PacketDecoder(lenient, 10);
            assertThatThrownBy(() -> decoder.decodeText("2['e']")).isInstanceOf(ParseException.class);
            assertThatThrownBy(() -> decoder.decodeText("2/*c*/[\"e\"]")).isInstanceOf(ParseException.class);
        }

        @Test
        void negativeMaxAttachmentsIsAConfigurationError() {
            assertThatThrownBy(() -> new PacketDecoder(MAPPER, -1)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
