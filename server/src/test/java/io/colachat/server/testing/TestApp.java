package io.colachat.server.testing;

import io.colachat.server.ColaChat;
import io.colachat.server.config.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real Cola Chat server for tests: port 0, an embedded database in a fresh temporary
 * directory (or the one given, to test restarts), a short leave grace.
 */
public final class TestApp implements AutoCloseable {

    public static final int GRACE_MS = 700;

    private final ColaChat app;
    private final Path dataDir;

    private TestApp(ColaChat app, Path dataDir) {
        this.app = app;
        this.dataDir = dataDir;
    }

    /** A server on a fresh database. */
    public static TestApp start(String... extraArgs) {
        try {
            return start(Files.createTempDirectory("colachat-test"), extraArgs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server on the database in {@code dataDir} (kept across restarts). */
    public static TestApp start(Path dataDir, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of(
                "--port", "0",
                "--host", "127.0.0.1",
                "--db-url", "jdbc:h2:file:" + dataDir.resolve("db").toAbsolutePath(),
                "--leave-grace-ms", String.valueOf(GRACE_MS),
                // Tests send fast from one address; the abuse tests set these back to the defaults.
                "--flood-burst", "100000",
                "--rooms-per-ip-per-minute", "100000"));
        args.addAll(List.of(extraArgs));
        return new TestApp(ColaChat.start(ServerConfig.parse(args.toArray(String[]::new), Map.of())), dataDir);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + app.port();
    }

    public Path dataDir() {
        return dataDir;
    }

    public ColaChat app() {
        return app;
    }

    @Override
    public void close() {
        app.close();
    }
}
