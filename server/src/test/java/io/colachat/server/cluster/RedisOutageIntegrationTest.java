package io.colachat.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.colachat.server.testing.ChatClient;
import io.colachat.server.testing.Http;
import io.colachat.server.testing.PostgresSchema;
import io.colachat.engine.testing.TcpProxy;
import io.colachat.server.testing.TestApp;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Redis goes away under two nodes and comes back having lost their state (as after a restart
 * without persistence): sends fail clearly meanwhile, then the nodes rejoin and register their
 * live sockets again, so presence stays exact.
 */
@Tag("integration")
class RedisOutageIntegrationTest {

    @Test
    void afterAnOutageThatLostTheirStateNodesRegisterTheirLiveSocketsAgain() throws Exception {
        String run = "outage-" + UUID.randomUUID().toString().substring(0, 8);
        RedisClient direct = RedisClient.create("redis://127.0.0.1:6379");
        try (PostgresSchema schema = new PostgresSchema(); TcpProxy redis = new TcpProxy(6379);
                StatefulRedisConnection<String, String> admin = direct.connect();
                TestApp a = TestApp.start("--db-url", schema.url(), "--redis-url", "redis://127.0.0.1:" + redis.port(),
                        "--node-id", run + "-a");
                TestApp b = TestApp.start("--db-url", schema.url(), "--redis-url", "redis://127.0.0.1:" + redis.port(),
                        "--node-id", run + "-b");
                ChatClient watcher = ChatClient.connect(b.baseUrl(), "anonymous");
                ChatClient tabOnA = ChatClient.connect(a.baseUrl(), "anonymous");
                ChatClient tabOnB = ChatClient.connect(b.baseUrl(), "anonymous")) {
            String room = new Http(a.baseUrl()).createRoom("Outage", 8, null);
            watcher.join(Map.of("roomId", room));
            JsonNode me = tabOnA.join(Map.of("roomId", room)).path("data");
            tabOnB.join(Map.of("roomId", room, "chatterId", me.path("id").asText(), "token", me.path("token").asText()));

            redis.cut();
            JsonNode during = tabOnA.send(room, "during the outage");
            assertThat(during.path("success").asBoolean()).isFalse();
            assertThat(during.path("code").asText()).isEqualTo("UNAVAILABLE");
            // Redis "restarts" empty: this test's nodes and registrations are gone.
            deleteKeys(admin, "colachat:nodes:*" + run + "*");
            deleteKeys(admin, "colachat:presence:*" + room + "*");
            // Redis answers again; the nodes find their leases gone at the next renewal.
            redis.restore();
            // Both nodes hear the bus again before anything is expected to cross it.
            for (TestApp node : List.of(a, b)) {
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                        .until(() -> new Http(node.baseUrl()).get("/readyz").status() == 200);
            }

            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
                    .until(() -> tabOnA.send(room, "after").path("success").asBoolean());
            watcher.await("sendMessage", p -> p.path("content").asText().equals("after"));
            // Node A registered its live tab again: closing the tab on B is no LEAVE.
            await().atMost(Duration.ofSeconds(20)).until(() -> !keys(admin, "colachat:presence:*" + room + ":" + me.path("id").asText() + "*").isEmpty());
            tabOnB.close();
            await().during(Duration.ofMillis(TestApp.GRACE_MS + 1000)).atMost(Duration.ofMillis(TestApp.GRACE_MS + 5000))
                    .until(() -> watcher.alerts().stream().noneMatch(s -> s.startsWith("LEAVE")));
            tabOnA.close();
            watcher.await("sendAlert", p -> p.path("alert").path("kind").asText().equals("LEAVE"));
        } finally {
            direct.shutdown();
        }
    }

    private static List<String> keys(StatefulRedisConnection<String, String> c, String pattern) {
        List<String> out = new ArrayList<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = c.sync().scan(cursor, ScanArgs.Builder.matches(pattern).limit(500));
            out.addAll(page.getKeys());
            cursor = page;
        } while (!cursor.isFinished());
        return out;
    }

    private static void deleteKeys(StatefulRedisConnection<String, String> c, String pattern) {
        List<String> keys = keys(c, pattern);
        if (!keys.isEmpty()) {
            c.sync().del(keys.toArray(String[]::new));
        }
    }
}
