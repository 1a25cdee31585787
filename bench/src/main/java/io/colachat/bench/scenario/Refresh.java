package io.colachat.bench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.colachat.bench.loadgen.ClientListener;
import io.colachat.bench.loadgen.LoadClient;
import io.colachat.bench.loadgen.Progress;
import io.colachat.bench.loadgen.Rest;
import io.colachat.bench.loadgen.SioConnection;
import io.colachat.bench.loadgen.Stats;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Members drop their sockets and come back within the leave grace, resuming with their chatter id and
 * token, round after round, while one watcher sits in the room. A refresh must announce nothing: the
 * watcher must see no JOIN or LEAVE alert (0 is the only passing figure), and every resume must keep
 * the chatter's id.
 *
 * <p>Flags: {@code --members 50 --rounds 3 --reconnect-delay-ms 500 --grace-ms 3000 --client-threads 2};
 * the grace must match the server's {@code --leave-grace-ms}, and the delay must stay well inside it.
 */
public final class Refresh implements Scenario {

    @Override
    public String name() {
        return "refresh";
    }

    @Override
    public ObjectNode run(Target target, Options o, PrintStream log) throws Exception {
        int members = o.integer("members", 50);
        int rounds = o.integer("rounds", 3);
        long delayMs = o.integer("reconnect-delay-ms", 500);
        long graceMs = o.integer("grace-ms", 3000);
        String ns = o.string("namespace", "anonymous");
        ObjectNode result = Runs.object();
        result.put("scenario", name()).put("target", target.name()).put("members", members).put("rounds", rounds)
                .put("reconnectDelayMs", delayMs);
        Credentials creds = new Credentials();
        try (LoadClient watcher = new LoadClient(target.url(), ns, target.dialect(), 1, ClientListener.NONE);
                LoadClient client = new LoadClient(target.url(), ns, target.dialect(), o.integer("client-threads", 2),
                        creds);
                Progress progress = new Progress(client.stats(), log)) {
            Stats stats = client.stats();
            String room = new Rest(target.url()).createRoom("refresh", members + 1);
            List<SioConnection> w = watcher.connect(1, 1, Duration.ofSeconds(30));
            Runs.joinAll(watcher.stats(), w, room, 1, 30_000);
            progress.phase("join " + members);
            List<SioConnection> conns = client.connect(members, 200, Duration.ofSeconds(60));
            long failed = Runs.joinAll(stats, conns, room, 250, 60_000);
            if (failed > 0) {
                throw new IllegalStateException(failed + " joins failed");
            }
            Runs.awaitQuiet(watcher.stats(), 1000, 30_000);
            long alerts0 = watcher.stats().alerts.sum();
            long resumedSame = 0;
            long resumeFailed = 0;
            for (int round = 0; round < rounds; round++) {
                progress.phase("refresh round " + round);
                List<String[]> who = new ArrayList<>();
                for (SioConnection c : conns) {
                    who.add((String[]) c.attachment);
                }
                client.closeAll(Duration.ofSeconds(10));
                Thread.sleep(delayMs);
                conns = client.connect(members, 200, Duration.ofSeconds(60));
                long ok0 = stats.joinOk.sum();
                long failed0 = stats.joinFailed.sum();
                for (int i = 0; i < members; i++) {
                    String[] idToken = who.get(i);
                    conns.get(i).joinRoom("{\"roomId\":\"" + room + "\",\"chatterId\":\"" + idToken[0]
                            + "\",\"token\":\"" + idToken[1] + "\"}");
                }
                Runs.await(() -> stats.joinOk.sum() - ok0 + stats.joinFailed.sum() - failed0 >= members, 60_000);
                resumeFailed += stats.joinFailed.sum() - failed0;
                for (int i = 0; i < members; i++) {
                    String[] now = (String[]) conns.get(i).attachment;
                    if (now != null && now[0].equals(who.get(i)[0])) {
                        resumedSame++;
                    }
                }
            }
            progress.phase("grace");
            Thread.sleep(graceMs + 2000);
            result.put("resumes", (long) members * rounds);
            result.put("resumedSameChatter", resumedSame);
            result.put("resumeFailed", resumeFailed);
            result.put("alertsSeenByWatcher", watcher.stats().alerts.sum() - alerts0);
        }
        return result;
    }

    /** Keeps each socket's chatter id and token from its joinRoom ack. */
    private static final class Credentials implements ClientListener {
        @Override
        public void onJoinAck(SioConnection c, boolean ok, byte[] json, int from, int to) {
            if (!ok) {
                return;
            }
            try {
                JsonNode data = Runs.JSON.readTree(new String(json, from, to - from, StandardCharsets.UTF_8))
                        .path("data");
                c.attachment = new String[] {data.path("id").asText(), data.path("token").asText()};
            } catch (IOException e) {
                throw new IllegalStateException("unreadable joinRoom ack", e);
            }
        }
    }
}
