package io.colachat.engine.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Node script that drives the official Socket.IO JavaScript client and returns the one
 * JSON object it prints last. Scripts live in a directory with a {@code node_modules} installed
 * by the build ({@code npm ci} in generate-test-resources).
 */
public final class NodeRunner {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path scriptDir;

    public NodeRunner(Path scriptDir) {
        this.scriptDir = scriptDir.toAbsolutePath();
        if (!Files.isDirectory(this.scriptDir.resolve("node_modules"))) {
            throw new IllegalStateException("no node_modules in " + this.scriptDir
                    + ": run the build (it runs npm ci) or `npm ci` there");
        }
    }

    /**
     * Runs {@code node script args...}, waits at most {@code timeoutSeconds}, and parses the last
     * stdout line as JSON. Fails with the script's output when it exits non-zero or times out.
     */
    public JsonNode run(String script, long timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("node");
        cmd.add(script);
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("node-out", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).directory(scriptDir.toFile())
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("node " + script + " timed out after " + timeoutSeconds + " s:\n" + read(out));
            }
            String output = read(out);
            if (p.exitValue() != 0) {
                throw new AssertionError("node " + script + " exited " + p.exitValue() + ":\n" + output);
            }
            String[] lines = output.strip().split("\n");
            return MAPPER.readTree(lines[lines.length - 1]);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }
}
