package io.colachat.bench.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.colachat.bench.loadgen.SioConnection;
import io.colachat.bench.loadgen.Stats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;

/** Helpers shared by the scenarios: waiting, joining, percentiles, RSS. */
final class Runs {

    static final ObjectMapper JSON = new ObjectMapper();

    private Runs() {
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** Polls until {@code done} or the timeout; returns whether it became true. */
    static boolean await(BooleanSupplier done, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /**
     * Waits until no frame but pings has arrived for {@code quietMillis}, at most {@code timeoutMillis}
     * (thousands of idle sockets still get a ping every few milliseconds between them).
     */
    static void awaitQuiet(Stats stats, long quietMillis, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        long last = stats.payloadFrames();
        long quietSince = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            long now = stats.payloadFrames();
            if (now != last) {
                last = now;
                quietSince = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - quietSince >= quietMillis) {
                return;
            }
        }
    }

    /**
     * Every connection emits {@code joinRoom {roomId}} in waves of {@code wave}, each wave waiting for its
     * acks; returns how many joins failed.
     */
    static long joinAll(Stats stats, List<SioConnection> conns, String roomId, int wave, long timeoutMillis)
            throws InterruptedException {
        String payload = "{\"roomId\":\"" + roomId + "\"}";
        long base = stats.joinOk.sum() + stats.joinFailed.sum();
        long failed0 = stats.joinFailed.sum();
        for (int i = 0; i < conns.size(); i += wave) {
            int end = Math.min(conns.size(), i + wave);
            for (int j = i; j < end; j++) {
                conns.get(j).joinRoom(payload);
            }
            long want = base + end;
            if (!await(() -> stats.joinOk.sum() + stats.joinFailed.sum() >= want, timeoutMillis)) {
                throw new IllegalStateException("joins not acknowledged: " + (stats.joinOk.sum()
                        + stats.joinFailed.sum() - base) + " of " + end + " after " + timeoutMillis + " ms");
            }
        }
        return stats.joinFailed.sum() - failed0;
    }

    /** p50/p90/p99/p99.9/max in milliseconds and the count, from a microsecond histogram. */
    static ObjectNode percentiles(Histogram h) {
        ObjectNode o = object();
        o.put("count", h.getTotalCount());
        o.put("p50Ms", ms(h.getValueAtPercentile(50)));
        o.put("p90Ms", ms(h.getValueAtPercentile(90)));
        o.put("p99Ms", ms(h.getValueAtPercentile(99)));
        o.put("p999Ms", ms(h.getValueAtPercentile(99.9)));
        o.put("maxMs", ms(h.getMaxValue()));
        return o;
    }

    static double ms(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    /** Resident set size of a process in bytes, from /proc (Linux); -1 when unknown. */
    static long rssBytes(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
