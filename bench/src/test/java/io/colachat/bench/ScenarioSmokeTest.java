package io.colachat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.colachat.bench.limit.LimitServer;
import io.colachat.bench.loadgen.Dialect;
import io.colachat.bench.scenario.Options;
import io.colachat.bench.scenario.Scenario;
import io.colachat.bench.scenario.Target;
import io.colachat.server.ColaChat;
import io.colachat.server.config.ServerConfig;
import java.io.PrintStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every scenario runs briefly, at a tiny size, against our server started in this JVM: the load
 * generator speaks the protocol, deliveries are counted and nothing is lost. Timing is not checked;
 * benchmarks are not pass/fail.
 */
class ScenarioSmokeTest {

    private static final long GRACE_MS = 1000;

    @TempDir
    static Path dir;

    private static ColaChat app;
    private static Target server;
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @BeforeAll
    static void startServer() {
        app = ColaChat.start(ServerConfig.parse(new String[] {"--host", "127.0.0.1", "--port", "0",
            "--db-url", "jdbc:h2:file:" + dir.resolve("db"), "--leave-grace-ms", String.valueOf(GRACE_MS),
            // One client on one address: lift the per-chatter flood control and the room-creation limit.
            "--flood-burst", "100000", "--flood-rate", "100000", "--rooms-per-ip-per-minute", "1000000"},
                Map.of()));
        server = new Target("colachat", URI.create("http://127.0.0.1:" + app.port()), Dialect.SOCKET_IO,
                ProcessHandle.current().pid());
    }

    @AfterAll
    static void stopServer() {
        if (app != null) {
            app.close();
        }
    }

    private static ObjectNode run(String scenario, Target target, String... flags) throws Exception {
        return Scenario.named(scenario).run(target, Options.parse(flags), QUIET);
    }

    @Test
    void fanoutDeliversEveryMessageToEveryMember() throws Exception {
        ObjectNode r = run("fanout", server, "--members", "6", "--senders", "2", "--start-rate", "20",
                "--step-seconds", "1", "--max-steps", "2", "--warmup-seconds", "0", "--p99-limit-ms", "60000");

        assertThat(r.path("steps")).hasSize(2);
        for (JsonNode step : r.path("steps")) {
            assertThat(step.path("received").asLong()).isPositive();
            assertThat(step.path("received").asLong()).isEqualTo(step.path("sent").asLong() * 6);
            assertThat(step.path("lost").asLong()).isZero();
        }
        assertThat(r.path("bestDeliveriesPerSec").asLong()).isPositive();
        assertThat(r.path("orderViolations").asLong()).isZero();
    }

    @Test
    void joinstormAcksEveryJoinAndSettlesPresence() throws Exception {
        ObjectNode r = run("joinstorm", server, "--sizes", "5,10", "--pause-ms", "0", "--timeout-seconds", "20");

        assertThat(r.path("storms")).hasSize(2);
        for (JsonNode storm : r.path("storms")) {
            assertThat(storm.path("completed").asBoolean()).isTrue();
            assertThat(storm.path("joinsAcked").asInt()).isEqualTo(storm.path("size").asInt());
            assertThat(storm.path("settledMembers").asInt()).isEqualTo(storm.path("size").asInt());
            assertThat(storm.path("bytesPerJoin").asLong()).isPositive();
        }
    }

    @Test
    void lobbyLosesNothingAcrossSmallRooms() throws Exception {
        ObjectNode r = run("lobby", server, "--rooms", "3", "--room-size", "4", "--interval-seconds", "1",
                "--warmup-seconds", "1", "--duration-seconds", "2");

        assertThat(r.path("sent").asLong()).isPositive();
        assertThat(r.path("received").asLong()).isEqualTo(r.path("sent").asLong() * 4);
        assertThat(r.path("lost").asLong()).isZero();
        assertThat(r.path("orderViolations").asLong()).isZero();
    }

    @Test
    void storeKeepsItsWindowInFlightAndCountsStoredMessages() throws Exception {
        ObjectNode r = run("store", server, "--rooms", "3", "--window", "2", "--warmup-seconds", "0",
                "--duration-seconds", "1");

        assertThat(r.path("stored").asLong()).isPositive();
        assertThat(r.path("storedPerSec").asLong()).isPositive();
        assertThat(r.path("sendFailed").asLong()).isZero();
        assertThat(r.path("unacknowledgedAtEnd").asLong()).isZero();
        assertThat(r.path("orderViolations").asLong()).isZero();
    }

    @Test
    void capacityHoldsIdleJoinedSocketsAndReadsRss() throws Exception {
        ObjectNode r = run("capacity", server, "--sockets", "25", "--room-size", "10", "--settle-seconds", "0",
                "--steady-window-seconds", "2", "--steady-max-seconds", "4");

        assertThat(r.path("joined").asInt()).isEqualTo(25);
        assertThat(r.path("openSockets").asInt()).isEqualTo(25);
        assertThat(r.path("rssAtSettleBytes").asLong()).isPositive();
        assertThat(r.path("rssPeakBytes").asLong()).isGreaterThanOrEqualTo(r.path("rssBeforeBytes").asLong());
        assertThat(r.path("rssWithSocketsBytes").asLong()).isPositive();
        // At least one second between the window's two readings, and no more than the limit.
        assertThat(r.path("secondsToSteadyRss").asInt()).isBetween(1, 3);
    }

    @Test
    void refreshWithinTheGraceAnnouncesNothing() throws Exception {
        ObjectNode r = run("refresh", server, "--members", "3", "--rounds", "1", "--reconnect-delay-ms", "100",
                "--grace-ms", String.valueOf(GRACE_MS));

        assertThat(r.path("resumedSameChatter").asLong()).isEqualTo(3);
        assertThat(r.path("resumeFailed").asLong()).isZero();
        assertThat(r.path("alertsSeenByWatcher").asLong()).isZero();
    }

    @Test
    void soakChurnsLosesNothingLeavesNoGhostAndSamplesTheHeap() throws Exception {
        ObjectNode r = run("soak", server, "--rooms", "2", "--room-size", "3", "--duration-seconds", "6",
                "--send-min-ms", "300", "--send-max-ms", "800", "--churn-per-second", "2",
                "--refresh-min-ms", "50", "--refresh-max-ms", "300", "--grace-ms", String.valueOf(GRACE_MS),
                "--heap-sample-seconds", "2");

        assertThat(r.path("errors")).isEmpty();
        assertThat(r.path("clients").path("created").asLong()).isGreaterThan(6);
        // Which churn action each tick takes is random (weighted), and how many ticks find a joined
        // member depends on timing: some churn must happen, and every refresh among it (the refresh
        // test above covers resumes for certain) must resume the same chatter.
        JsonNode churn = r.path("churn");
        assertThat(churn.path("refreshes").asLong() + churn.path("drops").asLong() + churn.path("leaves").asLong())
                .isPositive();
        assertThat(churn.path("resumedSameChatter").asLong()).isEqualTo(churn.path("refreshes").asLong());
        assertThat(churn.path("resumedAsNewChatter").asLong()).isZero();
        assertThat(r.path("messages").path("acked").asLong()).isPositive();
        assertThat(r.path("messages").path("ackedNotStored").asLong()).isZero();
        assertThat(r.path("delivery").path("membersChecked").asLong()).isEqualTo(6);
        assertThat(r.path("delivery").path("expectedDeliveries").asLong()).isPositive();
        assertThat(r.path("delivery").path("lost").asLong()).isZero();
        assertThat(r.path("delivery").path("duplicates").asLong()).isZero();
        assertThat(r.path("ghosts").path("ghosts").asLong()).isZero();
        assertThat(r.path("ghosts").path("onlineCountMismatches").asLong()).isZero();
        assertThat(r.path("nothingLostNoGhosts").asBoolean()).isTrue();
        assertThat(r.path("heap").path("samples").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(r.path("heap").path("table").path(0).path("heapUsedAfterGcBytes").asLong()).isPositive();
    }

    @Test
    void fanoutRunsAgainstTheLimitServer() throws Exception {
        try (LimitServer limit = new LimitServer("127.0.0.1", 0, 1)) {
            Target t = new Target("limit", URI.create("http://127.0.0.1:" + limit.port()), Dialect.RAW, -1);
            ObjectNode r = run("fanout", t, "--members", "4", "--senders", "1", "--step-seconds", "1",
                    "--max-steps", "1", "--warmup-seconds", "0", "--p99-limit-ms", "60000");

            JsonNode step = r.path("steps").path(0);
            assertThat(step.path("received").asLong()).isEqualTo(step.path("sent").asLong() * 4).isPositive();
        }
    }
}
