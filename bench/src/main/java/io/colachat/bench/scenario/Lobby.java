package io.colachat.bench.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.colachat.bench.loadgen.ClientListener;
import io.colachat.bench.loadgen.LoadClient;
import io.colachat.bench.loadgen.Progress;
import io.colachat.bench.loadgen.Rest;
import io.colachat.bench.loadgen.SioConnection;
import io.colachat.bench.loadgen.Stats;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Many small rooms (2,000 rooms of 8 by default); every member sends one message every interval, at a
 * random phase, for a warm-up and then the duration. Reports latency percentiles over the duration, and
 * lost deliveries and order violations over the whole run.
 *
 * <p>Flags: {@code --rooms 2000 --room-size 8 --interval-seconds 10 --warmup-seconds 10 --duration-seconds 60
 * --drain-ms 5000 --client-threads 2}.
 */
public final class Lobby implements Scenario {

    @Override
    public String name() {
        return "lobby";
    }

    @Override
    public ObjectNode run(Target target, Options o, PrintStream log) throws Exception {
        int rooms = o.integer("rooms", 2000);
        int size = o.integer("room-size", 8);
        long intervalMs = o.integer("interval-seconds", 10) * 1000L;
        int duration = o.integer("duration-seconds", 60);
        int warmup = o.integer("warmup-seconds", 10);
        long drainMs = o.integer("drain-ms", 5000);
        ObjectNode result = Runs.object();
        result.put("scenario", name()).put("target", target.name()).put("rooms", rooms).put("roomSize", size)
                .put("intervalMs", intervalMs).put("durationSeconds", duration);
        try (LoadClient client = new LoadClient(target.url(), o.string("namespace", "anonymous"), target.dialect(),
                o.integer("client-threads", 2), ClientListener.NONE);
                Progress progress = new Progress(client.stats(), log)) {
            Stats stats = client.stats();
            Rest rest = new Rest(target.url());
            progress.phase("rooms " + rooms);
            List<String> roomIds = new ArrayList<>(rooms);
            for (int r = 0; r < rooms; r++) {
                roomIds.add(rest.createRoom("lobby " + r, Math.max(2, size)));
            }
            progress.phase("connect " + rooms * size);
            List<SioConnection> conns = client.connect(rooms * size, 200, Duration.ofSeconds(300));
            progress.phase("join");
            for (int r = 0; r < rooms; r++) {
                List<SioConnection> members = conns.subList(r * size, (r + 1) * size);
                for (SioConnection c : members) {
                    c.targetRoom(roomIds.get(r));
                }
                long failed = Runs.joinAll(stats, members, roomIds.get(r), size, 60_000);
                if (failed > 0) {
                    throw new IllegalStateException(failed + " joins failed in room " + r);
                }
            }
            Runs.awaitQuiet(stats, 1000, 60_000);
            // The connects and joins leave this JVM's young generation full of connection state: collect
            // it now, or its copying (over 100 ms for 16,000 sockets) lands in the measured window.
            System.gc();

            progress.phase("warm-up");
            stats.takeLatency();
            long d0 = stats.deliveries.sum();
            long s0 = stats.sent.sum();
            long acked0 = stats.sendOk.sum() + stats.sendFailed.sum();
            long failed0 = stats.sendFailed.sum();
            long until = System.nanoTime() + (warmup + duration) * 1_000_000_000L;
            SplittableRandom random = new SplittableRandom(42);
            List<ScheduledFuture<?>> tasks = new ArrayList<>(conns.size());
            for (SioConnection c : conns) {
                tasks.add(c.channel().eventLoop().scheduleAtFixedRate(() -> {
                    if (System.nanoTime() < until && c.isReady()) {
                        c.sendTimestamped(true);
                    }
                }, random.nextLong(intervalMs), intervalMs, TimeUnit.MILLISECONDS));
            }
            // Loss and order count over the whole run; latency over the measured window, after the
            // server's (and this client's) code on the message path is compiled.
            Thread.sleep(warmup * 1000L);
            stats.takeLatency();
            progress.phase("chat");
            Thread.sleep(duration * 1000L);
            tasks.forEach(t -> t.cancel(false));
            long sent = stats.sent.sum() - s0;
            Runs.await(() -> stats.sendOk.sum() + stats.sendFailed.sum() - acked0 >= sent, drainMs);
            long failed = stats.sendFailed.sum() - failed0;
            long expected = (sent - failed) * size;
            Runs.await(() -> stats.deliveries.sum() - d0 >= expected, drainMs);
            long received = stats.deliveries.sum() - d0;
            Histogram h = stats.takeLatency();
            result.put("sent", sent);
            result.put("sendFailed", failed);
            result.put("expectedDeliveries", expected);
            result.put("received", received);
            result.put("lost", Math.max(0, expected - received));
            result.put("deliveriesPerSec", Math.round(received / (double) (warmup + duration)));
            result.put("warmupSeconds", warmup);
            result.setAll(Runs.percentiles(h));
            result.put("orderViolations", stats.orderViolations.sum());
        }
        return result;
    }
}
