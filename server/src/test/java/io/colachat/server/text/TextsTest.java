package io.colachat.server.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.colachat.server.api.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class TextsTest {

    private final Texts en = Texts.english();
    private final Texts ko = Texts.forLocale(Locale.KOREAN);

    @Test
    void englishAlertsReadAsTheContractShows() {
        assertThat(en.joined("Brave Otter")).isEqualTo("Brave Otter joined.");
        assertThat(en.left("Brave Otter")).isEqualTo("Brave Otter left.");
        assertThat(en.renamed("Brave Otter", "Calm Heron")).isEqualTo("Brave Otter is now Calm Heron.");
    }

    @Test
    void koreanAlertsAreKorean() {
        assertThat(ko.joined("용감한 수달")).isEqualTo("용감한 수달 님이 입장했습니다.");
        assertThat(ko.left("용감한 수달")).isEqualTo("용감한 수달 님이 퇴장했습니다.");
        assertThat(ko.renamed("용감한 수달", "차분한 왜가리"))
                .isEqualTo("용감한 수달 님의 이름이 차분한 왜가리(으)로 바뀌었습니다.");
    }

    @Test
    void aNicknameThatLooksLikeAPlaceholderIsPrintedAsWritten() {
        assertThat(en.renamed("{nickname}", "{previous}")).isEqualTo("{nickname} is now {previous}.");
        assertThat(en.joined("$1 \\ {x}")).isEqualTo("$1 \\ {x} joined.");
    }

    @Test
    void everyErrorCodeHasAMessageInEveryLanguage() {
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(en.keys()).as("a text of its own for " + code).contains("error." + code.name());
            assertThat(en.error(code)).as(code.name()).isNotBlank().endsWith(".");
            assertThat(ko.error(code)).as(code.name()).isNotBlank().isNotEqualTo(en.error(code));
        }
    }

    @Test
    void errorMessagesAreTheOnesTheContractNames() {
        assertThat(en.error(ErrorCode.ROOM_FULL)).isEqualTo("The room is full.");
        assertThat(en.error(ErrorCode.ROOM_NOT_FOUND)).isEqualTo("The room does not exist.");
        assertThat(en.error(ErrorCode.ROOM_EXPIRED)).isEqualTo("The room has expired.");
        assertThat(en.error(ErrorCode.WRONG_PASSWORD)).isEqualTo("The password is wrong.");
        assertThat(en.error(ErrorCode.INVALID_TOKEN)).isEqualTo("The chatter token is missing or wrong.");
        assertThat(en.error(ErrorCode.NOT_JOINED)).isEqualTo("Join the room first.");
        assertThat(en.error(ErrorCode.FORBIDDEN)).isEqualTo("This action is not allowed.");
        assertThat(en.error(ErrorCode.RATE_LIMITED)).isEqualTo("Too many requests; slow down.");
        assertThat(en.error(ErrorCode.PAYLOAD_TOO_LARGE)).isEqualTo("The request is too large.");
        assertThat(en.error(ErrorCode.INTERNAL)).isEqualTo("Something went wrong on our side.");
        assertThat(en.error(ErrorCode.UNAVAILABLE)).isEqualTo("The service is temporarily unavailable; try again.");
        assertThat(en.error(ErrorCode.INVALID_INPUT)).isEqualTo("The input is not valid.");
    }

    @Test
    void fieldMessagesNameTheField() {
        assertThat(en.length("title", 1, 30)).isEqualTo("title must be 1 to 30 characters");
        assertThat(en.integerRange("capacity", 2, 100)).isEqualTo("capacity must be an integer from 2 to 100");
        assertThat(en.required("roomId")).isEqualTo("roomId is required");
        assertThat(en.namespace()).isEqualTo("namespace must be 1 to 64 letters, digits, '_' or '-'");
        assertThat(ko.length("title", 1, 30)).isEqualTo("title 값은 1자 이상 30자 이하여야 합니다");
        assertThat(en.alreadyJoined()).isEqualTo("this socket has already joined another room");
        assertThat(en.nicknameTaken()).isEqualTo("nickname is already taken in this room");
        assertThat(ko.nicknameTaken()).isNotEqualTo(en.nicknameTaken());
    }

    @Test
    void bothBundlesHoldExactlyTheSameKeys() throws IOException {
        Properties root = bundle("/i18n/messages.properties");
        Properties korean = bundle("/i18n/messages_ko.properties");

        assertThat(korean.stringPropertyNames()).isEqualTo(root.stringPropertyNames());
        assertThat(en.keys()).isEqualTo(root.stringPropertyNames());
    }

    @Test
    void anyOtherLanguageFallsBackToEnglish() {
        assertThat(Texts.forLocale(Locale.KOREA)).isSameAs(ko);
        assertThat(Texts.forLocale(Locale.FRENCH)).isSameAs(en);
        assertThat(Texts.forLocale(null)).isSameAs(en);
        assertThat(ko.locale()).isEqualTo(Locale.KOREAN);
        assertThat(en.locale()).isEqualTo(Locale.ENGLISH);
    }

    private static Properties bundle(String resource) throws IOException {
        Properties p = new Properties();
        try (InputStream in = TextsTest.class.getResourceAsStream(resource)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
