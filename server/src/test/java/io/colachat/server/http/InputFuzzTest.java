package io.colachat.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.colachat.server.api.ApiException;
import io.colachat.server.api.ErrorCode;
import io.colachat.server.text.InputRules;
import io.colachat.server.text.Texts;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Coverage-guided fuzzing of everything a client hands the server as text: REST bodies (through
 * the real {@link Request} body parsing), every event's JSON payload, path segments and query
 * values, through the real validation ({@link InputRules}). In the normal build the target runs
 * on its seeds and then fuzzes for a few seconds; docs/security.md says how to fuzz longer.
 *
 * <p>Properties: nothing but {@code ApiException(INVALID_INPUT)} escapes, and whatever is
 * accepted obeys the contract's rules (lengths in code points after trimming, no control
 * characters, ranges, canonical UUIDs).
 */
class InputFuzzTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final InputRules RULES = new InputRules(Texts.english());

    /** The first byte picks what the rest is: a REST body, an event payload, or a path/query value. */
    @FuzzTest(maxDuration = "10s")
    void anyInputIsAcceptedWithinTheRulesOrRefusedAsInvalidInput(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int which = (input[0] & 0xff) % 8;
        byte[] rest = Arrays.copyOfRange(input, 1, input.length);
        try {
            switch (which) {
                case 0 -> createRoom(body(rest));
                case 1 -> RULES.passwordAttempt(body(rest).get("password"));
                case 2 -> joinRoom(json(rest));
                case 3 -> sendMessage(json(rest));
                case 4 -> checkText(RULES.nickname(body(rest).get("nickname")), 20, false);
                case 5 -> pathUuid(new String(rest, StandardCharsets.UTF_8));
                case 6 -> pathNumbers(new String(rest, StandardCharsets.UTF_8));
                default -> RULES.uuid(json(rest).path("roomId"), "roomId");
            }
        } catch (ApiException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    /** A REST body through the request's own parsing: not JSON or not an object is INVALID_INPUT. */
    private static JsonNode body(byte[] bytes) {
        Request req = new Request("POST", "/chat/rooms", List.of("chat", "rooms"), Map.of(), null, null, bytes,
                true, "127.0.0.1");
        return req.jsonObject(MAPPER);
    }

    /** An event's first argument: any JSON value (the gateway refuses what is not an object). */
    private static JsonNode json(byte[] bytes) {
        JsonNode node = new Request("POST", "/", List.of(), Map.of(), null, null, bytes, true, "127.0.0.1").json(MAPPER);
        if (!node.isObject()) {
            throw ApiException.invalid("payload", "not an object");
        }
        return node;
    }

    private static void createRoom(JsonNode body) {
        checkText(RULES.title(body.get("title")), 30, false);
        int capacity = RULES.capacity(body.get("capacity"), 100);
        assertThat(capacity).isBetween(2, 100);
        RULES.roomPassword(body.get("isPassword"), body.get("password"))
                .ifPresent(p -> assertThat(p.codePointCount(0, p.length())).isBetween(1, 64));
        assertThat(RULES.namespace(body.get("namespace"))).matches("^[A-Za-z0-9_-]{1,64}$");
    }

    private static void joinRoom(JsonNode p) {
        RULES.uuid(p.get("roomId"), "roomId");
        RULES.optionalUuid(p.get("chatterId"), "chatterId");
        RULES.passwordAttempt(p.get("password"));
        RULES.optionalInteger(p.get("lastMessageId"), "lastMessageId", 0, Long.MAX_VALUE)
                .ifPresent(v -> assertThat(v).isNotNegative());
    }

    private static void sendMessage(JsonNode p) {
        RULES.uuid(p.get("roomId"), "roomId");
        checkText(RULES.content(p.get("content")), 1000, true);
    }

    private static void pathUuid(String segment) {
        UUID id = RULES.uuid(segment, "roomId");
        assertThat(id.toString()).isEqualToIgnoringCase(segment);
    }

    private static void pathNumbers(String value) {
        long page = RULES.integer(value, "page", 1, 1_000_000);
        assertThat(page).isBetween(1L, 1_000_000L);
    }

    private static void checkText(String value, int max, boolean linesAllowed) {
        assertThat(value).isEqualTo(value.strip());
        assertThat(value.codePointCount(0, value.length())).isBetween(1, max);
        value.codePoints().forEach(c -> {
            boolean allowedControl = linesAllowed && (c == '\n' || c == '\t');
            assertThat(Character.getType(c) == Character.CONTROL && !allowedControl)
                    .as("control character U+%04X accepted", c).isFalse();
        });
    }
}
