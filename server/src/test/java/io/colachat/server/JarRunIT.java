package io.colachat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.colachat.server.testing.ChatClient;
import io.colachat.server.testing.Http;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The README's run command, for real: the built jar, nothing but {@code --port 0}. */
@Tag("integration")
class JarRunIT {

    private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");

    private static Path jar() {
        Path jar = Path.of(System.getProperty("colachat.jar", "target/colachat.jar")).toAbsolutePath();
        assertThat(jar).as("the built jar (mvn package)").exists();
        return jar;
    }

    private static Process java(Path dir, String... args) throws IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar().toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    }

    @Test
    void theJarStartsOnAnEmbeddedDatabaseAndServesAChat() throws Exception {
        Path dir = Files.createTempDirectory("colachat-jar");
        Process p = java(dir, "--port", "0");
        try {
            CompletableFuture<Integer> port = new CompletableFuture<>();
            StringBuilder output = new StringBuilder();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        synchronized (output) {
                            output.append(line).append('\n');
                        }
                        Matcher m = LISTENING.matcher(line);
                        if (m.find()) {
                            port.complete(Integer.parseInt(m.group(1)));
                        }
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            });
            reader.start();
            int bound = port.get(60, TimeUnit.SECONDS);
            String base = "http://127.0.0.1:" + bound;
            Http http = new Http(base);
            String room = http.createRoom("From the jar", 4, null);
            try (ChatClient a = ChatClient.connect(base, "anonymous"); ChatClient b = ChatClient.connect(base, "anonymous")) {
                a.join(Map.of("roomId", room));
                b.join(Map.of("roomId", room));
                JsonNode sent = a.send(room, "hello from a");
                assertThat(sent.path("success").asBoolean()).isTrue();
                b.await("sendMessage", m -> m.path("content").asText().equals("hello from a"));
            }
            assertThat(Files.isDirectory(dir.resolve("data"))).as("the embedded database lives under ./data").isTrue();
            // SIGTERM through the handle: Process.destroy() would also close our end of the pipe
            // and lose the shutdown lines we check below.
            p.toHandle().destroy();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
            reader.join(10_000);
            synchronized (output) {
                assertThat(output.toString()).contains("Cola Chat stopped").doesNotContain("Exception");
            }
        } finally {
            p.destroyForcibly();
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
