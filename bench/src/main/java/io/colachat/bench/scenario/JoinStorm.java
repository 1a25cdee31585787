package io.colachat.bench.scenario;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.colachat.bench.loadgen.ClientListener;
import io.colachat.bench.loadgen.LoadClient;
import io.colachat.bench.loadgen.Progress;
import io.colachat.bench.loadgen.Rest;
import io.colachat.bench.loadgen.SioConnection;
import io.colachat.bench.loadgen.Stats;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * N clients, already connected to the namespace, all emit {@code joinRoom} into one fresh room at the
 * same instant. Measured from that instant: the time until every ack arrived, the time until every
 * member's presence view counts N (full lists replace the view, diffs add and remove), and the bytes
 * every client together received, per join.
 *
 * <p>Flags: {@code --sizes 250,500,1000,2000 --timeout-seconds 120 --pause-ms 4000 --client-threads 2}.
 * The pause lets the previous storm's leaves (after the leave grace) pass before the next storm.
 */
public final class JoinStorm implements Scenario {

    @Override
    public String name() {
        return "joinstorm";
    }

    @Override
    public ObjectNode run(Target target, Options o, PrintStream log) throws Exception {
        int[] sizes = o.integers("sizes", "250,500,1000,2000");
        long timeoutMs = o.integer("timeout-seconds", 120) * 1000L;
        long pauseMs = o.integer("pause-ms", 4000);
        ObjectNode result = Runs.object();
        result.put("scenario", name()).put("target", target.name());
        ArrayNode runs = result.putArray("storms");
        Rest rest = new Rest(target.url());
        for (int size : sizes) {
            ObjectNode r = storm(target, o, rest, size, timeoutMs, log);
            runs.add(r);
            log.println("joinstorm " + target.name() + " " + r);
            Thread.sleep(pauseMs);
        }
        if (runs.size() >= 2) {
            double first = runs.get(0).path("bytesPerJoin").asDouble();
            double last = runs.get(runs.size() - 1).path("bytesPerJoin").asDouble();
            result.put("bytesPerJoinGrowth", first > 0 ? Runs.round(last / first, 2) : 0);
        }
        return result;
    }

    private ObjectNode storm(Target target, Options o, Rest rest, int size, long timeoutMs, PrintStream log)
            throws Exception {
        ObjectNode r = Runs.object();
        r.put("size", size);
        try (LoadClient client = new LoadClient(target.url(), o.string("namespace", "anonymous"), target.dialect(),
                o.integer("client-threads", 2), ClientListener.NONE);
                Progress progress = new Progress(client.stats(), log)) {
            Stats stats = client.stats();
            String roomId = rest.createRoom("storm " + size, size);
            progress.phase("connect " + size);
            List<SioConnection> conns = client.connect(size, 200, Duration.ofSeconds(120));
            Runs.awaitQuiet(stats, 300, 5000);
            stats.presenceTarget = size;
            long bytes0 = stats.bytesIn.sum();
            long frames0 = stats.framesIn.sum();
            String payload = "{\"roomId\":\"" + roomId + "\"}";
            progress.phase("storm " + size);
            long t0 = System.nanoTime();
            for (SioConnection c : conns) {
                c.joinRoom(payload);
            }
            boolean done = Runs.await(() -> stats.joinOk.sum() + stats.joinFailed.sum() >= size
                    && stats.presenceSettled.sum() >= size, timeoutMs);
            long acked = stats.joinOk.sum();
            long settled = stats.presenceSettled.sum();
            // Trailing frames (late diffs, alerts) still belong to this storm's cost.
            Runs.awaitQuiet(stats, 1000, done ? 30_000 : 2_000);
            long bytes = stats.bytesIn.sum() - bytes0;
            long frames = stats.framesIn.sum() - frames0;
            r.put("completed", done);
            r.put("joinsAcked", acked);
            r.put("joinsFailed", stats.joinFailed.sum());
            r.put("allAckedMs", acked == size ? Runs.round((stats.lastJoinAckNanos.get() - t0) / 1e6, 1) : -1);
            r.put("settledMembers", settled);
            r.put("settledMs", settled >= size ? Runs.round((stats.lastSettledNanos.get() - t0) / 1e6, 1) : -1);
            r.put("lastPresenceFrameMs", Runs.round((stats.lastPresenceNanos.get() - t0) / 1e6, 1));
            r.put("bytesReceived", bytes);
            r.put("bytesPerJoin", Math.round((double) bytes / size));
            r.put("framesPerJoin", Runs.round((double) frames / size, 1));
            r.put("alertsReceived", stats.alerts.sum());
            r.put("orderViolations", stats.orderViolations.sum());
        }
        return r;
    }
}
