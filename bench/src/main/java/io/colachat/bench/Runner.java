package io.colachat.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.colachat.bench.loadgen.Dialect;
import io.colachat.bench.loadgen.Rest;
import io.colachat.bench.report.Report;
import io.colachat.bench.scenario.Options;
import io.colachat.bench.scenario.Scenario;
import io.colachat.bench.scenario.Target;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one scenario against our server, the Node.js baseline and the bare-Netty limit, one after the
 * other on loopback, each in its own fresh process, and writes the results, a Markdown summary and
 * charts.
 *
 * <pre>
 *   java -jar bench/target/colachat-bench.jar compare fanout \
 *       --targets colachat,baseline,limit --runs 1 \
 *       --jar server/target/colachat.jar --baseline-dir bench/baseline \
 *       --out bench/target/results --img docs/img [scenario flags]
 * </pre>
 *
 * Targets: {@code colachat} (embedded H2), {@code colachat-pg} (the same jar on PostgreSQL, {@code --pg-url},
 * a fresh schema per run), {@code baseline}, {@code limit}.
 *
 * <p>Flags: {@code --colachat-args "..."} extra server flags (default: flood control and the room-creation
 * limit lifted, see {@link #UNLIMITED}), {@code --colachat-jvm "..."} JVM flags (default: the service
 * file's, {@link #SERVICE_JVM})
 * (for example {@code -XX:StartFlightRecording=filename=x.jfr}), {@code --colachat-java PATH} the {@code java}
 * that runs our server (default: the one running this runner), {@code --runs N} repeats each target
 * (the summary reports medians).
 */
public final class Runner {

    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Our server's abuse limits, lifted for load, and its connection ceiling (10,000 by default) raised
     * past the largest scenario. One event loop, as the baseline has Node's one thread: the load client
     * runs on the same two cores and needs the other. {@code --colachat-args} replaces this.
     */
    static final String UNLIMITED = "--flood-burst 100000 --flood-rate 100000 --rooms-per-ip-per-minute 1000000"
            + " --max-connections 100000 --io-threads 1";

    /**
     * The memory flags of {@code deploy/colachat.service}: an idle server returns unused heap to the
     * system (a periodic collection when idle, a tighter free-heap band), and collections aim at
     * 10 ms pauses. {@code --colachat-jvm=...} replaces them.
     */
    static final String SERVICE_JVM = "-Xms32m -XX:G1PeriodicGCInterval=5000 -XX:MinHeapFreeRatio=10"
            + " -XX:MaxHeapFreeRatio=30 -XX:MaxGCPauseMillis=10";

    /** The PostgreSQL that {@code colachat-pg} runs on ({@code --pg-url}); it gets a schema of its own. */
    static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private static final String PG_SCHEMA = "colachat_bench";

    private Runner() {
    }

    /**
     * Drops and creates the schema {@value #PG_SCHEMA} in that database, so that every run starts empty,
     * and returns the URL that makes it the server's schema.
     */
    private static String freshPostgresSchema(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + PG_SCHEMA + " CASCADE");
            st.execute("CREATE SCHEMA " + PG_SCHEMA);
        } catch (SQLException e) {
            throw new SQLException("PostgreSQL at " + url + " is not reachable: " + e.getMessage(), e);
        }
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + PG_SCHEMA;
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        Scenario scenario = Scenario.named(o.positional(0, "scenario (fanout, joinstorm, lobby, capacity, refresh, soak, store)"));
        Path out = Path.of(o.string("out", "bench/target/results"));
        Path img = Path.of(o.string("img", "docs/img"));
        Files.createDirectories(out);
        Files.createDirectories(img);
        int runs = o.integer("runs", 1);
        ObjectNode all = JSON.createObjectNode();
        all.put("scenario", scenario.name());
        all.set("flags", JSON.valueToTree(o.asMap()));
        ObjectNode byTarget = all.putObject("targets");
        for (String name : o.string("targets", "colachat,baseline,limit").split(",")) {
            ArrayNode results = byTarget.putArray(name);
            for (int run = 0; run < runs; run++) {
                try (Server server = start(name, o, out.resolve(scenario.name() + "-" + name + "-" + run + ".log"))) {
                    Target target = server.target();
                    if (!scenario.supports(target)) {
                        System.out.println("== " + scenario.name() + " does not apply to " + name);
                        break;
                    }
                    System.out.println("== " + scenario.name() + " against " + name + " run " + (run + 1) + " ("
                            + target.url() + ", pid " + target.pid() + ")");
                    ObjectNode r;
                    String loadBefore = loadAverage();
                    try {
                        r = scenario.run(target, o, System.out);
                    } catch (Exception e) {
                        e.printStackTrace();
                        r = JSON.createObjectNode().put("error", String.valueOf(e));
                    }
                    r.put("serverRssBytesAtEnd", rss(target.pid()));
                    // The machine may be shared: the load average says how quiet it was.
                    r.put("loadAverageBefore", loadBefore);
                    r.put("loadAverageAfter", loadAverage());
                    results.add(r);
                }
            }
        }
        Path json = out.resolve(scenario.name() + ".json");
        Files.writeString(json, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(all));
        String md = Report.markdown(all);
        Files.writeString(out.resolve(scenario.name() + ".md"), md);
        Report.charts(all, img);
        System.out.println(md);
        System.out.println("results: " + json + ", charts in " + img);
    }

    // ================================================================ processes

    private static Server start(String name, Options o, Path log) throws Exception {
        int port = freePort();
        List<String> cmd = new ArrayList<>();
        File dir;
        Dialect dialect = Dialect.SOCKET_IO;
        String capacity = o.string("max-room-capacity", "10000");
        switch (name) {
            case "colachat", "colachat-pg" -> {
                dir = Files.createTempDirectory("colachat-bench").toFile();
                cmd.add(o.string("colachat-java", javaBin()));
                cmd.addAll(split(o.string("colachat-jvm", SERVICE_JVM)));
                cmd.addAll(List.of("-jar", new File(o.string("jar", "server/target/colachat.jar")).getAbsolutePath(),
                        "--host", "127.0.0.1", "--port", String.valueOf(port), "--max-room-capacity", capacity));
                if (name.equals("colachat-pg")) {
                    cmd.addAll(List.of("--db-url", freshPostgresSchema(o.string("pg-url", PG_URL))));
                }
                // Flood control and the room-creation limit are for people; one load client on one
                // address would trip them at once. They are lifted, and every figure says so.
                cmd.addAll(split(o.string("colachat-args", UNLIMITED)));
            }
            case "baseline" -> {
                dir = new File(o.string("baseline-dir", "bench/baseline")).getAbsoluteFile();
                cmd.addAll(List.of(o.string("node", "node"), "server.js", "--port", String.valueOf(port),
                        "--max-room-capacity", capacity));
            }
            case "limit" -> {
                dir = new File(".").getAbsoluteFile();
                dialect = Dialect.RAW;
                cmd.addAll(List.of(javaBin(), "-cp", System.getProperty("java.class.path"),
                        "io.colachat.bench.limit.LimitServer", "--port", String.valueOf(port),
                        "--threads", o.string("limit-threads", "2")));
            }
            default -> throw new IllegalArgumentException("unknown target " + name
                    + " (colachat, colachat-pg, baseline, limit)");
        }
        Process p = new ProcessBuilder(cmd).directory(dir).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        URI url = URI.create("http://127.0.0.1:" + port);
        Server s = new Server(new Target(name, url, dialect, p.pid()), p);
        Rest rest = new Rest(url);
        long deadline = System.currentTimeMillis() + 60_000;
        while (!rest.healthy()) {
            if (!p.isAlive() || System.currentTimeMillis() > deadline) {
                s.close();
                throw new IllegalStateException(name + " did not start; see " + log);
            }
            Thread.sleep(200);
        }
        return s;
    }

    private record Server(Target target, Process process) implements AutoCloseable {
        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static List<String> split(String s) {
        return s.isBlank() ? List.of() : List.of(s.trim().split("\\s+"));
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
