package io.colachat.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.colachat.server.testing.ChatClient;
import io.colachat.server.testing.Http;
import io.colachat.server.testing.TestApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} after a scenario over real sockets: two namespaces, joins, a refresh inside
 * the grace, an explicit leave, a leave after the grace, accepted and refused messages. A
 * fresh server per test; the scenario still reads each counter's change, not its value.
 */
@Tag("integration")
class MetricsIntegrationTest {

    private static TestApp app;
    private static Http http;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private final List<ChatClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        System.setProperty(LiveFigures.PERIOD_PROPERTY, "200");
        app = TestApp.start();
        http = new Http(app.baseUrl());
    }

    @AfterEach
    void stop() {
        clients.forEach(ChatClient::close);
        app.close();
        System.clearProperty(LiveFigures.PERIOD_PROPERTY);
    }

    @Test
    void theScenarioShowsInTheCounters() throws Exception {
        Map<String, Double> before = scrape();
        String roomA = http.createRoom("Metrics A", 8, null);
        String roomB = createRoom("Metrics B", "otherspace");

        ChatClient alice = client("anonymous");
        JsonNode aliceMe = alice.join(Map.of("roomId", roomA)).path("data");
        ChatClient carol = client("anonymous");
        JsonNode carolMe = carol.join(Map.of("roomId", roomA)).path("data");
        ChatClient bob = client("otherspace");
        assertThat(bob.join(Map.of("roomId", roomB)).path("success").asBoolean()).isTrue();
        ChatClient idle = client("anonymous");

        assertThat(alice.send(roomA, "one").path("success").asBoolean()).isTrue();
        assertThat(alice.send(roomA, "two").path("success").asBoolean()).isTrue();
        assertThat(idle.send(roomA, "not joined").path("code").asText()).isEqualTo("NOT_JOINED");

        // A refresh inside the grace: absorbed, no alert.
        carol.close();
        ChatClient carolAgain = client("anonymous");
        assertThat(carolAgain.join(Map.of("roomId", roomA, "chatterId", carolMe.path("id").asText(),
                "token", carolMe.path("token").asText())).path("success").asBoolean()).isTrue();

        assertThat(bob.call("leaveRoom", Map.of()).path("success").asBoolean()).isTrue();

        // Closed sockets (carol's, and those of earlier tests) go away asynchronously.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Map<String, Double> during = scrape();
            assertThat(during.get("colachat_connections{transport=\"websocket\"}")).isEqualTo(4.0);
            assertThat(during.get("colachat_connections{transport=\"polling\"}")).isEqualTo(0.0);
            assertThat(during.get("colachat_namespaces")).isEqualTo(2.0);
            assertThat(during.get("colachat_sessions")).isEqualTo(4.0);
        });

        alice.close();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(delta(before, scrape(), "colachat_leaves_total{kind=\"grace\"}")).isEqualTo(1.0));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(scrape().get("colachat_connections{transport=\"websocket\"}")).isEqualTo(3.0));
        Map<String, Double> after = scrape();
        assertThat(delta(before, after, "colachat_joins_total")).isEqualTo(3.0);
        assertThat(delta(before, after, "colachat_refreshes_absorbed_total")).isEqualTo(1.0);
        assertThat(delta(before, after, "colachat_leaves_total{kind=\"explicit\"}")).isEqualTo(1.0);
        assertThat(delta(before, after, "colachat_leaves_total{kind=\"kicked\"}")).isEqualTo(0.0);
        assertThat(delta(before, after, "colachat_messages_total{code=\"OK\",result=\"accepted\"}")).isEqualTo(2.0);
        assertThat(delta(before, after, "colachat_messages_total{code=\"NOT_JOINED\",result=\"rejected\"}"))
                .isEqualTo(1.0);
        // Two messages, each to alice and carol.
        assertThat(delta(before, after, "colachat_deliveries_total")).isEqualTo(4.0);
        assertThat(delta(before, after, "colachat_ack_latency_seconds_count{event=\"sendMessage\"}")).isEqualTo(2.0);
        assertThat(delta(before, after, "colachat_db_latency_seconds_count{op=\"append_messages\"}")).isPositive();
        assertThat(delta(before, after, "colachat_db_latency_seconds_count{op=\"join\"}")).isEqualTo(3.0);
        assertThat(sum(after, "colachat_disconnects_total") - sum(before, "colachat_disconnects_total")).isEqualTo(2.0);
        assertThat(after).containsKey("process_uptime_seconds");
        assertThat(after.keySet()).anyMatch(k -> k.startsWith("jvm_memory_used_bytes"));
        assertThat(after.keySet()).anyMatch(k -> k.startsWith("hikaricp_connections_usage_seconds_count"));
        assertThat(after).containsKeys("colachat_worker_queue", "colachat_db_queue");
        assertThat(aliceMe.path("id").asText()).isNotEmpty();
    }

    @Test
    void roomAndPresenceGaugesFollowTheSampler() throws Exception {
        String room = http.createRoom("Sampled", 8, null);
        ChatClient a = client("anonymous");
        a.join(Map.of("roomId", room));
        ChatClient b = client("anonymous");
        b.join(Map.of("roomId", room));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Map<String, Double> m = scrape();
            assertThat(m.get("colachat_rooms_open")).isGreaterThanOrEqualTo(1.0);
            assertThat(m.get("colachat_rooms_active")).isGreaterThanOrEqualTo(1.0);
            assertThat(m.get("colachat_present_chatters")).isGreaterThanOrEqualTo(2.0);
        });
    }

    @Test
    void everyRejectionCodeAndLeaveKindIsThereFromTheStart() throws Exception {
        String text = scrapeText();
        assertThat(text).contains("colachat_messages_total{code=\"RATE_LIMITED\",result=\"rejected\"}");
        assertThat(text).contains("colachat_leaves_total{kind=\"kicked\"}");
        assertThat(text).contains("colachat_disconnects_total{reason=\"slow_consumer\"}");
        assertThat(text).contains("colachat_outbound_dropped_total 0.0");
        assertThat(text).contains("colachat_slow_consumer_disconnects_total 0.0");
        assertThat(text).contains("colachat_ack_latency_seconds_bucket{event=\"sendMessage\",le=\"0.005\"}");
        assertThat(text).contains("# TYPE colachat_connections gauge");
    }

    // ---------------------------------------------------------------- helpers

    private ChatClient client(String namespace) {
        ChatClient c = ChatClient.connect(app.baseUrl(), namespace);
        clients.add(c);
        return c;
    }

    private static String createRoom(String title, String namespace) {
        Http.Res r = http.post("/chat/rooms", "{\"title\":\"" + title + "\",\"capacity\":8,\"isPassword\":false,"
                + "\"namespace\":\"" + namespace + "\"}");
        assertThat(r.status()).isEqualTo(201);
        return r.data().path("id").asText();
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String key) {
        assertThat(after).containsKey(key);
        return after.get(key) - before.getOrDefault(key, 0.0);
    }

    private static double sum(Map<String, Double> samples, String prefix) {
        return samples.entrySet().stream().filter(e -> e.getKey().startsWith(prefix + "{"))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    static String scrapeText() throws Exception {
        HttpResponse<String> res = CLIENT.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        return res.body();
    }

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*\\})?) (\\S+)$");

    /** Every sample line: name with labels (as written) to value. */
    static Map<String, Double> scrape() throws Exception {
        Map<String, Double> out = new java.util.HashMap<>();
        for (String line : scrapeText().split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (m.matches()) {
                out.put(m.group(1), Double.parseDouble(m.group(2)));
            }
        }
        return out;
    }
}
