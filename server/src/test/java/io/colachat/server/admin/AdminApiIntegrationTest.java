package io.colachat.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.colachat.server.metrics.LiveFigures;
import io.colachat.server.testing.ChatClient;
import io.colachat.server.testing.Http;
import io.colachat.server.testing.TestApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code /admin/api}: the token, the figures, the room list, closing a room, removing a chatter. */
@Tag("integration")
class AdminApiIntegrationTest {

    static final String TOKEN = "operator-secret-token-0123456789";

    private static TestApp app;
    private static Http http;
    private static AdminClient admin;
    private final List<ChatClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() {
        System.setProperty(LiveFigures.PERIOD_PROPERTY, "200");
        app = TestApp.start("--admin-token", TOKEN);
        http = new Http(app.baseUrl());
        admin = new AdminClient(app.baseUrl(), TOKEN);
    }

    @AfterAll
    static void stop() {
        app.close();
        System.clearProperty(LiveFigures.PERIOD_PROPERTY);
    }

    @AfterEach
    void closeClients() {
        clients.forEach(ChatClient::close);
    }

    @Test
    void adminIsOffWhenNoTokenIsConfigured() {
        try (TestApp plain = TestApp.start()) {
            AdminClient any = new AdminClient(plain.baseUrl(), TOKEN);
            assertThat(any.get("/admin").status()).isEqualTo(404);
            assertThat(any.get("/admin/admin.js").status()).isEqualTo(404);
            assertThat(any.get("/admin/api/overview").status()).isEqualTo(404);
            assertThat(any.post("/admin/api/rooms/" + UUID.randomUUID() + "/close").status()).isEqualTo(404);
        }
    }

    @Test
    void theApiRefusesAMissingOrWrongToken() {
        for (AdminClient c : List.of(new AdminClient(app.baseUrl(), null),
                new AdminClient(app.baseUrl(), "wrong"),
                new AdminClient(app.baseUrl(), TOKEN + "x"),
                new AdminClient(app.baseUrl(), TOKEN.substring(0, TOKEN.length() - 1)))) {
            AdminClient.Res r = c.get("/admin/api/overview");
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.code()).isEqualTo("INVALID_TOKEN");
            assertThat(c.post("/admin/api/rooms/" + UUID.randomUUID() + "/close").status()).isEqualTo(401);
        }
    }

    @Test
    void thePageIsServedWithoutTheToken() {
        AdminClient anonymous = new AdminClient(app.baseUrl(), null);
        AdminClient.Res page = anonymous.get("/admin");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("Admin token").doesNotContain(TOKEN);
        assertThat(anonymous.get("/admin/admin.js").status()).isEqualTo(200);
        assertThat(anonymous.get("/admin/admin.css").status()).isEqualTo(200);
        assertThat(anonymous.get("/admin/nothing.js").status()).isEqualTo(404);
        assertThat(anonymous.get("/admin/..%2Fweb%2Findex.html").status()).isEqualTo(404);
    }

    @Test
    void overviewShowsTheLiveFiguresAndTheirHistory() {
        String room = http.createRoom("Figures", 8, null);
        client().join(Map.of("roomId", room));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            JsonNode o = admin.get("/admin/api/overview").data();
            assertThat(o.path("figures").path("connections").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(o.path("figures").path("connectionsByTransport").path("websocket").asInt())
                    .isGreaterThanOrEqualTo(1);
            assertThat(o.path("figures").path("openRooms").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(o.path("figures").path("presentChatters").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(o.path("history").size()).isGreaterThanOrEqualTo(2);
            assertThat(o.path("history").get(0).has("messagesPerSecond")).isTrue();
        });
    }

    @Test
    void roomsListTheirPresentChattersWithoutTokens() {
        String room = http.createRoom("Listed", 8, null);
        JsonNode me = client().join(Map.of("roomId", room)).path("data");
        AdminClient.Res res = admin.get("/admin/api/rooms");
        assertThat(res.status()).isEqualTo(200);
        JsonNode listed = find(res.data(), room);
        assertThat(listed.path("title").asText()).isEqualTo("Listed");
        assertThat(listed.path("onlineCount").asInt()).isEqualTo(1);
        assertThat(listed.path("chatters").get(0).path("id").asText()).isEqualTo(me.path("id").asText());
        assertThat(listed.path("chatters").get(0).path("nickname").asText()).isEqualTo(me.path("nickname").asText());
        assertThat(res.text()).doesNotContain(me.path("token").asText()).doesNotContain("\"token\"");
    }

    @Test
    void closingARoomExpiresItForItsMembers() {
        String room = http.createRoom("To close", 8, null);
        ChatClient alice = client();
        alice.join(Map.of("roomId", room));
        ChatClient bob = client();
        bob.join(Map.of("roomId", room));

        AdminClient.Res closed = admin.post("/admin/api/rooms/" + room + "/close");
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.data().path("roomId").asText()).isEqualTo(room);

        for (ChatClient c : List.of(alice, bob)) {
            assertThat(c.await("roomExpired", p -> p.path("roomId").asText().equals(room))).isNotNull();
            await().atMost(Duration.ofSeconds(5)).until(() -> !c.isConnected());
        }
        assertThat(http.get("/chat/rooms/" + room).status()).isEqualTo(410);
        assertThat(client().join(Map.of("roomId", room)).path("code").asText()).isEqualTo("ROOM_EXPIRED");
        assertThat(find(admin.get("/admin/api/rooms").data(), room)).isNull();

        assertThat(admin.post("/admin/api/rooms/" + room + "/close").code()).isEqualTo("ROOM_EXPIRED");
        assertThat(admin.post("/admin/api/rooms/" + UUID.randomUUID() + "/close").code()).isEqualTo("ROOM_NOT_FOUND");
        assertThat(admin.post("/admin/api/rooms/not-a-uuid/close").status()).isEqualTo(400);
        assertThat(admin.get("/admin/api/rooms/" + room + "/close").status()).isEqualTo(405);
    }

    @Test
    void aKickedChatterLeavesOnceAndCannotComeBack() {
        String room = http.createRoom("Kick", 8, null);
        ChatClient alice = client();
        alice.join(Map.of("roomId", room));
        ChatClient bob = client();
        JsonNode bobMe = bob.join(Map.of("roomId", room)).path("data");
        String bobId = bobMe.path("id").asText();
        String bobToken = bobMe.path("token").asText();
        String bobName = bobMe.path("nickname").asText();
        ChatClient bobTab = client();
        assertThat(bobTab.join(Map.of("roomId", room, "chatterId", bobId, "token", bobToken))
                .path("success").asBoolean()).isTrue();

        AdminClient.Res kicked = admin.post("/admin/api/rooms/" + room + "/chatters/" + bobId + "/kick");
        assertThat(kicked.status()).isEqualTo(200);
        assertThat(kicked.data().path("wasPresent").asBoolean()).isTrue();

        for (ChatClient tab : List.of(bob, bobTab)) {
            JsonNode notice = tab.await("kicked", p -> p.path("chatterId").asText().equals(bobId));
            assertThat(notice.path("roomId").asText()).isEqualTo(room);
            assertThat(tab.send(room, "still here?").path("code").asText()).isEqualTo("NOT_JOINED");
        }
        alice.await("sendAlert", a -> a.path("alert").path("kind").asText().equals("LEAVE"));
        alice.await("presenceDiff", d -> d.path("left").toString().contains(bobId));
        assertThat(alice.send(room, "bye bob").path("success").asBoolean()).isTrue();
        alice.await("sendMessage", m -> m.path("content").asText().equals("bye bob"));
        assertThat(alice.alerts()).filteredOn(a -> a.equals("LEAVE " + bobName)).hasSize(1);
        assertThat(bob.received("sendMessage")).noneMatch(m -> m.path("content").asText().equals("bye bob"));

        // Neither the old identity nor its token works again in this room.
        JsonNode again = bob.join(Map.of("roomId", room, "chatterId", bobId, "token", bobToken));
        assertThat(again.path("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(client().join(Map.of("roomId", room, "chatterId", bobId)).path("code").asText())
                .isEqualTo("FORBIDDEN");
        assertThat(http.get("/chat/rooms/" + room + "/messages?after=0", bobToken).status()).isEqualTo(401);
        // Loopback addresses are never banned: others on this host may still join.
        assertThat(client().join(Map.of("roomId", room)).path("success").asBoolean()).isTrue();
        assertThat(alice.alerts()).filteredOn(a -> a.startsWith("LEAVE ")).hasSize(1);

        // Kicking again is harmless; unknown chatters and chatters of other rooms are 404.
        assertThat(admin.post("/admin/api/rooms/" + room + "/chatters/" + bobId + "/kick").data()
                .path("wasPresent").asBoolean()).isFalse();
        assertThat(admin.post("/admin/api/rooms/" + room + "/chatters/" + UUID.randomUUID() + "/kick").code())
                .isEqualTo("CHATTER_NOT_FOUND");
        String other = http.createRoom("Other", 8, null);
        assertThat(admin.post("/admin/api/rooms/" + other + "/chatters/" + bobId + "/kick").code())
                .isEqualTo("CHATTER_NOT_FOUND");
    }

    @Test
    void aChatterInItsGraceCanBeKickedToo() {
        String room = http.createRoom("Grace kick", 8, null);
        ChatClient alice = client();
        alice.join(Map.of("roomId", room));
        ChatClient bob = client();
        JsonNode bobMe = bob.join(Map.of("roomId", room)).path("data");
        bob.close();
        AdminClient.Res kicked = admin.post("/admin/api/rooms/" + room + "/chatters/" + bobMe.path("id").asText()
                + "/kick");
        assertThat(kicked.data().path("wasPresent").asBoolean()).isTrue();
        alice.await("sendAlert", a -> a.path("alert").path("kind").asText().equals("LEAVE"));
        // The grace runs out later: no second LEAVE.
        await().pollDelay(Duration.ofMillis(TestApp.GRACE_MS + 300)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(alice.alerts()).filteredOn(a -> a.startsWith("LEAVE ")).hasSize(1);
        ChatClient back = client();
        assertThat(back.join(Map.of("roomId", room, "chatterId", bobMe.path("id").asText(),
                "token", bobMe.path("token").asText())).path("code").asText()).isEqualTo("FORBIDDEN");
    }

    // ---------------------------------------------------------------- helpers

    private ChatClient client() {
        ChatClient c = ChatClient.connect(app.baseUrl(), "anonymous");
        clients.add(c);
        return c;
    }

    private static JsonNode find(JsonNode rooms, String roomId) {
        for (JsonNode r : rooms) {
            if (r.path("id").asText().equals(roomId)) {
                return r;
            }
        }
        return null;
    }
}
