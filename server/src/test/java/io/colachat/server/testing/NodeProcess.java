package io.colachat.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built jar run as a separate process ({@code java -jar colachat.jar ...}), as an operator
 * runs it: its output is collected, its port read from the start-up line. For the tests that
 * need a real process: the run command, SIGTERM, kill -9.
 */
public final class NodeProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");

    private final Process process;
    private final StringBuilder output = new StringBuilder();
    private final Thread reader;
    private final int port;

    private NodeProcess(Process process) throws Exception {
        this.process = process;
        CompletableFuture<Integer> bound = new CompletableFuture<>();
        this.reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        bound.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
            bound.completeExceptionally(new AssertionError("the node exited before listening"));
        }, "node-output");
        reader.setDaemon(true);
        reader.start();
        try {
            this.port = bound.get(90, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new AssertionError("node did not start:\n" + output(), e);
        }
    }

    /** The built jar: the system property set by the build, or target/colachat.jar. */
    public static Path jar() {
        Path jar = Path.of(System.getProperty("colachat.jar", "target/colachat.jar")).toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new AssertionError("no built jar at " + jar + " (run mvn package)");
        }
        return jar;
    }

    /** Starts {@code java -jar colachat.jar args...} in {@code dir} and waits until it listens. */
    public static NodeProcess start(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar().toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        return new NodeProcess(p);
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Everything the process printed so far. */
    public String output() {
        synchronized (output) {
            return output.toString();
        }
    }

    /** SIGTERM, and waits for the exit; true when it exited in time. */
    public boolean stop(long seconds) throws InterruptedException {
        // Through the handle: Process.destroy() would also close our end of the output pipe.
        process.toHandle().destroy();
        boolean exited = process.waitFor(seconds, TimeUnit.SECONDS);
        reader.join(5_000);
        return exited;
    }

    /** kill -9: no shutdown hook, no goodbye. */
    public void kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
