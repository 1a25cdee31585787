package io.colachat.bench.loadgen;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Prints one line of counters per second while a scenario runs. */
public final class Progress implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "progress");
        t.setDaemon(true);
        return t;
    });
    private final long start = System.nanoTime();
    private volatile String phase = "start";
    private long lastDeliveries;
    private long lastBytes;

    public Progress(Stats stats, PrintStream out) {
        timer.scheduleAtFixedRate(() -> {
            long d = stats.deliveries.sum();
            long b = stats.bytesIn.sum();
            out.printf("[%5.1fs] %-24s conns=%d deliveries/s=%d in=%.1fMB/s sent=%d acked=%d/%d joins=%d/%d "
                            + "presence=%d settled=%d order=%d%n",
                    (System.nanoTime() - start) / 1e9, phase, stats.connected.sum() - stats.closed.sum(),
                    d - lastDeliveries, (b - lastBytes) / 1e6, stats.sent.sum(), stats.sendOk.sum(),
                    stats.sendFailed.sum(), stats.joinOk.sum(), stats.joinFailed.sum(), stats.presenceFrames.sum(),
                    stats.presenceSettled.sum(), stats.orderViolations.sum());
            lastDeliveries = d;
            lastBytes = b;
        }, 1, 1, TimeUnit.SECONDS);
    }

    public void phase(String phase) {
        this.phase = phase;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
