package io.colachat.engine.parser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.colachat.engine.eio.EioMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Test helpers that move between encoder output and decoder input. */
final class Wire {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Wire() {
    }

    /** The Engine.IO text message as a string, with its {@code 4} prefix. */
    static String text(EioMessage message) {
        assertThat(message.isBinary()).as("text message").isFalse();
        return new String(message.frameBytes(), StandardCharsets.UTF_8);
    }

    /** The Socket.IO packet a text message carries, without the {@code 4} prefix. */
    static String packet(EioMessage message) {
        return text(message).substring(1);
    }

    /** Feeds encoder output to a decoder, as the Engine.IO layer would. */
    static Packet decodeAll(PacketDecoder decoder, List<EioMessage> messages) {
        Packet packet = decoder.decodeText(packet(messages.get(0)));
        for (EioMessage attachment : messages.subList(1, messages.size())) {
            assertThat(packet).as("packet completed before its last attachment").isNull();
            assertThat(attachment.isBinary()).isTrue();
            packet = decoder.decodeBinary(attachment.frameBytes());
        }
        return packet;
    }
}
