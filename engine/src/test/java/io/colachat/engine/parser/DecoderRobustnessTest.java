package io.colachat.engine.parser;

import static io.colachat.engine.parser.Wire.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Hostile and random input: the decoder answers with a packet, null or ParseException, nothing else. */
class DecoderRobustnessTest {

    private static final List<String> VALID = List.of(
            "0", "0/admin,", "0/admin,{\"token\":\"123\"}", "1/admin,", "1",
            "2[\"hello\",1]", "2/admin,456[\"project:delete\",123]", "2[\"a\",{\"b\":[1,2.5,true,null]}]",
            "3/admin,456[]", "37[\"ok\"]", "4{\"message\":\"Not authorized\"}", "4\"legacy\"",
            "51-[\"hello\",{\"_placeholder\":true,\"num\":0}]",
            "62-/admin,9[{\"_placeholder\":true,\"num\":1},{\"x\":{\"_placeholder\":true,\"num\":0}}]");

    // Biased toward the characters the header and JSON grammar care about.
    private static final String ALPHABET = "0123456789-/,[]{}\":_placeholdertruenum \\.eE+\u00e9\u0000\n";

    private final Random random = new Random(20240601L);

    @Test
    void randomGarbageOnlyEverRaisesParseException() {
        for (int i = 0; i < 3000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int j = 0; j < length; j++) {
                text.append(random.nextInt(8) == 0 ? (char) random.nextInt(0x3000) : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            feed(new PacketDecoder(MAPPER, 10), text.toString());
        }
    }

    @Test
    void mutationsOfValidPacketsOnlyEverRaiseParseException() {
        PacketDecoder decoder = new PacketDecoder(MAPPER, 10);
        for (int i = 0; i < 5000; i++) {
            StringBuilder text = new StringBuilder(VALID.get(random.nextInt(VALID.size())));
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                mutate(text);
            }
            feed(decoder, text.toString());
        }
    }

    @Test
    void oneMegabyteEventDecodes() {
        String body = "x".repeat(1 << 20);
        StringBuilder text = new StringBuilder("2/chat,42[\"big\",\"").append(body).append("\",[");
        for (int i = 0; i < 20_000; i++) {
            text.append(i == 0 ? "" : ",").append("{\"i\":").append(i).append('}');
        }
        text.append("]]");

        Packet packet = new PacketDecoder(MAPPER, 10).decodeText(text.toString());

        assertThat(packet.eventName()).isEqualTo("big");
        assertThat(packet.id()).isEqualTo(42);
        assertThat(packet.args().get(0).textValue()).hasSize(1 << 20);
        assertThat(packet.args().get(1)).hasSize(20_000);
        assertThat(packet.args().get(1).get(19_999).get("i").intValue()).isEqualTo(19_999);
    }

    @Test
    void oneMegabyteBinaryEventWithManyPlaceholdersDecodes() {
        StringBuilder text = new StringBuilder("51-[\"many\"");
        while (text.length() < (1 << 20)) {
            text.append(",{\"_placeholder\":true,\"num\":0}");
        }
        text.append(']');
        PacketDecoder decoder = new PacketDecoder(MAPPER, 10);
        assertThat(decoder.decodeText(text.toString())).isNull();

        Packet packet = decoder.decodeBinary(new byte[] {1});

        assertThat(packet.args()).allSatisfy(arg -> assertThat(arg.binaryValue()).containsExactly(1));
    }

    @Test
    void errorMessagesDoNotEchoHugeInput() {
        String huge = "y".repeat(1 << 20);
        List<String> bad = List.of("2[\"" + huge + "\"]trailing", "2[" + huge + "]", "2/" + huge + ",[\"e\"]",
                "2" + "9".repeat(1 << 20) + "[\"e\"]", "5" + "9".repeat(1 << 20) + "-[\"e\"]", "2[{\"" + huge + "\"}]");
        for (String text : bad) {
            assertThatThrownBy(() -> new PacketDecoder(MAPPER, 10).decodeText(text))
                    .isInstanceOf(ParseException.class)
                    .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400));
        }
    }

    private void mutate(StringBuilder text) {
        int op = random.nextInt(6);
        int at = text.length() == 0 ? 0 : random.nextInt(text.length());
        char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        switch (op) {
            case 0 -> text.insert(at, c);
            case 1 -> {
                if (text.length() > 0) {
                    text.deleteCharAt(at);
                }
            }
            case 2 -> {
                if (text.length() > 0) {
                    text.setCharAt(at, c);
                }
            }
            case 3 -> text.setLength(at);
            case 4 -> text.insert(at, text.substring(at, Math.min(text.length(), at + random.nextInt(8))));
            default -> text.insert(at, random.nextBoolean() ? "{\"_placeholder\":true,\"num\":" + (random.nextInt(5) - 1) + "}," : "9999999999999999");
        }
    }

    /** Decodes {@code text}, then a random number of attachments, allowing only ParseException. */
    private void feed(PacketDecoder decoder, String text) {
        try {
            Packet packet = decoder.decodeText(text);
            if (packet != null) {
                assertThat(packet.namespace()).isNotNull();
                return;
            }
            int attachments = random.nextInt(4);
            for (int i = 0; i < attachments && decoder.awaitingAttachments(); i++) {
                decoder.decodeBinary(new byte[] {(byte) i});
            }
        } catch (ParseException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        } catch (RuntimeException | StackOverflowError unexpected) {
            fail("decoding " + text + " threw " + unexpected, unexpected);
        } finally {
            decoder.reset();
        }
    }
}
