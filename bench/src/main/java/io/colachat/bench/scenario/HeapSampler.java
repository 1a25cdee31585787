package io.colachat.bench.scenario;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Samples a JVM's heap after a full collection, every interval, on its own thread: {@code jcmd <pid>
 * GC.run}, then {@code jcmd <pid> GC.heap_info}; plus the process's RSS from {@code /proc}. Each sample
 * also records what the caller's {@code label} supplier says (for example the number of clients).
 *
 * <p>{@link #summary} compares the median of the first third of the samples with the median of the last
 * third and fits a least-squares slope, so that a trend is reported, not hidden.
 */
final class HeapSampler implements AutoCloseable {

    /** {@code used 12345K} on the heap lines of {@code GC.heap_info} (G1, Parallel, Serial, ZGC). */
    private static final Pattern USED = Pattern.compile("used (\\d+)([KMG])");
    private static final Pattern TOTAL = Pattern.compile("(?:total|capacity) (\\d+)([KMG])");

    private final long pid;
    private final long intervalMillis;
    private final Supplier<String> label;
    private final String jcmd;
    private final long t0 = System.nanoTime();
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String lastError;

    /** One reading; bytes, or -1 when unknown. */
    record Sample(double seconds, long heapUsedAfterGc, long heapCommitted, long rss, String label) {
    }

    HeapSampler(long pid, long intervalMillis, Supplier<String> label) {
        this.pid = pid;
        this.intervalMillis = intervalMillis;
        this.label = label;
        this.jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        this.thread = new Thread(this::loop, "heap-sampler");
        this.thread.setDaemon(true);
    }

    void start() {
        if (pid > 0) {
            thread.start();
        }
    }

    private void loop() {
        long next = System.nanoTime();
        while (running) {
            sampleNow();
            next += intervalMillis * 1_000_000L;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            } else {
                next = System.nanoTime();
            }
        }
    }

    private Sample sampleNow() {
        return sampleNow("");
    }

    /**
     * Takes one sample now (also callable from the scenario's thread, for example at the very end);
     * {@code prefix} goes before the label.
     */
    Sample sampleNow(String prefix) {
        long used = -1;
        long committed = -1;
        try {
            run(jcmd, String.valueOf(pid), "GC.run");
            String info = run(jcmd, String.valueOf(pid), "GC.heap_info");
            long[] uc = parseHeapInfo(info);
            used = uc[0];
            committed = uc[1];
        } catch (IOException | RuntimeException e) {
            lastError = String.valueOf(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null; // closing: no half-taken sample
        }
        Sample s = new Sample(Runs.round((System.nanoTime() - t0) / 1e9, 1), used, committed, Runs.rssBytes(pid),
                prefix + label.get());
        synchronized (samples) {
            samples.add(s);
        }
        return s;
    }

    /** Used and committed bytes summed over the heap's lines (not Metaspace, not class space). */
    static long[] parseHeapInfo(String info) {
        long used = 0;
        long committed = 0;
        boolean found = false;
        for (String line : info.split("\n")) {
            String l = line.trim();
            if (l.isEmpty() || l.startsWith("Metaspace") || l.startsWith("class space") || l.startsWith("region")
                    || l.startsWith("eden") || l.startsWith("from") || l.startsWith("to") || l.startsWith("object")) {
                continue;
            }
            Matcher u = USED.matcher(l);
            if (u.find()) {
                found = true;
                used += bytes(u.group(1), u.group(2));
                Matcher t = TOTAL.matcher(l);
                if (t.find()) {
                    committed += bytes(t.group(1), t.group(2));
                }
            }
        }
        if (!found) {
            throw new IllegalStateException("no heap line in GC.heap_info: " + info);
        }
        return new long[] {used, committed};
    }

    private static long bytes(String n, String unit) {
        long v = Long.parseLong(n);
        return switch (unit) {
            case "K" -> v * 1024;
            case "M" -> v * 1024 * 1024;
            default -> v * 1024 * 1024 * 1024;
        };
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(Arrays.toString(cmd) + " did not finish");
        }
        if (p.exitValue() != 0) {
            throw new IOException(Arrays.toString(cmd) + " exited " + p.exitValue() + ": "
                    + new String(out, StandardCharsets.UTF_8).trim());
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /**
     * The samples as JSON and the comparison of the first third with the last third.
     *
     * @param tolerance how much higher the last third's median may be and still count as flat (0.10 = 10%)
     */
    ObjectNode summary(double tolerance) {
        List<Sample> all = samples();
        ObjectNode o = Runs.object();
        o.put("samples", all.size()).put("intervalSeconds", intervalMillis / 1000.0)
                .put("method", "jcmd <pid> GC.run, then jcmd <pid> GC.heap_info (used); RSS from /proc/<pid>/status");
        if (lastError != null) {
            o.put("lastError", lastError);
        }
        List<Sample> ok = all.stream().filter(s -> s.heapUsedAfterGc() > 0).toList();
        if (ok.size() >= 3) {
            int third = ok.size() / 3;
            long first = median(ok.subList(0, third));
            long last = median(ok.subList(ok.size() - third, ok.size()));
            double ratio = first > 0 ? (double) last / first : Double.NaN;
            o.put("firstThirdMedianBytes", first).put("lastThirdMedianBytes", last)
                    .put("lastOverFirst", Runs.round(ratio, 3)).put("tolerance", tolerance)
                    .put("flat", ratio <= 1 + tolerance);
            o.put("slopeBytesPerMinute", Math.round(slope(ok) * 60));
            o.put("minBytes", ok.stream().mapToLong(Sample::heapUsedAfterGc).min().orElse(-1));
            o.put("maxBytes", ok.stream().mapToLong(Sample::heapUsedAfterGc).max().orElse(-1));
        } else {
            o.put("flat", (String) null);
            o.put("note", "fewer than 3 heap samples: no comparison");
        }
        List<Sample> rss = all.stream().filter(s -> s.rss() > 0).toList();
        if (!rss.isEmpty()) {
            o.put("rssFirstBytes", rss.get(0).rss()).put("rssLastBytes", rss.get(rss.size() - 1).rss())
                    .put("rssMaxBytes", rss.stream().mapToLong(Sample::rss).max().orElse(-1));
        }
        ArrayNode table = o.putArray("table");
        for (Sample s : all) {
            table.addObject().put("t", s.seconds()).put("heapUsedAfterGcBytes", s.heapUsedAfterGc())
                    .put("heapCommittedBytes", s.heapCommitted()).put("rssBytes", s.rss()).put("label", s.label());
        }
        return o;
    }

    private static long median(List<Sample> s) {
        long[] v = s.stream().mapToLong(Sample::heapUsedAfterGc).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** Least-squares slope of heap-after-GC against time, bytes per second. */
    private static double slope(List<Sample> s) {
        double n = s.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (Sample x : s) {
            sx += x.seconds();
            sy += x.heapUsedAfterGc();
            sxx += x.seconds() * x.seconds();
            sxy += x.seconds() * x.heapUsedAfterGc();
        }
        double d = n * sxx - sx * sx;
        return d == 0 ? 0 : (n * sxy - sx * sy) / d;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(70_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
