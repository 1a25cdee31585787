package io.colachat.server.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.colachat.server.testing.ChatClient;
import io.colachat.server.testing.Http;
import io.colachat.server.testing.TestApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Many chatters, hundreds of random connects, refreshes, drops, tab closes and explicit leaves
 * over real sockets; then every chatter's stored alerts alternate JOIN, LEAVE, ... and the final
 * presence equals the chatters that still have a joined socket.
 */
@Tag("integration")
class RandomizedPresenceIntegrationTest {

    private static final int OPERATIONS = 240;
    private static final int IDENTITIES = 8;

    private TestApp app;
    private final List<ChatClient> opened = new ArrayList<>();

    /** One chatter identity and its joined sockets. */
    private static final class Who {
        JsonNode me;
        final List<ChatClient> sockets = new ArrayList<>();
    }

    @AfterEach
    void stop() {
        opened.forEach(ChatClient::close);
        if (app != null) {
            app.close();
        }
    }

    @Test
    void alertsAlternateAndFinalPresenceMatchesTheJoinedSockets() throws Exception {
        long seed = Long.getLong("presence.seed", System.nanoTime());
        Random rnd = new Random(seed);
        app = TestApp.start("--leave-grace-ms", "400");
        Http http = new Http(app.baseUrl());
        String room = http.createRoom("Chaos", 100, null);
        ChatClient watcher = open();
        JsonNode watcherMe = watcher.join(Map.of("roomId", room)).path("data");

        List<Who> people = new ArrayList<>();
        for (int i = 0; i < IDENTITIES; i++) {
            people.add(new Who());
        }
        StringBuilder log = new StringBuilder();
        for (int op = 0; op < OPERATIONS; op++) {
            Who w = people.get(rnd.nextInt(people.size()));
            int kind = rnd.nextInt(10);
            if (w.me == null || kind < 3) {
                openTab(w, room);
                log.append("open ");
            } else if (kind < 5 && !w.sockets.isEmpty()) {
                w.sockets.remove(rnd.nextInt(w.sockets.size())).close();
                log.append("drop ");
            } else if (kind < 8 && !w.sockets.isEmpty()) {
                w.sockets.remove(rnd.nextInt(w.sockets.size())).close();
                openTab(w, room);
                log.append("refresh ");
            } else if (kind == 8 && !w.sockets.isEmpty()) {
                JsonNode ack = w.sockets.get(0).call("leaveRoom", Map.of());
                assertThat(ack.path("success").asBoolean()).as("seed %d: %s", seed, ack).isTrue();
                w.sockets.forEach(ChatClient::close);
                w.sockets.clear();
                w.me = null; // the token is void: the next open is a new chatter
                log.append("leave ");
            } else {
                // Let time pass: sometimes past the grace, sometimes not.
                Thread.sleep(rnd.nextInt(600));
                log.append("wait ");
            }
        }

        // Who should be present once every grace has run out.
        Map<String, Boolean> expected = new LinkedHashMap<>();
        List<String> ids = chatterIds(http, room, watcherMe);
        for (String id : ids) {
            expected.put(id, false);
        }
        for (Who w : people) {
            if (w.me != null && !w.sockets.isEmpty()) {
                expected.put(w.me.path("id").asText(), true);
            }
        }
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            for (Map.Entry<String, Boolean> e : expected.entrySet()) {
                boolean present = http.get("/chat/rooms/" + room + "/" + e.getKey() + "/reentry-check").data().asBoolean();
                assertThat(present).as("seed %d, chatter %s, ops %s", seed, e.getKey(), log).isEqualTo(e.getValue());
            }
        });
        long presentCount = expected.values().stream().filter(b -> b).count() + 1;
        assertThat(http.get("/chat/rooms/" + room).data().path("onlineCount").asLong()).isEqualTo(presentCount);

        // Every chatter's alerts alternate, starting with JOIN, ending as its presence says.
        Map<String, List<String>> alerts = alertsByChatter(http, room, watcherMe);
        for (Map.Entry<String, List<String>> e : alerts.entrySet()) {
            if (e.getKey().equals(watcherMe.path("id").asText())) {
                continue;
            }
            List<String> kinds = e.getValue();
            for (int i = 0; i < kinds.size(); i++) {
                assertThat(kinds.get(i)).as("seed %d, chatter %s alerts %s", seed, e.getKey(), kinds)
                        .isEqualTo(i % 2 == 0 ? "JOIN" : "LEAVE");
            }
            String last = kinds.get(kinds.size() - 1);
            assertThat(last).as("seed %d, chatter %s", seed, e.getKey())
                    .isEqualTo(expected.getOrDefault(e.getKey(), false) ? "JOIN" : "LEAVE");
        }
        assertThat(alerts.keySet()).containsAll(expected.keySet());
    }

    private void openTab(Who w, String room) {
        ChatClient c = open();
        Map<String, Object> req = new HashMap<>();
        req.put("roomId", room);
        if (w.me != null) {
            req.put("chatterId", w.me.path("id").asText());
            req.put("token", w.me.path("token").asText());
        }
        JsonNode ack = c.join(req);
        assertThat(ack.path("success").asBoolean()).as("join: %s", ack).isTrue();
        if (w.me != null && !ack.path("data").path("id").asText().equals(w.me.path("id").asText())) {
            throw new AssertionError("a valid token did not resume its chatter: " + ack);
        }
        w.me = ack.path("data");
        w.sockets.add(c);
    }

    private ChatClient open() {
        ChatClient c = ChatClient.connect(app.baseUrl(), "anonymous");
        opened.add(c);
        return c;
    }

    /** Every stored message the watcher may read, through the cursor endpoint. */
    private static List<JsonNode> history(Http http, String room, JsonNode watcher) {
        List<JsonNode> out = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode page = http.get("/chat/rooms/" + room + "/messages?after=" + after + "&limit=500",
                    watcher.path("token").asText()).data();
            if (page.size() == 0) {
                return out;
            }
            page.forEach(out::add);
            after = page.get(page.size() - 1).path("id").asLong();
        }
    }

    private static Map<String, List<String>> alertsByChatter(Http http, String room, JsonNode watcher) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (JsonNode m : history(http, room, watcher)) {
            String kind = m.path("alert").path("kind").asText();
            if (kind.equals("JOIN") || kind.equals("LEAVE")) {
                out.computeIfAbsent(m.path("chatterId").asText(), k -> new ArrayList<>()).add(kind);
            }
        }
        return out;
    }

    private static List<String> chatterIds(Http http, String room, JsonNode watcher) {
        List<String> ids = new ArrayList<>(alertsByChatter(http, room, watcher).keySet());
        ids.remove(watcher.path("id").asText());
        return ids;
    }
}
