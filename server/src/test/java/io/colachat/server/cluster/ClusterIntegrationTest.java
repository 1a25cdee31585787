package io.colachat.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.colachat.server.testing.ChatClient;
import io.colachat.server.testing.Http;
import io.colachat.server.testing.PostgresSchema;
import io.colachat.server.testing.TestApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Three nodes in one JVM sharing the machine's Redis and one PostgreSQL schema: a node that
 * stops cleanly hands its chatters to a survivor. The other cluster scenarios run as real
 * processes in ClusterProcessesIT.
 */
@Tag("integration")
class ClusterIntegrationTest {

    private PostgresSchema schema;
    private final List<TestApp> nodes = new ArrayList<>();
    private final List<ChatClient> clients = new ArrayList<>();

    @BeforeEach
    void startNodes() {
        schema = new PostgresSchema();
        for (int i = 0; i < 3; i++) {
            nodes.add(TestApp.start("--db-url", schema.url(), "--redis-url", "redis://127.0.0.1:6379"));
        }
    }

    @AfterEach
    void stopNodes() {
        clients.forEach(ChatClient::close);
        for (TestApp n : nodes) {
            try {
                n.close();
            } catch (RuntimeException ignored) {
                // a node a test already stopped
            }
        }
        schema.close();
    }

    private ChatClient client(int node) {
        ChatClient c = ChatClient.connect(nodes.get(node).baseUrl(), "anonymous");
        synchronized (clients) {
            clients.add(c);
        }
        return c;
    }

    @Test
    void whenANodeGoesAwayItsChattersGetExactlyOneLeaveFromASurvivor() {
        String room = new Http(nodes.get(0).baseUrl()).createRoom("Node loss", 8, null);
        ChatClient watcher = client(0);
        watcher.join(Map.of("roomId", room));
        ChatClient doomed = client(2);
        JsonNode me = doomed.join(Map.of("roomId", room)).path("data");
        watcher.await("sendAlert", p -> p.path("alert").path("nickname").asText().equals(me.path("nickname").asText()));
        // The node stops without saying goodbye to its chatters; a survivor takes over.
        nodes.get(2).close();
        // Within lease detection (6 s) plus the grace; generous here, the bound is measured by
        // ClusterProcessesIT.
        JsonNode leave = watcher.await("sendAlert", p -> p.path("alert").path("kind").asText().equals("LEAVE"),
                Duration.ofSeconds(30));
        assertThat(leave.path("chatterId").asText()).isEqualTo(me.path("id").asText());
        watcher.send(room, "sync");
        watcher.await("sendMessage", p -> p.path("content").asText().equals("sync"));
        assertThat(watcher.alerts()).filteredOn(s -> s.startsWith("LEAVE")).hasSize(1);
        // The nodes timed their Redis round trips (room locks, socket registrations).
        assertThat(new Http(nodes.get(0).baseUrl()).getText("/metrics"))
                .containsPattern("colachat_redis_latency_seconds_count [1-9]");
    }
}
