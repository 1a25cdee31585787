package io.colachat.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Turns a runner result ({@code {scenario, targets: {name: [run, ...]}}}) into Markdown tables with
 * medians and ratios, and into PNG charts.
 */
public final class Report {

    private Report() {
    }

    // ================================================================ markdown

    public static String markdown(JsonNode all) {
        String scenario = all.path("scenario").asText();
        StringBuilder md = new StringBuilder("### " + scenario + "\n\n");
        JsonNode targets = all.path("targets");
        switch (scenario) {
            case "fanout" -> fanout(md, targets);
            case "joinstorm" -> joinstorm(md, targets);
            case "lobby" -> columns(md, targets, new String[] {"rooms", "roomSize", "sent", "received", "lost",
                "p50Ms", "p99Ms", "p999Ms", "maxMs", "orderViolations"});
            case "capacity" -> columns(md, targets, new String[] {"joined", "openSockets", "secondsToJoinAll",
                "rssBeforeBytes", "rssPerSocketPeakBytes", "rssPerSocketAtSettleBytes", "secondsToSteadyRss", "rssSteady", "rssWithSocketsBytes",
                "rssPerSocketBytes"});
            case "refresh" -> columns(md, targets, new String[] {"members", "resumes", "resumedSameChatter",
                "resumeFailed", "alertsSeenByWatcher"});
            case "soak" -> soak(md, targets);
            case "store" -> columns(md, targets, new String[] {"rooms", "window", "stored", "storedPerSec",
                "sendFailed", "p50Ms", "p99Ms", "orderViolations"});
            default -> generic(md, targets);
        }
        return md.toString();
    }

    private static void soak(StringBuilder md, JsonNode targets) {
        md.append("| target | seconds | clients created | refreshes | drops | leaves | acked | expected deliveries "
                + "| lost | duplicates | ghosts | heap after GC, first third → last third (MiB) | flat | RSS end (MiB) |\n")
                .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: |\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = targets.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            for (JsonNode r : e.getValue()) {
                JsonNode heap = r.path("heap");
                md.append(String.format("| %s | %.0f | %d | %d | %d | %d | %d | %d | %d | %d | %d | %.1f → %.1f | %s | %.1f |%n",
                        e.getKey(), r.path("churnSeconds").asDouble(), r.path("clients").path("created").asLong(),
                        r.path("churn").path("refreshes").asLong(), r.path("churn").path("drops").asLong(),
                        r.path("churn").path("leaves").asLong(), r.path("messages").path("acked").asLong(),
                        r.path("delivery").path("expectedDeliveries").asLong(),
                        r.path("delivery").path("lost").asLong(), r.path("delivery").path("duplicates").asLong(),
                        r.path("ghosts").path("ghosts").asLong(),
                        heap.path("firstThirdMedianBytes").asDouble() / 1048576,
                        heap.path("lastThirdMedianBytes").asDouble() / 1048576, heap.path("flat").asText(),
                        heap.path("rssLastBytes").asDouble() / 1048576));
            }
        }
    }

    private static void fanout(StringBuilder md, JsonNode targets) {
        md.append("| target | runs | best deliveries/s (median) | p99 at best (ms) | members | vs colachat |\n")
                .append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
        double ours = median(targets.path("colachat"), r -> r.path("bestDeliveriesPerSec").asDouble());
        for (Iterator<Map.Entry<String, JsonNode>> it = targets.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            double best = median(e.getValue(), r -> r.path("bestDeliveriesPerSec").asDouble());
            double p99 = median(e.getValue(), r -> r.path("bestStep").path("p99Ms").asDouble());
            md.append(String.format("| %s | %d | %,.0f | %.1f | %s | %s |%n", e.getKey(), e.getValue().size(), best,
                    p99, e.getValue().path(0).path("members").asText(), ratio(ours, best)));
        }
        md.append("\nSteps (first run):\n\n| target | offered msg/s | offered deliveries/s | delivered/s | p50 ms "
                + "| p99 ms | max ms | lost |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = targets.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            for (JsonNode s : e.getValue().path(0).path("steps")) {
                md.append(String.format("| %s | %.1f | %,d | %,d | %.1f | %.1f | %.1f | %d |%n", e.getKey(),
                        s.path("offeredMessagesPerSec").asDouble(), s.path("offeredDeliveriesPerSec").asLong(),
                        s.path("deliveriesPerSec").asLong(), s.path("p50Ms").asDouble(), s.path("p99Ms").asDouble(),
                        s.path("maxMs").asDouble(), s.path("lost").asLong()));
            }
        }
    }

    private static void joinstorm(StringBuilder md, JsonNode targets) {
        md.append("| target | joins | all acked (ms) | presence settled (ms) | last presence frame (ms) "
                + "| bytes per join | frames per join | completed |\n")
                .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = targets.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode first = e.getValue().path(0);
            for (int i = 0; i < first.path("storms").size(); i++) {
                int idx = i;
                JsonNode s = first.path("storms").get(i);
                md.append(String.format("| %s | %d | %s | %s | %.0f | %,.0f | %.1f | %s |%n", e.getKey(),
                        s.path("size").asInt(),
                        msOrDash(median(e.getValue(), r -> r.path("storms").path(idx).path("allAckedMs").asDouble())),
                        msOrDash(median(e.getValue(), r -> r.path("storms").path(idx).path("settledMs").asDouble())),
                        median(e.getValue(), r -> r.path("storms").path(idx).path("lastPresenceFrameMs").asDouble()),
                        median(e.getValue(), r -> r.path("storms").path(idx).path("bytesPerJoin").asDouble()),
                        s.path("framesPerJoin").asDouble(), s.path("completed").asBoolean() ? "yes" : "no (timeout)"));
            }
            md.append(String.format("| %s | growth of bytes/join, largest vs smallest: **%.2f×** | | | | | | |%n",
                    e.getKey(), first.path("bytesPerJoinGrowth").asDouble()));
        }
    }

    /** One row per target: the median over runs of each named figure. */
    private static void columns(StringBuilder md, JsonNode targets, String[] names) {
        md.append("| target | ").append(String.join(" | ", names)).append(" |\n| --- |")
                .append(" ---: |".repeat(names.length)).append('\n');
        for (Iterator<Map.Entry<String, JsonNode>> it = targets.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().path(0).has("error")) {
                md.append("| ").append(e.getKey()).append(" | error: ").append(e.getValue().path(0).path("error").asText())
                        .append(" |\n");
                continue;
            }
            md.append("| ").append(e.getKey());
            for (String n : names) {
                double v = median(e.getValue(), r -> r.path(n).asDouble());
                md.append(" | ").append(v == Math.rint(v) ? String.format("%,.0f", v) : String.format("%,.2f", v));
            }
            md.append(" |\n");
        }
    }

    private static void generic(StringBuilder md, JsonNode targets) {
        md.append("| target | result (first run) |\n| --- | --- |\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = targets.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            md.append("| ").append(e.getKey()).append(" | `").append(e.getValue().path(0)).append("` |\n");
        }
    }

    private static String msOrDash(double v) {
        return v < 0 ? "—" : String.format("%.0f", v);
    }

    private static String ratio(double ours, double theirs) {
        if (ours <= 0 || theirs <= 0) {
            return "—";
        }
        return String.format("%.2f×", ours / theirs);
    }

    /** The median over runs of one figure. */
    public static double median(JsonNode runs, ToDoubleFunction<JsonNode> f) {
        List<Double> v = new ArrayList<>();
        for (JsonNode r : runs) {
            v.add(f.applyAsDouble(r));
        }
        if (v.isEmpty()) {
            return 0;
        }
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    // ================================================================ charts

    public static void charts(JsonNode all, Path dir) throws IOException {
        String scenario = all.path("scenario").asText();
        JsonNode targets = all.path("targets");
        if (scenario.equals("fanout")) {
            XYChart c = chart("Fanout: p99 delivery latency against rate", "deliveries per second (offered)",
                    "p99 latency (ms)");
            c.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
            for (Iterator<Map.Entry<String, JsonNode>> it = targets.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                // A retried rate is drawn once, with its last attempt (the one the ramp acted on).
                java.util.TreeMap<Double, Double> byRate = new java.util.TreeMap<>();
                for (JsonNode s : e.getValue().path(0).path("steps")) {
                    byRate.put(s.path("offeredDeliveriesPerSec").asDouble(), Math.max(0.01, s.path("p99Ms").asDouble()));
                }
                List<Double> x = new ArrayList<>(byRate.keySet());
                List<Double> y = new ArrayList<>(byRate.values());
                if (!x.isEmpty()) {
                    c.addSeries(e.getKey(), x, y).setMarker(SeriesMarkers.CIRCLE);
                }
            }
            if (!c.getSeriesMap().isEmpty()) {
                double lo = Double.MAX_VALUE;
                double hi = 0;
                for (var series : c.getSeriesMap().values()) {
                    lo = Math.min(lo, series.getXMin());
                    hi = Math.max(hi, series.getXMax());
                }
                double limit = all.path("flags").path("p99-limit-ms").asDouble(100);
                c.addSeries("p99 limit", List.of(lo, hi), List.of(limit, limit)).setMarker(SeriesMarkers.NONE);
            }
            BitmapEncoder.saveBitmap(c, dir.resolve("fanout-latency").toString(), BitmapEncoder.BitmapFormat.PNG);
        } else if (scenario.equals("joinstorm")) {
            XYChart time = chart("Join storm: time until presence settles", "joins at once", "ms (log)");
            time.getStyler().setYAxisLogarithmic(true);
            XYChart bytes = chart("Join storm: bytes received per join", "joins at once", "bytes per join (log)");
            bytes.getStyler().setYAxisLogarithmic(true);
            for (Iterator<Map.Entry<String, JsonNode>> it = targets.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                // Storms cut by the timeout are drawn apart: their figures are lower bounds.
                List<Double> x = new ArrayList<>();
                List<Double> t = new ArrayList<>();
                List<Double> b = new ArrayList<>();
                List<Double> cutX = new ArrayList<>();
                List<Double> cutT = new ArrayList<>();
                List<Double> cutB = new ArrayList<>();
                for (JsonNode s : e.getValue().path(0).path("storms")) {
                    boolean done = s.path("completed").asBoolean();
                    double settled = s.path("settledMs").asDouble();
                    (done ? x : cutX).add(s.path("size").asDouble());
                    (done ? t : cutT).add(Math.max(1, done ? settled : s.path("lastPresenceFrameMs").asDouble()));
                    (done ? b : cutB).add(Math.max(1, s.path("bytesPerJoin").asDouble()));
                }
                if (!x.isEmpty()) {
                    time.addSeries(e.getKey(), x, t).setMarker(SeriesMarkers.CIRCLE);
                    bytes.addSeries(e.getKey(), x, b).setMarker(SeriesMarkers.CIRCLE);
                }
                if (!cutX.isEmpty()) {
                    String label = e.getKey() + " (cut at timeout: at least)";
                    time.addSeries(label, cutX, cutT).setMarker(SeriesMarkers.TRIANGLE_UP);
                    bytes.addSeries(label, cutX, cutB).setMarker(SeriesMarkers.TRIANGLE_UP);
                }
            }
            BitmapEncoder.saveBitmap(time, dir.resolve("joinstorm-settle").toString(), BitmapEncoder.BitmapFormat.PNG);
            BitmapEncoder.saveBitmap(bytes, dir.resolve("joinstorm-bytes").toString(), BitmapEncoder.BitmapFormat.PNG);
        }
    }

    private static XYChart chart(String title, String x, String y) {
        XYChart c = new XYChartBuilder().width(800).height(480).title(title).xAxisTitle(x).yAxisTitle(y).build();
        c.getStyler().setLegendVisible(true);
        return c;
    }
}
