package io.colachat.server.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.colachat.server.testing.ChatClient;
import io.colachat.server.testing.Http;
import io.colachat.server.testing.LiveServer;
import io.colachat.server.testing.TestApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Capacity under racing joins, and room expiry. */
@Tag("integration")
class RoomLifecycleIntegrationTest {

    @RegisterExtension
    final LiveServer server = new LiveServer();

    private ChatClient client() {
        return server.client();
    }

    @Test
    void tenRacingJoinsForTwoSeatsLetExactlyTwoIn() {
        TestApp app = server.start();
        Http http = new Http(app.baseUrl());
        String room = http.createRoom("Last seats", 2, null);
        List<ChatClient> racers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            racers.add(client());
        }
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<CompletableFuture<JsonNode>> acks = racers.stream()
                    .map(c -> CompletableFuture.supplyAsync(() -> c.join(Map.of("roomId", room)), pool))
                    .toList();
            List<String> codes = acks.stream().map(CompletableFuture::join)
                    .map(a -> a.path("success").asBoolean() ? "OK" : a.path("code").asText()).toList();
            assertThat(codes).filteredOn("OK"::equals).hasSize(2);
            assertThat(codes).filteredOn("ROOM_FULL"::equals).hasSize(8);
        } finally {
            pool.shutdownNow();
        }
        assertThat(http.get("/chat/rooms/" + room).data().path("onlineCount").asInt()).isEqualTo(2);
    }

    @Test
    void anExpiredRoomTellsItsMembersDisconnectsThemAndAnswers410() {
        TestApp app = server.start("--room-ttl", "2s");
        Http http = new Http(app.baseUrl());
        String room = http.createRoom("Short-lived", 4, null);
        ChatClient a = client();
        a.join(Map.of("roomId", room));
        JsonNode expired = a.await("roomExpired", p -> true);
        assertThat(expired.path("roomId").asText()).isEqualTo(room);
        await().atMost(Duration.ofSeconds(10)).until(() -> !a.isConnected());
        Http.Res get = http.get("/chat/rooms/" + room);
        assertThat(get.status()).isEqualTo(410);
        assertThat(get.code()).isEqualTo("ROOM_EXPIRED");
        assertThat(http.post("/chat/rooms/" + room + "/access-check", "{}").code()).isEqualTo("ROOM_EXPIRED");
        JsonNode join = client().join(Map.of("roomId", room));
        assertThat(join.path("code").asText()).isEqualTo("ROOM_EXPIRED");
        List<String> open = new ArrayList<>();
        http.get("/chat/rooms").data().forEach(r -> open.add(r.path("id").asText()));
        assertThat(open).doesNotContain(room);
    }
}
