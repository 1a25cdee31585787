package io.colachat.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.colachat.server.testing.ChatClient;
import io.colachat.server.testing.Http;
import io.colachat.server.testing.PostgresSchema;
import io.colachat.server.testing.TestApp;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The whole server on PostgreSQL (db-url jdbc:postgresql://...), including a restart. */
@Tag("integration")
class PostgresServerIntegrationTest {

    @Test
    void roomsChatPresenceAndRestartRecoveryWorkOnPostgres() {
        try (PostgresSchema schema = new PostgresSchema()) {
            JsonNode aMe;
            JsonNode bMe;
            String room;
            try (TestApp app = TestApp.start("--db-url", schema.url());
                    ChatClient a = ChatClient.connect(app.baseUrl(), "anonymous");
                    ChatClient b = ChatClient.connect(app.baseUrl(), "anonymous")) {
                Http http = new Http(app.baseUrl());
                room = http.createRoom("On Postgres", 4, "pw");
                assertThat(a.join(Map.of("roomId", room)).path("code").asText()).isEqualTo("WRONG_PASSWORD");
                aMe = a.join(Map.of("roomId", room, "password", "pw")).path("data");
                bMe = b.join(Map.of("roomId", room, "password", "pw")).path("data");
                long first = a.send(room, "hello").path("data").path("id").asLong();
                long second = b.send(room, "hi").path("data").path("id").asLong();
                assertThat(second).isEqualTo(first + 1);
                b.await("sendMessage", p -> p.path("id").asLong() == first);
            }
            try (TestApp app = TestApp.start("--db-url", schema.url());
                    ChatClient a2 = ChatClient.connect(app.baseUrl(), "anonymous")) {
                Map<String, Object> resume = new HashMap<>();
                resume.put("roomId", room);
                resume.put("chatterId", aMe.path("id").asText());
                resume.put("token", aMe.path("token").asText());
                assertThat(a2.join(resume).path("data").path("id").asText()).isEqualTo(aMe.path("id").asText());
                JsonNode leave = a2.await("sendAlert", p -> p.path("alert").path("kind").asText().equals("LEAVE"));
                assertThat(leave.path("chatterId").asText()).isEqualTo(bMe.path("id").asText());
            }
        }
    }
}
