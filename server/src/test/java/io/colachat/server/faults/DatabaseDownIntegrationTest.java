package io.colachat.server.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.colachat.server.testing.ChatClient;
import io.colachat.server.testing.Http;
import io.colachat.server.testing.PostgresSchema;
import io.colachat.engine.testing.TcpProxy;
import io.colachat.server.testing.TestApp;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL goes down under a running server (a relay between them is cut), then returns:
 * sends fail at once with UNAVAILABLE, nothing unstored is broadcast, and the server recovers
 * by itself.
 */
@Tag("integration")
class DatabaseDownIntegrationTest {

    @Test
    void sendsFailFastWhileTheDatabaseIsDownAndTheServerRecoversByItself() throws Exception {
        try (PostgresSchema schema = new PostgresSchema(); TcpProxy proxy = new TcpProxy(5432)) {
            String url = schema.url().replace("127.0.0.1:5432", "127.0.0.1:" + proxy.port());
            try (TestApp app = TestApp.start("--db-url", url);
                    ChatClient a = ChatClient.connect(app.baseUrl(), "anonymous");
                    ChatClient b = ChatClient.connect(app.baseUrl(), "anonymous")) {
                Http http = new Http(app.baseUrl());
                String room = http.createRoom("Fragile", 4, null);
                a.join(Map.of("roomId", room));
                JsonNode bMe = b.join(Map.of("roomId", room)).path("data");
                long before = a.send(room, "before").path("data").path("id").asLong();

                proxy.cut();
                JsonNode first = a.send(room, "during 1");
                assertThat(first.path("success").asBoolean()).isFalse();
                assertThat(first.path("code").asText()).isEqualTo("UNAVAILABLE");
                // Once the outage is known, the breaker answers, not the pool: well under the pool's
                // 5 s connection timeout (a behaviour bound, not a performance figure).
                long t0 = System.nanoTime();
                JsonNode second = a.send(room, "during 2");
                assertThat(second.path("code").asText()).isEqualTo("UNAVAILABLE");
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
                assertThat(http.get("/readyz").status()).isEqualTo(503);

                proxy.restore();
                JsonNode[] after = new JsonNode[1];
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
                    after[0] = a.send(room, "after");
                    return after[0].path("success").asBoolean();
                });
                assertThat(after[0].path("data").path("id").asLong()).isEqualTo(before + 1);
                b.await("sendMessage", p -> p.path("content").asText().equals("after"));
                assertThat(b.received("sendMessage")).extracting(p -> p.path("content").asText())
                        .containsExactly("before", "after");
                assertThat(http.get("/readyz").status()).isEqualTo(200);
                JsonNode history = http.get("/chat/rooms/" + room + "/messages", bMe.path("token").asText()).data();
                assertThat(history.toString()).doesNotContain("during");
            }
        }
    }
}
