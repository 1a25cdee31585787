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
import org.HdrHistogram.Histogram;

/**
 * Messages stored per second: rooms of one member each, every member keeping a window of
 * {@code sendMessage} requests in flight (a new one goes out as each acknowledgement comes back), so the
 * offered load is whatever the server can take. An acknowledged message is a stored one (the contract
 * acknowledges after storing), so acknowledgements per second are messages stored per second. One member
 * per room keeps delivery cheap: what is left is the store, its ordering and the acknowledgement.
 *
 * <p>Flags: {@code --rooms 100 --window 4 --warmup-seconds 5 --duration-seconds 20 --drain-ms 10000
 * --client-threads 2}.
 */
public final class Store implements Scenario {

    @Override
    public String name() {
        return "store";
    }

    @Override
    public ObjectNode run(Target target, Options o, PrintStream log) throws Exception {
        int rooms = o.integer("rooms", 100);
        int window = o.integer("window", 4);
        int warmup = o.integer("warmup-seconds", 5);
        int duration = o.integer("duration-seconds", 20);
        long drainMs = o.integer("drain-ms", 10_000);
        ObjectNode result = Runs.object();
        result.put("scenario", name()).put("target", target.name()).put("rooms", rooms).put("window", window)
                .put("durationSeconds", duration);
        ClosedLoop loop = new ClosedLoop();
        try (LoadClient client = new LoadClient(target.url(), o.string("namespace", "anonymous"), target.dialect(),
                o.integer("client-threads", 2), loop);
                Progress progress = new Progress(client.stats(), log)) {
            Stats stats = client.stats();
            Rest rest = new Rest(target.url());
            progress.phase("rooms " + rooms);
            List<SioConnection> conns = client.connect(rooms, 200, Duration.ofSeconds(120));
            for (SioConnection c : conns) {
                String room = rest.createRoom("store " + c.index(), 2);
                c.targetRoom(room);
                if (Runs.joinAll(stats, List.of(c), room, 1, 60_000) > 0) {
                    throw new IllegalStateException("a join failed");
                }
            }
            Runs.awaitQuiet(stats, 500, 30_000);

            progress.phase("warm-up");
            loop.start(conns, window);
            Thread.sleep(warmup * 1000L);

            progress.phase("store");
            stats.takeLatency();
            long ok0 = stats.sendOk.sum();
            long failed0 = stats.sendFailed.sum();
            long t0 = System.nanoTime();
            Thread.sleep(duration * 1000L);
            long ok = stats.sendOk.sum() - ok0;
            long failed = stats.sendFailed.sum() - failed0;
            double seconds = (System.nanoTime() - t0) / 1e9;
            Histogram h = stats.takeLatency();
            loop.stop();
            Runs.await(() -> stats.sendOk.sum() + stats.sendFailed.sum() >= stats.sent.sum(), drainMs);
            result.put("stored", ok);
            result.put("sendFailed", failed);
            result.put("storedPerSec", Math.round(ok / seconds));
            result.setAll(Runs.percentiles(h));
            result.put("unacknowledgedAtEnd", stats.sent.sum() - stats.sendOk.sum() - stats.sendFailed.sum());
            result.put("orderViolations", stats.orderViolations.sum());
            log.println("store " + target.name() + " " + result);
        }
        return result;
    }

    /** Sends the next message of a connection as each acknowledgement of the previous ones comes back. */
    private static final class ClosedLoop implements ClientListener {
        private volatile boolean on;

        void start(List<SioConnection> conns, int window) {
            on = true;
            for (SioConnection c : conns) {
                c.channel().eventLoop().execute(() -> {
                    for (int i = 0; i < window; i++) {
                        c.sendTimestamped(false);
                    }
                    c.flush();
                });
            }
        }

        void stop() {
            on = false;
        }

        @Override
        public void onAck(SioConnection c, long ackId, boolean ok, byte[] json, int from, int to) {
            if (on && ackId == SioConnection.ACK_SEND && c.isReady()) {
                c.sendTimestamped(true);
            }
        }
    }
}
