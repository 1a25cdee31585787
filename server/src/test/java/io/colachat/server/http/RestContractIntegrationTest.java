package io.colachat.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.colachat.server.testing.ChatClient;
import io.colachat.server.testing.Http;
import io.colachat.server.testing.TestApp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Contract section 4 over HTTP, with every bad input it names. */
@Tag("integration")
class RestContractIntegrationTest {

    private static TestApp app;
    private static Http http;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        http = new Http(app.baseUrl());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static void assertError(Http.Res r, int status, String code) {
        assertThat(r.status()).as("%s", r).isEqualTo(status);
        assertThat(r.body().path("success").asBoolean()).isFalse();
        assertThat(r.code()).isEqualTo(code);
        assertThat(r.body().path("message").asText()).isNotBlank();
        assertThat(r.body().has("data")).isTrue();
        assertThat(r.body().path("data").isNull()).isTrue();
    }

    @Test
    void creatingARoomAnswers201WithTheRoomAndNeverItsPassword() {
        Http.Res r = http.post("/chat/rooms", "{\"title\":\"  Friday plans  \",\"capacity\":8,\"isPassword\":true,\"password\":\"pw\",\"namespace\":\"team-1\"}");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.body().path("success").asBoolean()).isTrue();
        assertThat(r.body().path("message").asText()).isEqualTo("OK");
        JsonNode room = r.data();
        assertThat(room.path("title").asText()).isEqualTo("Friday plans");
        assertThat(room.path("namespace").asText()).isEqualTo("team-1");
        assertThat(room.path("capacity").asInt()).isEqualTo(8);
        assertThat(room.path("isPassword").asBoolean()).isTrue();
        assertThat(room.path("isExpired").asBoolean()).isFalse();
        assertThat(room.path("onlineCount").asInt()).isZero();
        assertThat(room.path("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(room.toString()).doesNotContain("pw").doesNotContainIgnoringCase("hash").doesNotContain("\"password\"");
        JsonNode again = http.get("/chat/rooms/" + room.path("id").asText()).data();
        assertThat(again).isEqualTo(room);
        Http.Res plain = http.post("/chat/rooms", "{\"title\":\"x\",\"capacity\":2,\"isPassword\":false}");
        assertThat(plain.data().path("namespace").asText()).isEqualTo("anonymous");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "not json",
        "[]",
        "{}",
        "{\"title\":\"\",\"capacity\":8,\"isPassword\":false}",
        "{\"title\":\"   \",\"capacity\":8,\"isPassword\":false}",
        "{\"title\":\"1234567890123456789012345678901\",\"capacity\":8,\"isPassword\":false}",
        "{\"title\":42,\"capacity\":8,\"isPassword\":false}",
        "{\"title\":\"bell\\u0007\",\"capacity\":8,\"isPassword\":false}",
        "{\"title\":\"ok\",\"capacity\":1,\"isPassword\":false}",
        "{\"title\":\"ok\",\"capacity\":101,\"isPassword\":false}",
        "{\"title\":\"ok\",\"capacity\":2.5,\"isPassword\":false}",
        "{\"title\":\"ok\",\"capacity\":\"8\",\"isPassword\":false}",
        "{\"title\":\"ok\",\"isPassword\":false}",
        "{\"title\":\"ok\",\"capacity\":8,\"isPassword\":true}",
        "{\"title\":\"ok\",\"capacity\":8,\"isPassword\":true,\"password\":\"\"}",
        "{\"title\":\"ok\",\"capacity\":8,\"isPassword\":true,\"password\":\"12345678901234567890123456789012345678901234567890123456789012345\"}",
        "{\"title\":\"ok\",\"capacity\":8,\"isPassword\":false,\"password\":\"pw\"}",
        "{\"title\":\"ok\",\"capacity\":8,\"isPassword\":\"yes\"}",
        "{\"title\":\"ok\",\"capacity\":8,\"isPassword\":false,\"namespace\":\"has space\"}",
        "{\"title\":\"ok\",\"capacity\":8,\"isPassword\":false,\"namespace\":\"\"}",
        "{\"title\":\"ok\",\"capacity\":8,\"isPassword\":false,\"namespace\":\"/slash\"}"
    })
    void badRoomRequestsAreRefusedAndCreateNothing(String body) {
        int before = http.get("/chat/rooms").data().size();
        assertError(http.post("/chat/rooms", body), 400, "INVALID_INPUT");
        assertThat(http.get("/chat/rooms").data().size()).isEqualTo(before);
    }

    @Test
    void theLobbyListsOpenRoomsNewestFirst() {
        String first = http.createRoom("first", 2, null);
        String second = http.createRoom("second", 2, null);
        JsonNode list = http.get("/chat/rooms").data();
        assertThat(list.size()).isLessThanOrEqualTo(100);
        List<String> ids = new java.util.ArrayList<>();
        list.forEach(r -> ids.add(r.path("id").asText()));
        assertThat(ids.indexOf(second)).isLessThan(ids.indexOf(first));
    }

    @Test
    void unknownAndMalformedRoomIdsAre404And400() {
        assertError(http.get("/chat/rooms/00000000-0000-0000-0000-000000000000"), 404, "ROOM_NOT_FOUND");
        assertError(http.get("/chat/rooms/nope"), 400, "INVALID_INPUT");
        assertError(http.post("/chat/rooms/00000000-0000-0000-0000-000000000000/access-check", "{}"), 404, "ROOM_NOT_FOUND");
        assertError(http.get("/chat/nowhere/at/all"), 404, "NOT_FOUND");
        assertError(http.patch("/chat/rooms", "{}", null), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void accessCheckSaysWhetherTheGivenPasswordOpensTheRoom() {
        String open = http.createRoom("open", 4, null);
        String locked = http.createRoom("locked", 4, "s3cret");
        assertThat(http.post("/chat/rooms/" + open + "/access-check", "{}").data().asBoolean()).isTrue();
        assertThat(http.post("/chat/rooms/" + open + "/access-check", "").data().asBoolean()).isTrue();
        assertThat(http.post("/chat/rooms/" + locked + "/access-check", "{}").data().asBoolean()).isFalse();
        assertThat(http.post("/chat/rooms/" + locked + "/access-check", "{\"password\":\"wrong\"}").data().asBoolean()).isFalse();
        assertThat(http.post("/chat/rooms/" + locked + "/access-check", "{\"password\":\"s3cret\"}").data().asBoolean()).isTrue();
        assertError(http.post("/chat/rooms/" + locked + "/access-check", "{\"password\":7}"), 400, "INVALID_INPUT");
    }

    @Test
    void historyPagesAndTheCursorShowOnlyWhatTheChatterMayRead() {
        String room = http.createRoom("history", 8, null);
        try (ChatClient a = ChatClient.connect(app.baseUrl(), "anonymous");
                ChatClient b = ChatClient.connect(app.baseUrl(), "anonymous")) {
            JsonNode aMe = a.join(Map.of("roomId", room)).path("data");
            for (int i = 0; i < 25; i++) {
                a.send(room, "early " + i);
            }
            JsonNode bMe = b.join(Map.of("roomId", room)).path("data");
            for (int i = 0; i < 3; i++) {
                b.send(room, "late " + i);
            }
            String aPath = "/chat/messages/" + room + "/1/" + aMe.path("id").asText();
            JsonNode page1 = http.get(aPath, aMe.path("token").asText()).data();
            assertThat(page1.size()).isEqualTo(20);
            assertThat(page1.get(19).path("content").asText()).isEqualTo("late 2");
            assertIdsAscending(page1);
            JsonNode page2 = http.get("/chat/messages/" + room + "/2/" + aMe.path("id").asText(), aMe.path("token").asText()).data();
            assertThat(page2.get(0).path("type").asText()).isEqualTo("ALERT");
            assertThat(page2.get(page2.size() - 1).path("id").asLong()).isLessThan(page1.get(0).path("id").asLong());
            // b reads from its own JOIN on: its alert and its three messages.
            JsonNode bPage = http.get("/chat/messages/" + room + "/1/" + bMe.path("id").asText(), bMe.path("token").asText()).data();
            assertThat(bPage.size()).isEqualTo(4);
            assertThat(bPage.get(0).path("alert").path("kind").asText()).isEqualTo("JOIN");
            assertThat(http.get("/chat/messages/" + room + "/1", null).data().size()).isZero();
            assertError(http.get(aPath, null), 401, "INVALID_TOKEN");
            assertError(http.get(aPath, bMe.path("token").asText()), 401, "INVALID_TOKEN");
            assertError(http.get("/chat/messages/" + room + "/0/" + aMe.path("id").asText(), aMe.path("token").asText()), 400, "INVALID_INPUT");
            assertError(http.get("/chat/messages/" + room + "/x/" + aMe.path("id").asText(), aMe.path("token").asText()), 400, "INVALID_INPUT");
            assertError(http.get("/chat/messages/" + room + "/1/00000000-0000-0000-0000-000000000000", aMe.path("token").asText()), 404, "CHATTER_NOT_FOUND");

            long after = bPage.get(0).path("id").asLong();
            JsonNode cursor = http.get("/chat/rooms/" + room + "/messages?after=" + after + "&limit=2", bMe.path("token").asText()).data();
            assertThat(cursor.size()).isEqualTo(2);
            assertThat(cursor.get(0).path("content").asText()).isEqualTo("late 0");
            JsonNode all = http.get("/chat/rooms/" + room + "/messages", aMe.path("token").asText()).data();
            assertThat(all.size()).isEqualTo(30);
            assertIdsAscending(all);
            assertError(http.get("/chat/rooms/" + room + "/messages", null), 401, "INVALID_TOKEN");
            assertError(http.get("/chat/rooms/" + room + "/messages?limit=501", aMe.path("token").asText()), 400, "INVALID_INPUT");
            assertError(http.get("/chat/rooms/" + room + "/messages?after=-1", aMe.path("token").asText()), 400, "INVALID_INPUT");
        }
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413InTheEnvelopeAndCreatesNothing() {
        int before = http.get("/chat/rooms").data().size();
        String huge = "{\"title\":\"x\",\"capacity\":2,\"isPassword\":false,\"pad\":\"" + "a".repeat(70_000) + "\"}";
        assertError(http.post("/chat/rooms", huge), 413, "PAYLOAD_TOO_LARGE");
        assertThat(http.get("/chat/rooms").data().size()).isEqualTo(before);
    }

    @Test
    void aForeignOriginIsRefusedAndNoPageMayBeFramed() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> foreign = client.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(app.baseUrl() + "/chat/rooms"))
                .header("Origin", "https://evil.example").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"title\":\"x\",\"capacity\":2,\"isPassword\":false}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.body()).contains("\"code\":\"FORBIDDEN\"");
        java.net.http.HttpResponse<String> page = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(app.baseUrl() + "/")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue("frame-ancestors 'none'");
    }

    @Test
    void configTellsClientsTheLimitsOfTheirForms() {
        JsonNode config = http.get("/chat/config").data();
        assertThat(config.path("maxRoomCapacity").asInt()).isEqualTo(100);
        assertThat(config.path("minRoomCapacity").asInt()).isEqualTo(2);
        assertThat(config.path("titleMax").asInt()).isEqualTo(30);
        assertThat(config.path("contentMax").asInt()).isEqualTo(1000);
    }

    @Test
    void healthAndReadinessAnswer() {
        assertThat(http.get("/healthz").status()).isEqualTo(200);
        Http.Res ready = http.get("/readyz");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body().path("database").asText()).isEqualTo("UP");
        assertThat(http.get("/metrics").status()).isEqualTo(200);
    }

    private static void assertIdsAscending(JsonNode messages) {
        long prev = Long.MIN_VALUE;
        for (JsonNode m : messages) {
            assertThat(m.path("id").asLong()).isGreaterThan(prev);
            prev = m.path("id").asLong();
        }
    }

}
