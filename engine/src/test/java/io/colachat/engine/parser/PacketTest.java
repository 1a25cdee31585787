package io.colachat.engine.parser;

import static io.colachat.engine.parser.Wire.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

class PacketTest {

    @Test
    void namespaceDefaultsToTheMainOne() {
        assertThat(new Packet(PacketType.CONNECT, null, -1, null).namespace()).isEqualTo("/");
    }

    @Test
    void typeCodesFollowTheWireOrder() {
        for (PacketType type : PacketType.values()) {
            assertThat(PacketType.fromCode(type.code())).isSameAs(type);
        }
        assertThat(PacketType.BINARY_ACK.code()).isEqualTo(6);
        assertThatThrownBy(() -> PacketType.fromCode(7)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> PacketType.fromCode(-1)).isInstanceOf(ParseException.class);
    }

    @Test
    void eventNameAndArgsOfAnEvent() {
        Packet packet = Packet.event("/", "chat", 3, TextNode.valueOf("hi"), IntNode.valueOf(2));
        assertThat(packet.eventName()).isEqualTo("chat");
        assertThat(packet.args()).containsExactly(TextNode.valueOf("hi"), IntNode.valueOf(2));
        assertThat(packet.hasAckId()).isTrue();
    }

    @Test
    void argsOfAnAckAreAllItsElements() {
        Packet packet = Packet.ack("/", 3, IntNode.valueOf(1));
        assertThat(packet.eventName()).isNull();
        assertThat(packet.args()).containsExactly(IntNode.valueOf(1));
    }

    @Test
    void otherTypesHaveNoEventNameOrArgs() {
        Packet packet = Packet.connect("/", MAPPER.createObjectNode().put("token", "t"));
        assertThat(packet.eventName()).isNull();
        assertThat(packet.args()).isEmpty();
    }

    @Test
    void invalidIdsAreRefused() {
        assertThatThrownBy(() -> new Packet(PacketType.EVENT, "/", -2, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Packet.ack("/", -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringStaysShortForHugeData() {
        Packet packet = Packet.event("/", "big", -1, TextNode.valueOf("z".repeat(100_000)));
        assertThat(packet.toString()).hasSizeLessThan(400).contains("big");
    }
}
