package io.colachat.server.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.colachat.server.testing.ChatClient;
import io.colachat.server.testing.Http;
import io.colachat.server.testing.LiveServer;
import io.colachat.server.testing.TestApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Contract section 6 over real sockets: join, refresh, drop, leave, tabs, resume, restart. */
@Tag("integration")
class PresenceIntegrationTest {

    @RegisterExtension
    final LiveServer server = new LiveServer();
    private TestApp app;
    private Http http;

    private void start(TestApp started) {
        app = server.use(started);
        http = server.http();
    }

    private ChatClient client() {
        return server.client();
    }

    private static Map<String, Object> resume(String room, JsonNode me) {
        Map<String, Object> m = new HashMap<>();
        m.put("roomId", room);
        m.put("chatterId", me.path("id").asText());
        m.put("token", me.path("token").asText());
        return m;
    }

    /** A round trip through the room: everything broadcast before it has reached {@code watcher}. */
    private static void sync(ChatClient watcher, String room, String marker) {
        watcher.send(room, marker);
        watcher.await("sendMessage", p -> p.path("content").asText().equals(marker));
    }

    /** Holds, for longer than the grace, that {@code watcher} has seen no LEAVE. */
    private static void noLeaveThroughTheGrace(ChatClient watcher) {
        await().during(Duration.ofMillis(TestApp.GRACE_MS + 300)).atMost(Duration.ofMillis(TestApp.GRACE_MS + 3000))
                .until(() -> watcher.alerts().stream().noneMatch(s -> s.startsWith("LEAVE")));
    }

    @Test
    void aRefreshWithinTheGraceAnnouncesNothingAndKeepsTheChatter() {
        start(TestApp.start());
        String room = http.createRoom("Refresh", 8, null);
        ChatClient a = client();
        a.join(Map.of("roomId", room));
        ChatClient b = client();
        JsonNode bMe = b.join(Map.of("roomId", room)).path("data");
        b.close();
        ChatClient b2 = client();
        JsonNode again = b2.join(resume(room, bMe)).path("data");
        assertThat(again.path("id").asText()).isEqualTo(bMe.path("id").asText());
        assertThat(again.path("nickname").asText()).isEqualTo(bMe.path("nickname").asText());
        assertThat(again.path("token").asText()).isEqualTo(bMe.path("token").asText());
        // Past the grace: still no LEAVE, and only the one JOIN of b.
        noLeaveThroughTheGrace(a);
        sync(a, room, "after-grace");
        assertThat(a.alerts()).containsExactly("JOIN " + a.received("sendAlert").get(0).path("alert").path("nickname").asText(),
                "JOIN " + bMe.path("nickname").asText());
        assertThat(http.get("/chat/rooms/" + room + "/" + bMe.path("id").asText() + "/reentry-check").data().asBoolean()).isTrue();
    }

    @Test
    void aDropAnnouncesExactlyOneLeaveAfterTheGrace() {
        start(TestApp.start());
        String room = http.createRoom("Drop", 8, null);
        ChatClient a = client();
        a.join(Map.of("roomId", room));
        ChatClient b = client();
        JsonNode bMe = b.join(Map.of("roomId", room)).path("data");
        b.close();
        JsonNode leave = a.await("sendAlert", p -> p.path("alert").path("kind").asText().equals("LEAVE"));
        assertThat(leave.path("alert").path("nickname").asText()).isEqualTo(bMe.path("nickname").asText());
        JsonNode diff = a.await("presenceDiff", p -> p.path("left").size() == 1);
        assertThat(diff.path("left").get(0).asText()).isEqualTo(bMe.path("id").asText());
        sync(a, room, "after-leave");
        assertThat(a.alerts().stream().filter(s -> s.startsWith("LEAVE"))).hasSize(1);
        assertThat(http.get("/chat/rooms/" + room + "/" + bMe.path("id").asText() + "/reentry-check").data().asBoolean()).isFalse();
        assertThat(http.get("/chat/rooms/" + room).data().path("onlineCount").asInt()).isEqualTo(1);
    }

    @Test
    void anExplicitLeaveAnnouncesAtOnceAndVoidsTheToken() {
        start(TestApp.start("--leave-grace-ms", "60000"));
        String room = http.createRoom("Leave", 8, null);
        ChatClient a = client();
        a.join(Map.of("roomId", room));
        ChatClient b = client();
        JsonNode bMe = b.join(Map.of("roomId", room)).path("data");
        JsonNode ack = b.call("leaveRoom", Map.of());
        assertThat(ack.path("success").asBoolean()).isTrue();
        assertThat(ack.path("data").isNull()).isTrue();
        a.await("sendAlert", p -> p.path("alert").path("kind").asText().equals("LEAVE"));
        assertThat(b.send(room, "still here?").path("code").asText()).isEqualTo("NOT_JOINED");
        // The token no longer resumes: the same socket joining again becomes a new chatter.
        JsonNode again = b.join(resume(room, bMe)).path("data");
        assertThat(again.path("id").asText()).isNotEqualTo(bMe.path("id").asText());
        String path = "/chat/messages/" + room + "/1/" + bMe.path("id").asText();
        assertThat(http.get(path, bMe.path("token").asText()).status()).isEqualTo(401);
    }

    @Test
    void aSecondTabSharesTheChatterAndOnlyTheLastTabClosingStartsTheGrace() {
        start(TestApp.start());
        String room = http.createRoom("Tabs", 8, null);
        ChatClient a = client();
        a.join(Map.of("roomId", room));
        ChatClient tab1 = client();
        JsonNode me = tab1.join(Map.of("roomId", room)).path("data");
        ChatClient tab2 = client();
        tab2.join(resume(room, me));
        tab1.close();
        noLeaveThroughTheGrace(a);
        sync(a, room, "one-tab-left");
        assertThat(a.alerts().stream().filter(s -> s.startsWith("LEAVE"))).isEmpty();
        tab2.close();
        a.await("sendAlert", p -> p.path("alert").path("kind").asText().equals("LEAVE"));
    }

    @Test
    void aResumeWithLastMessageIdReplaysWhatWasMissedOnceAndInOrder() {
        start(TestApp.start("--leave-grace-ms", "60000"));
        String room = http.createRoom("Resume", 8, null);
        ChatClient a = client();
        a.join(Map.of("roomId", room));
        ChatClient b = client();
        JsonNode bMe = b.join(Map.of("roomId", room)).path("data");
        long seen = b.send(room, "seen by b").path("data").path("id").asLong();
        b.close();
        List<Long> missed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            missed.add(a.send(room, "missed " + i).path("data").path("id").asLong());
        }
        ChatClient b2 = client();
        Map<String, Object> req = resume(room, bMe);
        req.put("lastMessageId", seen);
        assertThat(b2.join(req).path("success").asBoolean()).isTrue();
        long live = a.send(room, "live").path("data").path("id").asLong();
        b2.await("sendMessage", p -> p.path("id").asLong() == live);
        List<Long> got = b2.received("sendMessage").stream().map(p -> p.path("id").asLong()).toList();
        List<Long> expected = new ArrayList<>(missed);
        expected.add(live);
        assertThat(got).isEqualTo(expected);
    }

    @Test
    void chattersPresentWhenTheProcessStoppedGetExactlyOneLeaveAfterARestart() {
        start(TestApp.start());
        String room = http.createRoom("Restart", 8, null);
        ChatClient a = client();
        JsonNode aMe = a.join(Map.of("roomId", room)).path("data");
        ChatClient b = client();
        JsonNode bMe = b.join(Map.of("roomId", room)).path("data");
        java.nio.file.Path data = app.dataDir();
        app.close();
        server.closeClients();

        start(TestApp.start(data));
        // a comes back within the grace: no alert; b does not: exactly one LEAVE.
        ChatClient a2 = client();
        assertThat(a2.join(resume(room, aMe)).path("success").asBoolean()).isTrue();
        a2.await("sendAlert", p -> p.path("alert").path("kind").asText().equals("LEAVE")
                && p.path("alert").path("nickname").asText().equals(bMe.path("nickname").asText()));
        sync(a2, room, "after-restart");
        JsonNode history = http.get("/chat/messages/" + room + "/1/" + aMe.path("id").asText(), aMe.path("token").asText()).data();
        List<String> alerts = new ArrayList<>();
        for (JsonNode m : history) {
            if (m.path("type").asText().equals("ALERT")) {
                alerts.add(m.path("alert").path("kind").asText() + " " + m.path("alert").path("nickname").asText());
            }
        }
        assertThat(alerts).containsExactly(
                "JOIN " + aMe.path("nickname").asText(),
                "JOIN " + bMe.path("nickname").asText(),
                "LEAVE " + bMe.path("nickname").asText());
    }
}
