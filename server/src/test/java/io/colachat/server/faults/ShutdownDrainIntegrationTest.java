package io.colachat.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.colachat.server.testing.ChatClient;
import io.colachat.server.testing.Http;
import io.colachat.server.testing.TestApp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Stopping the server while messages are in flight loses nothing that was acknowledged. */
@Tag("integration")
class ShutdownDrainIntegrationTest {

    @Test
    void everyAcknowledgedMessageSurvivesAShutdownUnderLoad() throws Exception {
        TestApp app = TestApp.start();
        String room = new Http(app.baseUrl()).createRoom("Drain", 4, null);
        ChatClient a = ChatClient.connect(app.baseUrl(), "anonymous");
        JsonNode me = a.join(Map.of("roomId", room)).path("data");
        List<CompletableFuture<JsonNode>> acks = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            acks.add(a.callAsync("sendMessage", Map.of("roomId", room, "content", "m" + i)));
        }
        // Stop once some are acknowledged, while the rest are still queued or being stored.
        CompletableFuture.allOf(acks.subList(0, 50).toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(app::close);
        // One deadline for all: acks still missing when the connection has closed never come.
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            // some were never answered: not acknowledged, so not counted below
        }
        Map<Long, String> acknowledged = new HashMap<>();
        int unavailable = 0;
        for (CompletableFuture<JsonNode> f : acks) {
            if (!f.isDone()) {
                continue;
            }
            JsonNode ack = f.join();
            if (ack.path("success").asBoolean()) {
                acknowledged.put(ack.path("data").path("id").asLong(), ack.path("data").path("content").asText());
            } else if (ack.path("code").asText().equals("UNAVAILABLE")) {
                unavailable++;
            }
        }
        a.close();
        stopping.get(30, TimeUnit.SECONDS);
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(50);

        try (TestApp again = TestApp.start(app.dataDir())) {
            JsonNode stored = new Http(again.baseUrl())
                    .get("/chat/rooms/" + room + "/messages?limit=500", me.path("token").asText()).data();
            Map<Long, String> byId = new HashMap<>();
            stored.forEach(m -> byId.put(m.path("id").asLong(), m.path("content").asText()));
            assertThat(byId).containsAllEntriesOf(acknowledged);
        }
        assertThat(acknowledged.size() + unavailable).isLessThanOrEqualTo(300);
    }
}
