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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * One room of N members; a few of them send at a rate that rises step by step until the p99 delivery
 * latency passes the limit (or a delivery is lost, or a send is refused). The result is the highest
 * deliveries per second sustained within the limit.
 *
 * <p>Flags: {@code --members 500 --senders 10 --start-rate 20 --step-factor 1.5 --step-seconds 5
 * --max-steps 20 --p99-limit-ms 100 --drain-ms 5000 --warmup-seconds 5
 * --join-wave 50 --join-timeout-seconds 600 --step-retries 1 --refine-steps 2 --tick-ms 2 --client-threads 2
 * --max-rate 0 (no cap)}. After the first rate that fails, {@code --refine-steps} steps bisect between it
 * and the last rate held ({@link RateSearch}). Rates
 * are messages per second into the room; each message is delivered to every member, sender included.
 */
public final class Fanout implements Scenario {

    @Override
    public String name() {
        return "fanout";
    }

    @Override
    public boolean supports(Target target) {
        return true;
    }

    @Override
    public ObjectNode run(Target target, Options o, PrintStream log) throws Exception {
        int members = o.integer("members", 500);
        int senders = Math.min(members, o.integer("senders", 10));
        double rate = o.decimal("start-rate", 20);
        double factor = o.decimal("step-factor", 1.5);
        double maxRate = o.decimal("max-rate", 0);
        int stepSeconds = o.integer("step-seconds", 5);
        int maxSteps = o.integer("max-steps", 20);
        double p99Limit = o.decimal("p99-limit-ms", 100);
        long drainMs = o.integer("drain-ms", 5000);

        ObjectNode result = Runs.object();
        result.put("scenario", name()).put("target", target.name()).put("members", members)
                .put("senders", senders).put("stepSeconds", stepSeconds).put("p99LimitMs", p99Limit);
        try (LoadClient client = new LoadClient(target.url(), o.string("namespace", "anonymous"), target.dialect(),
                o.integer("client-threads", 2), ClientListener.NONE);
                Progress progress = new Progress(client.stats(), log)) {
            Stats stats = client.stats();
            progress.phase("connect " + members);
            List<SioConnection> conns = client.connect(members, 200, Duration.ofSeconds(120));
            String roomId = "limit";
            if (target.speaksSocketIo()) {
                roomId = new Rest(target.url()).createRoom("fanout " + members, Math.max(2, members));
                // Joins go in waves, each waiting for the presence traffic it caused to pass: a server that
                // sends full lists to the whole room on every join costs O(N^3) bytes here, and a flood
                // would only delay its pings until it drops the sockets.
                int wave = o.integer("join-wave", 50);
                long joinStart = System.currentTimeMillis();
                long joinDeadline = joinStart + o.integer("join-timeout-seconds", 600) * 1000L;
                for (int i = 0; i < members; i += wave) {
                    progress.phase("join " + i + "/" + members);
                    long failed = Runs.joinAll(stats, conns.subList(i, Math.min(members, i + wave)), roomId, wave,
                            120_000);
                    if (failed > 0) {
                        throw new IllegalStateException(failed + " joins failed (room capacity too small?)");
                    }
                    Runs.awaitQuiet(stats, 300, Math.max(1, joinDeadline - System.currentTimeMillis()));
                }
                Runs.awaitQuiet(stats, 1000, Math.max(1, joinDeadline - System.currentTimeMillis()));
                result.put("joinSeconds", Runs.round((System.currentTimeMillis() - joinStart) / 1000.0, 1));
            }
            long open = stats.connected.sum() - stats.closed.sum();
            if (open < members) {
                throw new IllegalStateException("only " + open + " of " + members
                        + " sockets still open after joining (the server dropped the rest)");
            }
            List<Pacer> pacers = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                SioConnection c = conns.get(i * members / senders);
                c.targetRoom(roomId);
                pacers.add(new Pacer(c, o.integer("tick-ms", 2)));
            }

            int warmup = o.integer("warmup-seconds", 5);
            if (warmup > 0) {
                // JIT and connection warm-up at the start rate; not measured.
                progress.phase("warm-up");
                long w0 = System.nanoTime();
                for (Pacer p : pacers) {
                    p.start(rate / senders, w0);
                }
                Thread.sleep(warmup * 1000L);
                for (Pacer p : pacers) {
                    p.stop();
                }
                Runs.awaitQuiet(stats, 500, drainMs);
            }

            ArrayNode steps = result.putArray("steps");
            double best = 0;
            ObjectNode bestStep = null;
            int retries = o.integer("step-retries", 1);
            int refine = o.integer("refine-steps", 2);
            RateSearch search = new RateSearch(rate, factor, retries, refine, maxRate);
            // At most maxSteps for the ramp; the bisection's steps (each with its retries) come on top.
            int stepLimit = maxSteps + refine * (retries + 1);
            for (int step = 0; step < (search.refining() ? stepLimit : maxSteps); step++) {
                rate = search.rate();
                progress.phase(String.format("step %d %.0f msg/s%s", step, rate, search.refining() ? " (refining)" : ""));
                stats.takeLatency();
                long d0 = stats.deliveries.sum();
                long s0 = stats.sent.sum();
                long acked0 = stats.sendOk.sum() + stats.sendFailed.sum();
                long failed0 = stats.sendFailed.sum();
                long closed0 = stats.closed.sum();
                long t0 = System.nanoTime();
                for (Pacer p : pacers) {
                    p.start(rate / senders, t0);
                }
                Thread.sleep(stepSeconds * 1000L);
                for (Pacer p : pacers) {
                    p.stop();
                }
                long window = System.nanoTime() - t0;
                long inWindow = stats.deliveries.sum() - d0;
                long sent = stats.sent.sum() - s0;
                Runs.await(() -> !target.speaksSocketIo()
                        || stats.sendOk.sum() + stats.sendFailed.sum() - acked0 >= sent, drainMs);
                long failed = stats.sendFailed.sum() - failed0;
                long expected = (sent - failed) * members;
                Runs.await(() -> stats.deliveries.sum() - d0 >= expected, drainMs);
                long received = stats.deliveries.sum() - d0;
                Histogram h = stats.takeLatency();

                ObjectNode s = steps.addObject();
                s.put("offeredMessagesPerSec", Runs.round(rate, 1));
                s.put("offeredDeliveriesPerSec", Math.round(rate * members));
                s.put("sent", sent);
                s.put("sendFailed", failed);
                s.put("deliveriesPerSec", Math.round(inWindow * 1e9 / window));
                s.put("received", received);
                s.put("lost", Math.max(0, expected - received));
                s.setAll(Runs.percentiles(h));
                log.println("fanout " + target.name() + " " + s);
                long closed = stats.closed.sum();
                boolean within = sent > 0 && closed == closed0 && h.getValueAtPercentile(99) <= p99Limit * 1000
                        && received >= expected && failed == 0;
                s.put("socketsDropped", closed - closed0);
                s.put("withinLimit", within);
                if (within) {
                    double achieved = received * 1e9 / window;
                    if (achieved > best) {
                        best = achieved;
                        bestStep = s;
                    }
                }
                // A failed step is retried (one bad step on a shared machine can be a neighbour's
                // burst), then the search bisects between the last rate held and the first failed.
                if (!search.record(within, sent == 0 || closed != closed0)) {
                    break;
                }
                if (!within) {
                    Runs.awaitQuiet(stats, 500, drainMs);
                }
            }
            for (Pacer p : pacers) {
                p.cancel();
            }
            result.put("bestDeliveriesPerSec", Math.round(best));
            result.set("bestStep", bestStep);
            result.put("orderViolations", stats.orderViolations.sum());
        }
        return result;
    }

    /**
     * Sends from one member at a set rate, on that member's event loop: every tick (2 ms) it sends what is due
     * since the step began and flushes once.
     */
    private static final class Pacer implements Runnable {
        private static final int MAX_BURST = 2000;

        private final SioConnection conn;
        private final ScheduledFuture<?> task;
        private volatile boolean on;
        private double perSecond;
        private long startNanos;
        private long sentInStep;

        Pacer(SioConnection conn, int tickMillis) {
            this.conn = conn;
            this.task = conn.channel().eventLoop().scheduleAtFixedRate(this, tickMillis, tickMillis,
                    TimeUnit.MILLISECONDS);
        }

        /** The fields are published by the volatile write to {@code on}. */
        void start(double perSecond, long startNanos) {
            this.perSecond = perSecond;
            this.startNanos = startNanos;
            this.sentInStep = 0;
            this.on = true;
        }

        void stop() throws InterruptedException {
            on = false;
            // Let a tick that already read on == true finish before the next start() resets the counters.
            conn.channel().eventLoop().submit(() -> { }).await(1000);
        }

        void cancel() {
            task.cancel(false);
        }

        @Override
        public void run() {
            if (!on || !conn.isReady()) {
                return;
            }
            // Rounded, not floored: at 0.2 messages/s a sender's first message is due at 2.5 s, not 5 s.
            long due = (long) (perSecond * (System.nanoTime() - startNanos) / 1e9 + 0.5) - sentInStep;
            if (due <= 0) {
                return;
            }
            due = Math.min(due, MAX_BURST);
            for (long i = 0; i < due; i++) {
                conn.sendTimestamped(false);
            }
            sentInStep += due;
            conn.flush();
        }
    }
}
