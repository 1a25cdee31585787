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
import java.util.List;

/**
 * Idle joined sockets up to a target, in rooms of a given size, and the server's resident memory per
 * socket: (RSS with the sockets − RSS before) / sockets. Needs the server's pid ({@code --pid} for
 * {@code run}; the runner knows it).
 *
 * <p>RSS is read after each room's joins and each second of the settling (the highest is the peak,
 * {@code rssPerSocketPeakBytes}), {@code --settle-seconds} after the last join went quiet ({@code rssPerSocketAtSettleBytes}), then once a second until the last
 * {@code --steady-window-seconds} of readings lie within {@code --steady-tolerance} of each other, for at
 * most {@code --steady-max-seconds} ({@code rssPerSocketBytes}, with {@code rssSteady} saying whether it
 * held). A collector gives memory back to the system in steps, minutes after a burst and at moments of
 * its own (G1 at the remark of a periodic cycle, about every 35 s here; Node's over about a minute): the
 * steady figure is what the idle sockets cost, the other two how far the burst still shows.
 *
 * <p>Flags: {@code --sockets 19000 --room-size 100 --wave 500 --settle-seconds 10 --steady-window-seconds 60
 * --steady-tolerance 0.01 --steady-max-seconds 300 --client-threads 2}.
 */
public final class Capacity implements Scenario {

    @Override
    public String name() {
        return "capacity";
    }

    @Override
    public ObjectNode run(Target target, Options o, PrintStream log) throws Exception {
        int sockets = o.integer("sockets", 19_000);
        int roomSize = o.integer("room-size", 100);
        int wave = o.integer("wave", 500);
        int settle = o.integer("settle-seconds", 10);
        ObjectNode result = Runs.object();
        result.put("scenario", name()).put("target", target.name()).put("sockets", sockets).put("roomSize", roomSize);
        long rss0 = Runs.rssBytes(target.pid());
        try (LoadClient client = new LoadClient(target.url(), o.string("namespace", "anonymous"), target.dialect(),
                o.integer("client-threads", 2), ClientListener.NONE);
                Progress progress = new Progress(client.stats(), log)) {
            Stats stats = client.stats();
            Rest rest = new Rest(target.url());
            long t0 = System.nanoTime();
            int joined = 0;
            long peak = rss0;
            while (joined < sockets) {
                int n = Math.min(roomSize, sockets - joined);
                String room = rest.createRoom("capacity " + joined, Math.max(2, roomSize));
                progress.phase("sockets " + joined);
                List<SioConnection> conns = client.connect(n, 200, Duration.ofSeconds(120));
                long failed = Runs.joinAll(stats, conns, room, wave, 120_000);
                if (failed > 0) {
                    throw new IllegalStateException(failed + " joins failed at " + joined + " sockets");
                }
                joined += n;
                peak = Math.max(peak, Runs.rssBytes(target.pid()));
            }
            result.put("secondsToJoinAll", Runs.round((System.nanoTime() - t0) / 1e9, 1));
            progress.phase("idle");
            Runs.awaitQuiet(stats, 2000, 120_000);
            for (int i = 0; i < settle; i++) {
                Thread.sleep(1000);
                peak = Math.max(peak, Runs.rssBytes(target.pid()));
            }
            progress.phase("steady rss");
            int window = o.integer("steady-window-seconds", 60);
            SteadyValue.Reading rss = SteadyValue.await(() -> Runs.rssBytes(target.pid()), window,
                    o.decimal("steady-tolerance", 0.01), Math.max(window, o.integer("steady-max-seconds", 300)),
                    () -> Thread.sleep(1000));
            result.put("joined", joined);
            result.put("openSockets", stats.connected.sum() - stats.closed.sum());
            result.put("rssBeforeBytes", rss0);
            result.put("rssPeakBytes", peak);
            result.put("rssAtSettleBytes", rss.first());
            result.put("rssWithSocketsBytes", rss.steady());
            result.put("rssSteady", rss.held());
            result.put("secondsToSteadyRss", rss.samples() - 1);
            if (rss0 > 0 && rss.first() > 0 && rss.steady() > 0) {
                result.put("rssPerSocketPeakBytes", Math.round((peak - rss0) / (double) joined));
                result.put("rssPerSocketAtSettleBytes", Math.round((rss.first() - rss0) / (double) joined));
                result.put("rssPerSocketBytes", Math.round((rss.steady() - rss0) / (double) joined));
            }
        }
        return result;
    }
}
