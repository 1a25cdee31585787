package io.colachat.server.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.colachat.server.testing.ChatClient;
import io.colachat.server.testing.Http;
import io.colachat.server.testing.TestApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Contract section 5 over real sockets, with the official Java client. */
@Tag("integration")
class SocketContractIntegrationTest {

    private static TestApp app;
    private static Http http;
    private final List<ChatClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() {
        app = TestApp.start();
        http = new Http(app.baseUrl());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(ChatClient::close);
    }

    private ChatClient client() {
        return client("anonymous");
    }

    private ChatClient client(String namespace) {
        ChatClient c = ChatClient.connect(app.baseUrl(), namespace);
        clients.add(c);
        return c;
    }

    private static Map<String, Object> fields(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static void assertError(JsonNode envelope, String code) {
        assertThat(envelope.path("success").asBoolean()).as("envelope %s", envelope).isFalse();
        assertThat(envelope.path("code").asText()).isEqualTo(code);
        assertThat(envelope.path("message").asText()).isNotBlank();
        assertThat(envelope.path("data").isNull()).isTrue();
    }

    @Test
    void joiningGivesTheOwnChatterWithATokenAndEveryoneSeesOneJoinAlert() {
        String room = http.createRoom("Friday plans", 8, null);
        ChatClient a = client();
        JsonNode ackA = a.join(fields("roomId", room));
        assertThat(ackA.path("success").asBoolean()).isTrue();
        JsonNode me = ackA.path("data");
        assertThat(me.path("id").asText()).hasSize(36);
        assertThat(me.path("nickname").asText()).isNotBlank();
        assertThat(me.path("roomId").asText()).isEqualTo(room);
        assertThat(me.path("isActive").asBoolean()).isTrue();
        assertThat(me.path("token").asText().length()).isGreaterThanOrEqualTo(22);
        assertThat(me.path("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

        ChatClient b = client();
        JsonNode bMe = b.join(fields("roomId", room)).path("data");
        JsonNode alert = a.await("sendAlert", p -> p.path("alert").path("nickname").asText().equals(bMe.path("nickname").asText()));
        assertThat(alert.path("type").asText()).isEqualTo("ALERT");
        assertThat(alert.path("alert").path("kind").asText()).isEqualTo("JOIN");
        assertThat(alert.path("content").asText()).contains(bMe.path("nickname").asText());
        assertThat(alert.toString()).doesNotContain(bMe.path("token").asText());
        JsonNode diff = a.await("presenceDiff", p -> p.path("joined").size() == 1
                && p.path("joined").get(0).path("id").asText().equals(bMe.path("id").asText()));
        assertThat(diff.path("left").isArray()).isTrue();
        assertThat(diff.path("renamed").isArray()).isTrue();
        assertThat(diff.path("joined").get(0).has("token")).isFalse();
        // The joiner gets the full list after its own join.
        JsonNode list = b.await("returnChatters", p -> p.size() == 2);
        assertThat(list.toString()).doesNotContain("token");
        assertThat(me.path("nickname").asText()).isNotEqualTo(bMe.path("nickname").asText());
    }

    @Test
    void messagesAreStoredThenBroadcastToEveryMemberInIdOrder() {
        String room = http.createRoom("Order", 8, null);
        ChatClient a = client();
        ChatClient b = client();
        a.join(fields("roomId", room));
        b.join(fields("roomId", room));
        List<Long> acked = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            JsonNode ack = (i % 2 == 0 ? a : b).send(room, "m" + i);
            assertThat(ack.path("success").asBoolean()).isTrue();
            assertThat(ack.path("data").path("type").asText()).isEqualTo("MESSAGE");
            acked.add(ack.path("data").path("id").asLong());
        }
        assertThat(acked).isSorted().doesNotHaveDuplicates();
        for (ChatClient c : List.of(a, b)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> c.received("sendMessage").size() == 30);
            List<JsonNode> got = c.received("sendMessage");
            List<Long> ids = got.stream().map(m -> m.path("id").asLong()).toList();
            assertThat(ids).isEqualTo(acked);
            assertThat(got.get(3).path("content").asText()).isEqualTo("m3");
            assertThat(got.get(3).path("chatter").path("nickname").asText()).isNotBlank();
            assertThat(got.get(3).path("roomId").asText()).isEqualTo(room);
        }
    }

    @Test
    void badRequestsAreRefusedWithTheirCodes() {
        String room = http.createRoom("Rules", 2, null);
        String locked = http.createRoom("Locked", 4, "s3cret");
        ChatClient c = client();
        assertError(c.join(fields("roomId", "not-a-uuid")), "INVALID_INPUT");
        assertError(c.join(fields()), "INVALID_INPUT");
        assertError(c.join(fields("roomId", 42)), "INVALID_INPUT");
        assertError(c.call("joinRoom", "just a string"), "INVALID_INPUT");
        assertError(c.join(fields("roomId", "00000000-0000-0000-0000-000000000000")), "ROOM_NOT_FOUND");
        assertError(c.join(fields("roomId", locked)), "WRONG_PASSWORD");
        assertError(c.join(fields("roomId", locked, "password", "nope")), "WRONG_PASSWORD");
        assertError(c.send(room, "before joining"), "NOT_JOINED");
        assertError(c.call("sendAlert", fields("roomId", room, "content", "fake")), "FORBIDDEN");
        assertError(c.call("returnChatters", fields("roomId", room)), "NOT_JOINED");
        assertError(c.call("leaveRoom", fields()), "NOT_JOINED");

        ChatClient other = client("elsewhere");
        assertError(other.join(fields("roomId", room)), "ROOM_NOT_FOUND");

        assertThat(c.join(fields("roomId", locked, "password", "s3cret")).path("success").asBoolean()).isTrue();
        assertError(c.send(room, "wrong room"), "NOT_JOINED");
        assertError(c.send(locked, ""), "INVALID_INPUT");
        assertError(c.send(locked, "x".repeat(1001)), "INVALID_INPUT");
        assertError(c.send(locked, "bell\u0007"), "INVALID_INPUT");
        assertThat(c.send(locked, "line one\nline\ttwo").path("success").asBoolean()).isTrue();
        assertThat(c.send(locked, "\uD83D\uDE00".repeat(1000)).path("success").asBoolean()).isTrue();
        assertError(c.join(fields("roomId", room)), "INVALID_INPUT");
    }

    @Test
    void aFullRoomRefusesANewcomerButNotAResumingChatter() {
        String room = http.createRoom("Pair", 2, null);
        ChatClient a = client();
        ChatClient b = client();
        JsonNode bMe = b.join(fields("roomId", room)).path("data");
        a.join(fields("roomId", room));
        assertError(client().join(fields("roomId", room)), "ROOM_FULL");
        assertThat(http.post("/chat/rooms/" + room + "/access-check", "{}").status()).isEqualTo(409);
        // A second tab of a present chatter takes no new seat.
        ChatClient b2 = client();
        JsonNode resumed = b2.join(fields("roomId", room, "chatterId", bMe.path("id").asText(), "token", bMe.path("token").asText()));
        assertThat(resumed.path("success").asBoolean()).isTrue();
        assertThat(resumed.path("data").path("id").asText()).isEqualTo(bMe.path("id").asText());
    }

    @Test
    void returnChattersAnswersAndEmitsThePresentList() {
        String room = http.createRoom("Who", 8, null);
        ChatClient a = client();
        a.join(fields("roomId", room));
        JsonNode ack = a.call("returnChatters", fields("roomId", room));
        assertThat(ack.path("data").size()).isEqualTo(1);
        assertThat(ack.path("data").get(0).has("token")).isFalse();
        a.await("returnChatters", p -> p.size() == 1);
    }

    @Test
    void typingIsRelayedToTheOthersOnly() {
        String room = http.createRoom("Typing", 8, null);
        ChatClient a = client();
        ChatClient b = client();
        JsonNode aMe = a.join(fields("roomId", room)).path("data");
        b.join(fields("roomId", room));
        a.call("typing", fields("roomId", room));
        JsonNode t = b.await("typing", p -> true);
        assertThat(t.path("chatterId").asText()).isEqualTo(aMe.path("id").asText());
        assertThat(t.path("nickname").asText()).isEqualTo(aMe.path("nickname").asText());
        b.send(room, "sync");
        a.await("sendMessage", p -> p.path("content").asText().equals("sync"));
        assertThat(a.received("typing")).isEmpty();
    }

    @Test
    void renameBroadcastsARenameAlertAndTheNewPresence() {
        String room = http.createRoom("Names", 8, null);
        ChatClient a = client();
        ChatClient b = client();
        JsonNode aMe = a.join(fields("roomId", room)).path("data");
        b.join(fields("roomId", room));
        String path = "/chat/chatters/" + aMe.path("id").asText() + "/nickname";
        assertThat(http.patch(path, "{\"nickname\":\"Captain\"}", "wrong-token").status()).isEqualTo(401);
        assertThat(http.patch(path, "{\"nickname\":\"\"}", aMe.path("token").asText()).code()).isEqualTo("INVALID_INPUT");
        assertThat(http.patch(path, "{\"nickname\":\"x".repeat(1) + "y".repeat(20) + "\"}", aMe.path("token").asText()).status()).isEqualTo(400);
        Http.Res ok = http.patch(path, "{\"nickname\":\"Captain\"}", aMe.path("token").asText());
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.data().path("nickname").asText()).isEqualTo("Captain");
        JsonNode alert = b.await("sendAlert", p -> p.path("alert").path("kind").asText().equals("RENAME"));
        assertThat(alert.path("alert").path("nickname").asText()).isEqualTo("Captain");
        assertThat(alert.path("alert").path("previousNickname").asText()).isEqualTo(aMe.path("nickname").asText());
        b.await("presenceDiff", p -> p.path("renamed").size() == 1);
        a.send(room, "now as captain");
        JsonNode m = b.await("sendMessage", p -> p.path("content").asText().equals("now as captain"));
        assertThat(m.path("chatter").path("nickname").asText()).isEqualTo("Captain");
    }
}
