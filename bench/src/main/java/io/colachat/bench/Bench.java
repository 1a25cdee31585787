package io.colachat.bench;

import io.colachat.bench.limit.LimitServer;
import io.colachat.bench.loadgen.Dialect;
import io.colachat.bench.scenario.Options;
import io.colachat.bench.scenario.Scenario;
import io.colachat.bench.scenario.Target;
import java.net.URI;
import java.util.Arrays;

/**
 * Entry point of {@code colachat-bench.jar}.
 *
 * <pre>
 *   run &lt;scenario&gt; --url http://127.0.0.1:8080 [--dialect raw] [scenario flags]   one scenario, one server
 *   compare &lt;scenario&gt; --targets colachat,baseline,limit [runner flags]         side by side (see Runner)
 *   limit --port 8099 --threads 2                                             the bare Netty limit server
 *   report bench/target/results/fanout.json --img docs/img                    tables and charts again
 * </pre>
 *
 * {@code run} prints progress each second and one JSON result at the end (also to {@code --out FILE}).
 */
public final class Bench {

    private static final String USAGE = "usage: run|compare <scenario> [flags] | limit [flags] | report <results.json>"
            + " (see the Javadoc of io.colachat.bench.Bench)";

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println(USAGE);
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (args[0]) {
                case "limit" -> LimitServer.main(rest);
                case "compare" -> Runner.main(rest);
                case "run" -> run(Options.parse(rest));
                case "report" -> report(Options.parse(rest));
                default -> throw new IllegalArgumentException("unknown command " + args[0]);
            }
        } catch (IllegalArgumentException e) {
            // A mistyped command line: one line that says what is wrong, not a stack trace.
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        }
        System.exit(0);
    }

    private static void report(Options o) throws Exception {
        var all = Runner.JSON.readTree(java.nio.file.Path.of(o.positional(0, "results file")).toFile());
        io.colachat.bench.report.Report.charts(all, java.nio.file.Path.of(o.string("img", "docs/img")));
        System.out.println(io.colachat.bench.report.Report.markdown(all));
    }

    private static void run(Options o) throws Exception {
        Scenario scenario = Scenario.named(o.positional(0, "scenario (fanout, joinstorm, lobby, capacity, refresh, soak, store)"));
        Dialect dialect = "raw".equals(o.string("dialect", "socketio")) ? Dialect.RAW : Dialect.SOCKET_IO;
        Target target = new Target(o.string("name", dialect == Dialect.RAW ? "limit" : "server"),
                URI.create(o.string("url", "http://127.0.0.1:8080")), dialect, o.integer("pid", -1));
        var result = scenario.run(target, o, System.out);
        String json = Runner.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result);
        System.out.println(json);
        String out = o.string("out", null);
        if (out != null) {
            java.nio.file.Files.writeString(java.nio.file.Path.of(out), json);
        }
    }
}
