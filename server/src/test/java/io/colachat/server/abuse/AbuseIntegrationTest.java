package io.colachat.server.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.colachat.server.testing.ChatClient;
import io.colachat.server.testing.Http;
import io.colachat.server.testing.LiveServer;
import io.colachat.server.testing.TestApp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The abuse limits at their defaults, over real sockets and HTTP. */
@Tag("integration")
class AbuseIntegrationTest {

    @RegisterExtension
    final LiveServer server = new LiveServer();

    private ChatClient client() {
        return server.client();
    }

    @Test
    void aFloodIsRateLimitedAndNothingOfItIsStored() {
        TestApp app = server.start("--flood-burst", "12", "--flood-rate", "1");
        Http http = new Http(app.baseUrl());
        String room = http.createRoom("Flood", 4, null);
        ChatClient flooder = client();
        JsonNode me = flooder.join(Map.of("roomId", room)).path("data");
        int accepted = 0;
        int limited = 0;
        for (int i = 0; i < 40; i++) {
            JsonNode ack = flooder.send(room, "spam " + i);
            if (ack.path("success").asBoolean()) {
                accepted++;
            } else {
                assertThat(ack.path("code").asText()).isEqualTo("RATE_LIMITED");
                limited++;
            }
        }
        assertThat(accepted).isBetween(11, 14);
        assertThat(limited).isEqualTo(40 - accepted);
        JsonNode stored = http.get("/chat/rooms/" + room + "/messages?limit=500", me.path("token").asText()).data();
        long messages = 0;
        for (JsonNode m : stored) {
            if (m.path("type").asText().equals("MESSAGE")) {
                messages++;
            }
        }
        assertThat(messages).isEqualTo(accepted);
    }

    @Test
    void roomCreationIsLimitedPerAddress() {
        TestApp app = server.start("--rooms-per-ip-per-minute", "3");
        Http http = new Http(app.baseUrl());
        for (int i = 0; i < 3; i++) {
            http.createRoom("r" + i, 2, null);
        }
        Http.Res refused = http.post("/chat/rooms", "{\"title\":\"one more\",\"capacity\":2,\"isPassword\":false}");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.code()).isEqualTo("RATE_LIMITED");
        // A bad request is refused for what it is, and costs nothing.
        assertThat(http.post("/chat/rooms", "{\"title\":\"\",\"capacity\":2,\"isPassword\":false}").code())
                .isEqualTo("INVALID_INPUT");
    }

    @Test
    void guessingARoomPasswordIsLimitedPerAddressAndRoom() {
        TestApp app = server.start("--password-attempts-per-minute", "3");
        Http http = new Http(app.baseUrl());
        String room = http.createRoom("Locked", 4, "right");
        for (int i = 0; i < 3; i++) {
            assertThat(http.post("/chat/rooms/" + room + "/access-check", "{\"password\":\"guess" + i + "\"}").data().asBoolean()).isFalse();
        }
        assertThat(http.post("/chat/rooms/" + room + "/access-check", "{\"password\":\"guess\"}").code()).isEqualTo("RATE_LIMITED");
        // The socket path shares the count: even the right password waits.
        assertThat(client().join(Map.of("roomId", room, "password", "right")).path("code").asText()).isEqualTo("RATE_LIMITED");
        String other = http.createRoom("Other", 4, "pw");
        assertThat(http.post("/chat/rooms/" + other + "/access-check", "{\"password\":\"pw\"}").data().asBoolean()).isTrue();
    }
}
