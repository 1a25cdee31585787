package io.colachat.server.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.colachat.server.api.ApiException;
import io.colachat.server.api.ErrorCode;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InputRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EMOJI = "\uD83D\uDE00"; // U+1F600, one code point, two chars

    private final InputRules sut = InputRules.english();

    /** The JSON value of {@code {"v": <json>}}'s v, as a handler would see it. */
    private static JsonNode json(String json) {
        try {
            return JSON.readTree("{\"v\": " + json + "}").get("v");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static JsonNode text(String s) {
        return TextNode.valueOf(s);
    }

    private static ApiException refused(Runnable call) {
        ApiException e = catchThrowableOfType(ApiException.class, call::run);
        assertThat(e).as("refused").isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
        return e;
    }

    private static void assertRefused(Runnable call, String field, String message) {
        ApiException e = refused(call);
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).isEqualTo(message);
    }

    @Nested
    class Title {

        @Test
        void oneToThirtyCodePointsPass() {
            assertThat(sut.title(text("a"))).isEqualTo("a");
            assertThat(sut.title(text("a".repeat(30)))).hasSize(30);
        }

        @Test
        void emptyOrOverThirtyIsRefused() {
            assertRefused(() -> sut.title(text("")), "title", "title must be 1 to 30 characters");
            assertRefused(() -> sut.title(text("a".repeat(31))), "title", "title must be 1 to 30 characters");
        }

        @Test
        void lengthIsCountedAfterTrimming() {
            assertThat(sut.title(text("  Friday plans \n"))).isEqualTo("Friday plans");
            assertThat(sut.title(text(" " + "a".repeat(30) + " "))).hasSize(30);
            assertThat(sut.title(text("\u3000Friday\u3000"))).isEqualTo("Friday");
            assertRefused(() -> sut.title(text("   ")), "title", "title must be 1 to 30 characters");
        }

        @Test
        void anEmojiCountsAsOneCodePoint() {
            assertThat(sut.title(text(EMOJI.repeat(30)))).hasSize(60);
            assertRefused(() -> sut.title(text(EMOJI.repeat(31))), "title", "title must be 1 to 30 characters");
        }

        @Test
        void koreanCountsOneASyllable() {
            assertThat(sut.title(text("가".repeat(30)))).hasSize(30);
        }

        @ParameterizedTest
        @ValueSource(strings = {"a\nb", "a\tb", "a\u0000b", "a\rb", "a\u007Fb", "a\u0085b", "a\u2028b",
            "a\u202Eb", "a\u2066b"})
        void controlAndLayoutCharactersInsideAreRefused(String title) {
            assertRefused(() -> sut.title(text(title)), "title", "title must not contain control characters");
        }

        @Test
        void emojiSequencesAndRightToLeftMarksPass() {
            String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67"; // man ZWJ woman ZWJ girl
            assertThat(sut.title(text(family))).isEqualTo(family);
            assertThat(sut.title(text("\u200Fשלום"))).isEqualTo("\u200Fשלום");
        }

        @Test
        void loneSurrogatesAreRefused() {
            assertRefused(() -> sut.title(text("a\uD83D")), "title", "title must be valid Unicode text");
            assertRefused(() -> sut.title(text("\uDE00a")), "title", "title must be valid Unicode text");
        }

        @Test
        void loneSurrogatesFromJsonEscapesAreRefused() {
            assertRefused(() -> sut.title(json("\"a\\ud800b\"")), "title", "title must be valid Unicode text");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1", "1.5", "true", "[]", "{}", "[\"a\"]"})
        void nonStringsAreRefused(String value) {
            assertRefused(() -> sut.title(json(value)), "title", "title must be a string");
        }

        @Test
        void absentOrNullIsRequired() {
            assertRefused(() -> sut.title(null), "title", "title is required");
            assertRefused(() -> sut.title(NullNode.getInstance()), "title", "title is required");
            assertRefused(() -> sut.title(MissingNode.getInstance()), "title", "title is required");
        }
    }

    @Nested
    class Capacity {

        @Test
        void twoToTheMaximumPass() {
            assertThat(sut.capacity(json("2"), 100)).isEqualTo(2);
            assertThat(sut.capacity(json("100"), 100)).isEqualTo(100);
            assertThat(sut.capacity(json("8"), 10)).isEqualTo(8);
        }

        @ParameterizedTest
        @ValueSource(strings = {"1", "0", "-1", "101", "2.5", "99.99", "1e3", "\"8\"", "true", "[8]", "{}",
            "99999999999999999999999", "1e400", "-0.5"})
        void anythingElseIsRefused(String value) {
            assertRefused(() -> sut.capacity(json(value), 100), "capacity",
                    "capacity must be an integer from 2 to 100");
        }

        @Test
        void theMaximumIsTheConfiguredOne() {
            assertThat(sut.capacity(json("500"), 500)).isEqualTo(500);
            assertRefused(() -> sut.capacity(json("11"), 10), "capacity", "capacity must be an integer from 2 to 10");
        }

        @Test
        void anIntegralFloatIsAnInteger() {
            assertThat(sut.capacity(json("8.0"), 100)).isEqualTo(8);
            assertThat(sut.capacity(json("1e1"), 100)).isEqualTo(10);
        }

        @Test
        void absentIsRequired() {
            assertRefused(() -> sut.capacity(null, 100), "capacity", "capacity is required");
        }
    }

    @Nested
    class Passwords {

        @Test
        void aPasswordRoomNeedsAPassword() {
            assertThat(sut.roomPassword(json("true"), text("secret"))).contains("secret");
            assertRefused(() -> sut.roomPassword(json("true"), null), "password",
                    "password is required when isPassword is true");
            assertRefused(() -> sut.roomPassword(json("true"), json("null")), "password",
                    "password is required when isPassword is true");
            assertRefused(() -> sut.roomPassword(json("true"), text("   ")), "password",
                    "password is required when isPassword is true");
        }

        @Test
        void aRoomWithoutPasswordForbidsOne() {
            assertThat(sut.roomPassword(json("false"), null)).isEmpty();
            assertThat(sut.roomPassword(json("false"), json("null"))).isEmpty();
            assertRefused(() -> sut.roomPassword(json("false"), text("secret")), "password",
                    "password must be left out when isPassword is false");
            assertRefused(() -> sut.roomPassword(json("false"), text("")), "password",
                    "password must be left out when isPassword is false");
        }

        @Test
        void anAbsentIsPasswordMeansFalse() {
            assertThat(sut.isPassword(null)).isFalse();
            assertThat(sut.roomPassword(null, null)).isEmpty();
            assertRefused(() -> sut.roomPassword(null, text("secret")), "password",
                    "password must be left out when isPassword is false");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"true\"", "1", "0", "[]"})
        void isPasswordMustBeABoolean(String value) {
            assertRefused(() -> sut.isPassword(json(value)), "isPassword", "isPassword must be true or false");
        }

        @Test
        void oneToSixtyFourCodePointsPass() {
            assertThat(sut.password(text("x"))).isEqualTo("x");
            assertThat(sut.password(text("x".repeat(64)))).hasSize(64);
            assertThat(sut.password(text(EMOJI.repeat(64)))).hasSize(128);
            assertRefused(() -> sut.password(text("x".repeat(65))), "password", "password must be 1 to 64 characters");
            assertRefused(() -> sut.password(text(EMOJI.repeat(65))), "password", "password must be 1 to 64 characters");
            assertRefused(() -> sut.password(text("")), "password", "password is required");
        }

        @Test
        void passwordsAreNotTrimmed() {
            assertThat(sut.password(text(" open sesame "))).isEqualTo(" open sesame ");
        }

        @ParameterizedTest
        @ValueSource(strings = {"a\tb", "a\nb", "a\u0000b", "a\uD800"})
        void controlCharactersAndBrokenTextAreRefused(String password) {
            ApiException e = refused(() -> sut.password(text(password)));
            assertThat(e.field()).isEqualTo("password");
        }

        @Test
        void aPasswordMustBeAString() {
            assertRefused(() -> sut.password(json("1234")), "password", "password must be a string");
            assertRefused(() -> sut.roomPassword(json("true"), json("1234")), "password", "password must be a string");
        }

        @Test
        void anAttemptIsTakenAsSentAndMayBeAbsent() {
            assertThat(sut.passwordAttempt(null)).isEmpty();
            assertThat(sut.passwordAttempt(json("null"))).isEmpty();
            assertThat(sut.passwordAttempt(text(" x "))).contains(" x ");
            assertThat(sut.passwordAttempt(text("x".repeat(500)))).isPresent();
            assertRefused(() -> sut.passwordAttempt(json("1")), "password", "password must be a string");
        }
    }

    @Nested
    class Namespace {

        @Test
        void absentOrNullMeansAnonymous() {
            assertThat(sut.namespace(null)).isEqualTo("anonymous");
            assertThat(sut.namespace(json("null"))).isEqualTo("anonymous");
            assertThat(sut.namespace(MissingNode.getInstance())).isEqualTo("anonymous");
        }

        @Test
        void lettersDigitsUnderscoresAndDashesUpToSixtyFourPass() {
            assertThat(sut.namespace(text("Team_42-a"))).isEqualTo("Team_42-a");
            assertThat(sut.namespace(text("a"))).isEqualTo("a");
            assertThat(sut.namespace(text("n".repeat(64)))).hasSize(64);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "a b", "a/b", "한국", "a.b", "é"})
        void otherNamesAreRefused(String name) {
            assertRefused(() -> sut.namespace(text(name)), "namespace",
                    "namespace must be 1 to 64 letters, digits, '_' or '-'");
        }

        @Test
        void sixtyFiveIsTooLong() {
            assertRefused(() -> sut.namespace(text("n".repeat(65))), "namespace",
                    "namespace must be 1 to 64 letters, digits, '_' or '-'");
        }

        @Test
        void aNamespaceMustBeAString() {
            assertRefused(() -> sut.namespace(json("7")), "namespace", "namespace must be a string");
        }

        @Test
        void theSocketNamespaceCheckUsesTheSameRule() {
            assertThat(InputRules.isNamespace("anonymous")).isTrue();
            assertThat(InputRules.isNamespace("")).isFalse();
            assertThat(InputRules.isNamespace("a b")).isFalse();
            assertThat(InputRules.isNamespace(null)).isFalse();
        }
    }

    @Nested
    class Nickname {

        @Test
        void oneToTwentyCodePointsAfterTrimmingPass() {
            assertThat(sut.nickname(text("  Brave Otter  "))).isEqualTo("Brave Otter");
            assertThat(sut.nickname(text("n".repeat(20)))).hasSize(20);
            assertThat(sut.nickname(text(EMOJI.repeat(20)))).hasSize(40);
        }

        @Test
        void emptyOrOverTwentyIsRefused() {
            assertRefused(() -> sut.nickname(text(" ")), "nickname", "nickname must be 1 to 20 characters");
            assertRefused(() -> sut.nickname(text("n".repeat(21))), "nickname", "nickname must be 1 to 20 characters");
            assertRefused(() -> sut.nickname(text(EMOJI.repeat(21))), "nickname", "nickname must be 1 to 20 characters");
        }

        @Test
        void aNicknameIsOneLine() {
            assertRefused(() -> sut.nickname(text("a\nb")), "nickname", "nickname must not contain control characters");
            assertRefused(() -> sut.nickname(text("a\u202Eb")), "nickname",
                    "nickname must not contain control characters");
        }

        @Test
        void aNicknameMustBeAString() {
            assertRefused(() -> sut.nickname(json("false")), "nickname", "nickname must be a string");
            assertRefused(() -> sut.nickname(null), "nickname", "nickname is required");
        }
    }

    @Nested
    class Content {

        @Test
        void oneToAThousandCodePointsPass() {
            assertThat(sut.content(text("h"))).isEqualTo("h");
            assertThat(sut.content(text("c".repeat(1000)))).hasSize(1000);
            assertThat(sut.content(text(EMOJI.repeat(1000)))).hasSize(2000);
        }

        @Test
        void emptyOrOverAThousandIsRefused() {
            assertRefused(() -> sut.content(text("")), "content", "content must be 1 to 1000 characters");
            assertRefused(() -> sut.content(text(" \n\t ")), "content", "content must be 1 to 1000 characters");
            assertRefused(() -> sut.content(text("c".repeat(1001))), "content", "content must be 1 to 1000 characters");
        }

        @Test
        void newlineAndTabPassInsideAndAreTrimmedAtTheEnds() {
            assertThat(sut.content(text("\nline one\n\tline two\n"))).isEqualTo("line one\n\tline two");
        }

        @ParameterizedTest
        @ValueSource(strings = {"a\rb", "a\u0000b", "a\u0007b", "a\u001Bb", "a\u0085b", "a\u007Fb"})
        void otherControlCharactersAreRefused(String content) {
            assertRefused(() -> sut.content(text(content)), "content", "content must not contain control characters");
        }

        @Test
        void contentMayHoldRightToLeftText() {
            assertThat(sut.content(text("\u202Bמשהו\u202C"))).isEqualTo("\u202Bמשהו\u202C");
        }

        @Test
        void contentMustBeAString() {
            assertRefused(() -> sut.content(json("42")), "content", "content must be a string");
            assertRefused(() -> sut.content(json("null")), "content", "content is required");
        }
    }

    @Nested
    class Ids {

        private final String id = "3f1c2a9e-7b4d-4c8e-9a2f-1b2c3d4e5f60";

        @Test
        void aCanonicalUuidPasses() {
            assertThat(sut.uuid(text(id), "roomId")).isEqualTo(UUID.fromString(id));
            assertThat(sut.uuid(text(id.toUpperCase(Locale.ROOT)), "roomId")).isEqualTo(UUID.fromString(id));
            assertThat(sut.uuid(id, "roomId")).isEqualTo(UUID.fromString(id));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "1-1-1-1-1", "3f1c2a9e7b4d4c8e9a2f1b2c3d4e5f60", "{3f1c2a9e-7b4d-4c8e-9a2f-1b2c3d4e5f60}",
            " 3f1c2a9e-7b4d-4c8e-9a2f-1b2c3d4e5f60", "3f1c2a9e-7b4d-4c8e-9a2f-1b2c3d4e5f6g",
            "3f1c2a9e-7b4d-4c8e-9a2f-1b2c3d4e5f601"})
        void anythingButTheCanonicalFormIsRefused(String value) {
            assertRefused(() -> sut.uuid(text(value), "roomId"), "roomId", "roomId must be a UUID");
            assertRefused(() -> sut.uuid(value, "chatterId"), "chatterId", "chatterId must be a UUID");
        }

        @Test
        void aUuidMustBeAStringAndIsRequired() {
            assertRefused(() -> sut.uuid(json("42"), "roomId"), "roomId", "roomId must be a UUID");
            assertRefused(() -> sut.uuid((JsonNode) null, "roomId"), "roomId", "roomId is required");
        }

        @Test
        void anOptionalUuidMayBeAbsent() {
            assertThat(sut.optionalUuid(null, "chatterId")).isEmpty();
            assertThat(sut.optionalUuid(json("null"), "chatterId")).isEmpty();
            assertThat(sut.optionalUuid(text(id), "chatterId")).contains(UUID.fromString(id));
            assertRefused(() -> sut.optionalUuid(text("x"), "chatterId"), "chatterId", "chatterId must be a UUID");
        }
    }

    @Nested
    class Numbers {

        @Test
        void integersInRangePass() {
            assertThat(sut.integer(json("0"), "lastMessageId", 0, Long.MAX_VALUE)).isZero();
            assertThat(sut.integer(json("9223372036854775807"), "lastMessageId", 0, Long.MAX_VALUE))
                    .isEqualTo(Long.MAX_VALUE);
            assertThat(sut.optionalInteger(null, "lastMessageId", 0, 10)).isEqualTo(OptionalLong.empty());
            assertThat(sut.optionalInteger(json("7"), "lastMessageId", 0, 10)).isEqualTo(OptionalLong.of(7));
        }

        @Test
        void integersOutOfRangeOrOfTheWrongTypeAreRefused() {
            assertRefused(() -> sut.integer(json("-1"), "lastMessageId", 0, 10), "lastMessageId",
                    "lastMessageId must be an integer from 0 to 10");
            assertRefused(() -> sut.integer(json("\"3\""), "lastMessageId", 0, 10), "lastMessageId",
                    "lastMessageId must be an integer from 0 to 10");
        }

        @Test
        void textIntegersFromPathsAndQueriesAreDecimalDigits() {
            assertThat(sut.integer("1", "page", 1, 1000)).isEqualTo(1);
            assertThat(sut.integer("500", "limit", 1, 500)).isEqualTo(500);
            for (String bad : new String[] {"0", "501", "1.0", "abc", " 1", "0x10", "99999999999999999999"}) {
                assertRefused(() -> sut.integer(bad, "limit", 1, 500), "limit", "limit must be an integer from 1 to 500");
            }
            assertRefused(() -> sut.integer("", "page", 1, 10), "page", "page is required");
        }
    }

    @Nested
    class Bodies {

        @Test
        void aBodyMustBeAnObject() {
            assertThat(sut.object(json("{\"a\": 1}"), "body").get("a").intValue()).isEqualTo(1);
            assertRefused(() -> sut.object(json("[]"), "body"), "body", "body must be a JSON object");
            assertRefused(() -> sut.object(null, "body"), "body", "body must be a JSON object");
        }

        @Test
        void absentMeansNullJsonNullOrMissing() {
            assertThat(InputRules.absent(null)).isTrue();
            assertThat(InputRules.absent(NullNode.getInstance())).isTrue();
            assertThat(InputRules.absent(MissingNode.getInstance())).isTrue();
            assertThat(InputRules.absent(text(""))).isFalse();
        }
    }

    @Test
    void messagesFollowTheServerLanguage() {
        InputRules korean = new InputRules(Texts.forLocale(Locale.KOREAN));

        ApiException e = refused(() -> korean.title(text("")));

        assertThat(e.getMessage()).isEqualTo("title 값은 1자 이상 30자 이하여야 합니다");
        assertThat(e.field()).isEqualTo("title");
    }

    @Test
    void aWholeCreateRoomBodyReadsCleanly() throws JsonProcessingException {
        JsonNode body = JSON.readTree(
                "{\"title\":\" Friday plans \",\"capacity\":8,\"isPassword\":true,\"password\":\"pw\"}");
        Function<String, JsonNode> f = body::get;

        assertThat(sut.title(f.apply("title"))).isEqualTo("Friday plans");
        assertThat(sut.capacity(f.apply("capacity"), 100)).isEqualTo(8);
        assertThat(sut.roomPassword(f.apply("isPassword"), f.apply("password"))).isEqualTo(Optional.of("pw"));
        assertThat(sut.namespace(f.apply("namespace"))).isEqualTo("anonymous");
    }
}
