package io.colachat.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.colachat.server.testing.ChatClient;
import io.colachat.server.testing.Http;
import io.colachat.server.testing.PostgresSchema;
import io.colachat.server.testing.TestApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Three nodes sharing the machine's Redis and one PostgreSQL schema, clients spread over them:
 * broadcasts, order, presence and capacity hold cluster-wide.
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

    private static Map<String, Object> resume(String room, JsonNode me) {
        Map<String, Object> m = new HashMap<>();
        m.put("roomId", room);
        m.put("chatterId", me.path("id").asText());
        m.put("token", me.path("token").asText());
        return m;
    }

    @Test
    void membersOnThreeNodesSeeEveryMessageOnceInIdOrderWhileAllNodesSend() throws Exception {
        String room = new Http(nodes.get(0).baseUrl()).createRoom("Everywhere", 8, null);
        List<ChatClient> members = List.of(client(0), client(1), client(2));
        for (ChatClient m : members) {
            assertThat(m.join(Map.of("roomId", room)).path("success").asBoolean()).isTrue();
        }
        ExecutorService senders = Executors.newFixedThreadPool(3);
        try {
            List<CompletableFuture<Void>> sending = new ArrayList<>();
            for (int n = 0; n < 3; n++) {
                ChatClient sender = members.get(n);
                int node = n;
                sending.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 20; i++) {
                        assertThat(sender.send(room, "n" + node + "-" + i).path("success").asBoolean()).isTrue();
                    }
                }, senders));
            }
            CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)).join();
        } finally {
            senders.shutdownNow();
        }
        for (ChatClient m : members) {
            await().atMost(Duration.ofSeconds(20)).until(() -> m.received("sendMessage").size() >= 60);
            List<Long> ids = m.received("sendMessage").stream().map(p -> p.path("id").asLong()).toList();
            assertThat(ids).hasSize(60).isSorted().doesNotHaveDuplicates();
            assertThat(ids.get(59) - ids.get(0)).isEqualTo(59);
        }
    }

    @Test
    void aRefreshThatLandsOnAnotherNodeAnnouncesNothing() {
        String room = new Http(nodes.get(0).baseUrl()).createRoom("Moving", 8, null);
        ChatClient watcher = client(2);
        watcher.join(Map.of("roomId", room));
        ChatClient onA = client(0);
        JsonNode me = onA.join(Map.of("roomId", room)).path("data");
        onA.close();
        ChatClient onB = client(1);
        assertThat(onB.join(resume(room, me)).path("data").path("id").asText()).isEqualTo(me.path("id").asText());
        // Through node A's grace and beyond: no LEAVE, and one JOIN for the chatter in all.
        await().during(Duration.ofMillis(TestApp.GRACE_MS + 500)).atMost(Duration.ofMillis(TestApp.GRACE_MS + 4000))
                .until(() -> watcher.alerts().stream().noneMatch(s -> s.startsWith("LEAVE")));
        onB.send(room, "still here");
        watcher.await("sendMessage", p -> p.path("content").asText().equals("still here"));
        assertThat(watcher.alerts()).filteredOn(s -> s.endsWith(me.path("nickname").asText())).containsExactly(
                "JOIN " + me.path("nickname").asText());
        // Leaving for good from B still ends with exactly one LEAVE.
        onB.close();
        watcher.await("sendAlert", p -> p.path("alert").path("kind").asText().equals("LEAVE"));
    }

    @Test
    void tenRacingJoinsThroughDifferentNodesForTheLastTwoSeatsLetExactlyTwoIn() {
        String room = new Http(nodes.get(0).baseUrl()).createRoom("Last seats", 3, null);
        client(0).join(Map.of("roomId", room));
        List<ChatClient> racers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            racers.add(client(i % 3));
        }
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<String> codes = racers.stream()
                    .map(c -> CompletableFuture.supplyAsync(() -> c.join(Map.of("roomId", room)), pool))
                    .toList().stream().map(CompletableFuture::join)
                    .map(a -> a.path("success").asBoolean() ? "OK" : a.path("code").asText()).toList();
            assertThat(codes).filteredOn("OK"::equals).hasSize(2);
            assertThat(codes).filteredOn("ROOM_FULL"::equals).hasSize(8);
        } finally {
            pool.shutdownNow();
        }
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
    }
}
