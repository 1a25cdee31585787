package io.colachat.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.colachat.server.testing.ChatClient;
import io.colachat.server.testing.Http;
import io.colachat.server.testing.NodeProcess;
import io.colachat.server.testing.PostgresSchema;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Three server processes (the built jar) on loopback, sharing the machine's Redis and one
 * PostgreSQL schema, as an operator runs a cluster; one of them is killed with kill -9.
 */
@Tag("integration")
class ClusterProcessesIT {

    /** The grace these nodes use. */
    static final long GRACE_MS = 1000;
    /** The stated bound: a LEAVE comes within the grace plus the lease's detection (5 s TTL + 1 s renewal). */
    static final Duration LEAVE_BOUND = Duration.ofMillis(GRACE_MS + 6_000);

    private PostgresSchema schema;
    private final List<NodeProcess> nodes = new ArrayList<>();
    private final List<ChatClient> clients = new ArrayList<>();

    @BeforeEach
    void startNodes() throws Exception {
        schema = new PostgresSchema();
        for (int i = 0; i < 3; i++) {
            nodes.add(NodeProcess.start(Files.createTempDirectory("colachat-node"), "--port", "0",
                    "--host", "127.0.0.1", "--db-url", schema.url(), "--redis-url", "redis://127.0.0.1:6379",
                    "--leave-grace-ms", String.valueOf(GRACE_MS), "--node-id", "it-node-" + i + "-" + System.nanoTime(),
                    // These tests send fast on purpose; flood control has its own tests.
                    "--flood-burst", "100000"));
        }
    }

    @AfterEach
    void stopNodes() {
        clients.forEach(ChatClient::close);
        nodes.forEach(NodeProcess::close);
        schema.close();
    }

    private ChatClient client(int node) {
        ChatClient c = ChatClient.connect(nodes.get(node).baseUrl(), "anonymous");
        clients.add(c);
        return c;
    }

    @Test
    void killingANodeGivesEachOfItsChattersExactlyOneLeaveWithinTheStatedBound() throws Exception {
        String room = new Http(nodes.get(0).baseUrl()).createRoom("Crash", 8, null);
        ChatClient a = client(0);
        ChatClient b = client(1);
        a.join(Map.of("roomId", room));
        b.join(Map.of("roomId", room));
        ChatClient doomed1 = client(2);
        ChatClient doomed2 = client(2);
        JsonNode d1 = doomed1.join(Map.of("roomId", room)).path("data");
        JsonNode d2 = doomed2.join(Map.of("roomId", room)).path("data");
        // Messages cross the three processes.
        doomed1.send(room, "from node 2");
        a.await("sendMessage", p -> p.path("content").asText().equals("from node 2"));
        b.await("sendMessage", p -> p.path("content").asText().equals("from node 2"));

        long killedAt = System.nanoTime();
        nodes.get(2).kill();
        for (JsonNode gone : List.of(d1, d2)) {
            a.await("sendAlert", p -> p.path("alert").path("kind").asText().equals("LEAVE")
                    && p.path("chatterId").asText().equals(gone.path("id").asText()), Duration.ofSeconds(30));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - killedAt);
        System.out.println("kill -9 to both LEAVEs: " + took.toMillis() + " ms (bound " + LEAVE_BOUND.toMillis() + " ms)");
        assertThat(took).as("both LEAVEs within grace + detection").isLessThan(LEAVE_BOUND.plusSeconds(2));
        // Exactly one LEAVE each, seen the same on both survivors.
        a.send(room, "sync");
        for (ChatClient watcher : List.of(a, b)) {
            watcher.await("sendMessage", p -> p.path("content").asText().equals("sync"));
            assertThat(watcher.alerts()).filteredOn(s -> s.startsWith("LEAVE")).containsExactlyInAnyOrder(
                    "LEAVE " + d1.path("nickname").asText(), "LEAVE " + d2.path("nickname").asText());
        }
    }

    @Test
    void aChatterWhoReconnectsToASurvivorWithinTheGraceIsNotAnnounced() throws Exception {
        String room = new Http(nodes.get(0).baseUrl()).createRoom("Failover", 8, null);
        ChatClient a = client(0);
        a.join(Map.of("roomId", room));
        ChatClient onDoomed = client(2);
        JsonNode me = onDoomed.join(Map.of("roomId", room)).path("data");
        nodes.get(2).kill();
        ChatClient moved = client(1);
        JsonNode again = moved.join(Map.of("roomId", room, "chatterId", me.path("id").asText(),
                "token", me.path("token").asText())).path("data");
        assertThat(again.path("id").asText()).isEqualTo(me.path("id").asText());
        Awaitility.await().during(LEAVE_BOUND.plusSeconds(1)).atMost(LEAVE_BOUND.plusSeconds(5))
                .until(() -> a.alerts().stream().noneMatch(s -> s.startsWith("LEAVE")));
    }

    @Test
    void membersOnThreeProcessesSeeEveryMessageOnceInIdOrderWhileAllSend() throws Exception {
        String room = new Http(nodes.get(0).baseUrl()).createRoom("Everywhere", 8, null);
        List<ChatClient> members = List.of(client(0), client(1), client(2));
        for (ChatClient m : members) {
            assertThat(m.join(Map.of("roomId", room)).path("success").asBoolean()).isTrue();
        }
        List<java.util.concurrent.CompletableFuture<Void>> sending = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            ChatClient sender = members.get(n);
            int node = n;
            sending.add(java.util.concurrent.CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 20; i++) {
                    assertThat(sender.send(room, "n" + node + "-" + i).path("success").asBoolean()).isTrue();
                }
            }));
        }
        java.util.concurrent.CompletableFuture.allOf(sending.toArray(java.util.concurrent.CompletableFuture[]::new)).join();
        for (ChatClient m : members) {
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> m.received("sendMessage").size() >= 60);
            List<Long> ids = m.received("sendMessage").stream().map(p -> p.path("id").asLong()).toList();
            assertThat(ids).hasSize(60).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void aRefreshFromOneProcessToAnotherAnnouncesNothing() throws Exception {
        String room = new Http(nodes.get(0).baseUrl()).createRoom("Moving", 8, null);
        ChatClient watcher = client(2);
        watcher.join(Map.of("roomId", room));
        ChatClient onA = client(0);
        JsonNode me = onA.join(Map.of("roomId", room)).path("data");
        onA.close();
        ChatClient onB = client(1);
        onB.join(Map.of("roomId", room, "chatterId", me.path("id").asText(), "token", me.path("token").asText()));
        Awaitility.await().during(Duration.ofMillis(GRACE_MS + 1000)).atMost(Duration.ofMillis(GRACE_MS + 5000))
                .until(() -> watcher.alerts().stream().noneMatch(s -> s.startsWith("LEAVE")));
        assertThat(watcher.alerts()).filteredOn(s -> s.endsWith(me.path("nickname").asText()))
                .containsExactly("JOIN " + me.path("nickname").asText());
    }

    @Test
    void tenClientsRacingThroughThreeProcessesForTheLastTwoSeatsLetExactlyTwoIn() throws Exception {
        String room = new Http(nodes.get(0).baseUrl()).createRoom("Last seats", 3, null);
        client(0).join(Map.of("roomId", room));
        List<ChatClient> racers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            racers.add(client(i % 3));
        }
        List<String> codes = racers.stream()
                .map(c -> java.util.concurrent.CompletableFuture.supplyAsync(() -> c.join(Map.of("roomId", room))))
                .toList().stream().map(java.util.concurrent.CompletableFuture::join)
                .map(a -> a.path("success").asBoolean() ? "OK" : a.path("code").asText()).toList();
        assertThat(codes).filteredOn("OK"::equals).hasSize(2);
        assertThat(codes).filteredOn("ROOM_FULL"::equals).hasSize(8);
    }
}
