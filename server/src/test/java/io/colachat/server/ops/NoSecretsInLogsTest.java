package io.colachat.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.colachat.server.Logging;
import io.colachat.server.testing.ChatClient;
import io.colachat.server.testing.Http;
import io.colachat.server.testing.TestApp;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A full scenario with every logger of the server and the engine at TRACE, its log written as
 * JSON: every line must parse, and no token or password used anywhere in the scenario (chatter
 * tokens, room passwords right and wrong, the admin token, the database password) may appear.
 */
@Tag("integration")
class NoSecretsInLogsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ADMIN_TOKEN = "admin-token-that-must-not-leak-4821";
    private static final String DB_PASSWORD = "db-password-that-must-not-leak-9377";
    private static final String ROOM_PASSWORD = "room-pass-must-not-leak-5512";
    private static final String WRONG_PASSWORD = "wrong-pass-must-not-leak-6604";

    @Test
    void aFullScenarioAtTraceLogsNoTokenAndNoPassword() throws Exception {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level rootLevel = root.getLevel();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(ctx);
        appender.setName("secrets-scan");
        appender.setEncoder(Logging.jsonEncoder(ctx, "node-scan"));
        appender.setOutputStream(captured);
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.TRACE);
        List<String> secrets = new ArrayList<>(List.of(ADMIN_TOKEN, DB_PASSWORD, ROOM_PASSWORD, WRONG_PASSWORD));
        try {
            runScenario(secrets);
        } finally {
            root.setLevel(rootLevel);
            root.detachAppender(appender);
            appender.stop();
        }

        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("listening on").contains("by an operator");
        for (String line : log.split("\n")) {
            JsonNode json = MAPPER.readTree(line);
            assertThat(json.path("level").asText()).isNotEmpty();
            assertThat(json.has("message")).isTrue();
        }
        assertThat(secrets).hasSizeGreaterThan(6);
        for (String secret : secrets) {
            assertThat(log).as("the log must not contain a secret").doesNotContain(secret);
        }
    }

    private void runScenario(List<String> secrets) throws Exception {
        try (TestApp app = TestApp.start("--admin-token", ADMIN_TOKEN, "--db-user", "sa",
                "--db-password", DB_PASSWORD)) {
            Http http = new Http(app.baseUrl());
            String room = http.createRoom("Secrets", 8, ROOM_PASSWORD);
            List<ChatClient> clients = new ArrayList<>();
            try {
                ChatClient alice = connect(app, clients);
                assertThat(alice.join(Map.of("roomId", room, "password", WRONG_PASSWORD)).path("code").asText())
                        .isEqualTo("WRONG_PASSWORD");
                JsonNode aliceMe = alice.join(Map.of("roomId", room, "password", ROOM_PASSWORD)).path("data");
                ChatClient bob = connect(app, clients);
                JsonNode bobMe = bob.join(Map.of("roomId", room, "password", ROOM_PASSWORD)).path("data");
                secrets.add(aliceMe.path("token").asText());
                secrets.add(bobMe.path("token").asText());

                alice.send(room, "hello");
                bob.send(room, "hi");
                // A refresh: resume with the token and a lastMessageId.
                alice.close();
                ChatClient alice2 = connect(app, clients);
                assertThat(alice2.join(Map.of("roomId", room, "chatterId", aliceMe.path("id").asText(),
                        "token", aliceMe.path("token").asText(), "lastMessageId", 0)).path("success").asBoolean())
                        .isTrue();
                assertThat(http.get("/chat/rooms/" + room + "/messages?after=0", aliceMe.path("token").asText())
                        .status()).isEqualTo(200);
                assertThat(http.get("/chat/rooms/" + room + "/messages?after=0", "not-a-real-token").status())
                        .isEqualTo(401);
                assertThat(http.patch("/chat/chatters/" + aliceMe.path("id").asText() + "/nickname",
                        "{\"nickname\":\"Renamed\"}", aliceMe.path("token").asText()).status()).isEqualTo(200);
                // A failed resume with a wrong token, then the access check with both passwords.
                connect(app, clients).join(Map.of("roomId", room, "chatterId", bobMe.path("id").asText(),
                        "token", "x" + bobMe.path("token").asText()));
                http.post("/chat/rooms/" + room + "/access-check", "{\"password\":\"" + WRONG_PASSWORD + "\"}");
                http.post("/chat/rooms/" + room + "/access-check", "{\"password\":\"" + ROOM_PASSWORD + "\"}");

                // The admin API, with the wrong token and the right one.
                assertThat(admin(app, "GET", "/admin/api/overview", "wrong-" + ADMIN_TOKEN)).isEqualTo(401);
                assertThat(admin(app, "GET", "/admin/api/rooms", ADMIN_TOKEN)).isEqualTo(200);
                assertThat(admin(app, "POST", "/admin/api/rooms/" + room + "/chatters/" + bobMe.path("id").asText()
                        + "/kick", ADMIN_TOKEN)).isEqualTo(200);
                bob.await("kicked", p -> true);
                assertThat(alice2.call("leaveRoom", Map.of()).path("success").asBoolean()).isTrue();
                String second = http.createRoom("Second", 8, null);
                ChatClient carol = connect(app, clients);
                JsonNode carolMe = carol.join(Map.of("roomId", second)).path("data");
                secrets.add(carolMe.path("token").asText());
                carol.send(second, "bye");
                assertThat(admin(app, "POST", "/admin/api/rooms/" + second + "/close", ADMIN_TOKEN)).isEqualTo(200);
                carol.await("roomExpired", p -> true);
                await().pollDelay(Duration.ofMillis(TestApp.GRACE_MS)).atMost(Duration.ofSeconds(5)).until(() -> true);
            } finally {
                clients.forEach(ChatClient::close);
            }
        }
    }

    private static ChatClient connect(TestApp app, List<ChatClient> clients) {
        ChatClient c = ChatClient.connect(app.baseUrl(), "anonymous");
        clients.add(c);
        return c;
    }

    private static int admin(TestApp app, String method, String path, String token) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
