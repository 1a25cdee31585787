package io.colachat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.colachat.server.testing.ChatClient;
import io.colachat.server.testing.Http;
import io.colachat.server.testing.NodeProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The README's run command, for real: the built jar, nothing but {@code --port 0}. */
@Tag("integration")
class JarRunIT {

    private static Process java(Path dir, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                NodeProcess.jar().toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    }

    @Test
    void theJarStartsOnAnEmbeddedDatabaseAndServesAChat() throws Exception {
        Path dir = Files.createTempDirectory("colachat-jar");
        try (NodeProcess node = NodeProcess.start(dir, "--port", "0")) {
            Http http = new Http(node.baseUrl());
            String room = http.createRoom("From the jar", 4, null);
            try (ChatClient a = ChatClient.connect(node.baseUrl(), "anonymous");
                    ChatClient b = ChatClient.connect(node.baseUrl(), "anonymous")) {
                a.join(Map.of("roomId", room));
                b.join(Map.of("roomId", room));
                JsonNode sent = a.send(room, "hello from a");
                assertThat(sent.path("success").asBoolean()).isTrue();
                b.await("sendMessage", m -> m.path("content").asText().equals("hello from a"));
            }
            assertThat(Files.isDirectory(dir.resolve("data"))).as("the embedded database lives under ./data").isTrue();
            assertThat(node.stop(30)).as("exits after SIGTERM").isTrue();
            assertThat(node.output()).contains("Cola Chat stopped").doesNotContain("Exception");
        }
    }

    @Test
    void aBadFlagStopsStartUpWithOneClearLine() throws Exception {
        Process p = java(Files.createTempDirectory("colachat-jar"), "--port", "seventy");
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(out.lines().count()).isEqualTo(1);
        assertThat(out).contains("--port").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void helpListsEverySetting() throws Exception {
        Process p = java(Files.createTempDirectory("colachat-jar"), "--help");
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).isZero();
        for (String s : List.of("--port", "--host", "--db-url", "--redis-url", "--leave-grace-ms", "--room-ttl",
                "--max-room-capacity", "--presence-full-list-limit", "--ping-interval-ms", "--ping-timeout-ms",
                "--max-payload", "--cors-origins", "--locale", "--purge-after")) {
            assertThat(out).contains(s);
        }
    }
}
