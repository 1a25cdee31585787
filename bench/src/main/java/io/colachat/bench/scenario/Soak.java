package io.colachat.bench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Churn at moderate load for a fixed time: R rooms kept at N members while clients connect, join,
 * send a message every few seconds, refresh (close, reconnect within the leave grace and resume with
 * chatter id, token and {@code lastMessageId}), drop for good, or leave with {@code leaveRoom}; each
 * departure is replaced by a new client. Meanwhile the server's heap after a full GC and its RSS are
 * sampled (see {@link HeapSampler}).
 *
 * <p>At the end (churn stopped, every pending join settled, then longer than the grace) it checks:
 * <ul>
 *   <li><b>delivery</b>: for every member still joined, the ids it received for its room (messages and
 *       alerts, across all its refreshes) must equal exactly the stored sequence that chatter may read,
 *       fetched with its own token from {@code GET /chat/rooms/{id}/messages?after=}: from its JOIN
 *       alert on, no gap, no duplicate, increasing. Each stored id it lacks is a lost delivery; every
 *       acknowledged {@code sendMessage} of the room must also be among the stored ids;</li>
 *   <li><b>ghosts</b>: each room's {@code onlineCount} ({@code GET /chat/rooms/{id}}) and the
 *       {@code returnChatters} list must name exactly the chatters the load client still holds joined.</li>
 * </ul>
 *
 * <p>Flags: {@code --rooms 20 --room-size 10 --duration-seconds 600 --send-min-ms 5000
 * --send-max-ms 10000 --churn-per-second 1 --refresh-weight 2 --drop-weight 1 --leave-weight 1
 * --refresh-min-ms 100 --refresh-max-ms 1500 --grace-ms 3000 --heap-sample-seconds 30
 * --flat-tolerance 0.10 --max-clients 20000 --room-capacity 2×size --tick-ms 100 --client-threads 2}.
 * {@code --grace-ms} must match the server's {@code --leave-grace-ms}, and the refresh delay must stay
 * well inside it. Every loop is bounded in count and time.
 */
public final class Soak implements Scenario {

    static final int ACK_LEAVE = 4;
    static final int ACK_CHATTERS = 5;

    @Override
    public String name() {
        return "soak";
    }

    enum State {
        /** a new client's socket is opening. */
        CONNECTING,
        /** its joinRoom is on the way. */
        JOINING,
        JOINED,
        /** its socket was closed on purpose; it reconnects and resumes within the grace. */
        REFRESHING,
        /** leaveRoom sent. */
        LEAVING,
        /** leaveRoom acknowledged; the socket stays a moment, then closes. */
        LEFT,
        GONE
    }

    /** One chatter as the load client sees it, across its sockets. All fields under its monitor. */
    static final class Member {
        final int serial;
        final int room;
        State state = State.CONNECTING;
        long since = System.nanoTime();
        SioConnection conn;
        String chatterId;
        String token;
        boolean resuming;
        boolean identityLost;
        long nextSendNanos;
        long[] ids = new long[64];
        int n;
        CompletableFuture<String> chattersReply;

        Member(int serial, int room) {
            this.serial = serial;
            this.room = room;
        }

        void to(State s) {
            state = s;
            since = System.nanoTime();
        }

        boolean active() {
            return state == State.CONNECTING || state == State.JOINING || state == State.JOINED
                    || state == State.REFRESHING;
        }

        boolean settling() {
            return state == State.CONNECTING || state == State.JOINING || state == State.REFRESHING
                    || state == State.LEAVING;
        }

        void received(long id) {
            if (n == ids.length) {
                ids = Arrays.copyOf(ids, n * 2);
            }
            ids[n++] = id;
        }

        long lastId() {
            return n == 0 ? -1 : ids[n - 1];
        }
    }

    /** Counters of what happened; any thread. */
    static final class Counts {
        final AtomicLong created = new AtomicLong();
        final AtomicLong joinOk = new AtomicLong();
        final AtomicLong joinFailed = new AtomicLong();
        final AtomicLong refreshes = new AtomicLong();
        final AtomicLong resumedSame = new AtomicLong();
        final AtomicLong resumedNew = new AtomicLong();
        final AtomicLong drops = new AtomicLong();
        final AtomicLong leaves = new AtomicLong();
        final AtomicLong leaveAcked = new AtomicLong();
        final AtomicLong leaveFailed = new AtomicLong();
        final AtomicLong connectFailed = new AtomicLong();
        final AtomicLong unexpectedCloses = new AtomicLong();
        final AtomicLong stuck = new AtomicLong();
        final AtomicLong deliveredAfterLeave = new AtomicLong();
        final AtomicLong sendOk = new AtomicLong();
        final AtomicLong sendFailed = new AtomicLong();
        final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();

        void error(String s) {
            if (errors.size() < 20) {
                errors.add(s);
            }
        }
    }

    @Override
    public ObjectNode run(Target target, Options o, PrintStream log) throws Exception {
        int rooms = o.integer("rooms", 20);
        int size = o.integer("room-size", 10);
        int duration = o.integer("duration-seconds", 600);
        long sendMin = o.integer("send-min-ms", 5000);
        long sendMax = Math.max(sendMin + 1, o.integer("send-max-ms", 10_000));
        double churnPerSecond = o.decimal("churn-per-second", 1.0);
        int wRefresh = o.integer("refresh-weight", 2);
        int wDrop = o.integer("drop-weight", 1);
        int wLeave = o.integer("leave-weight", 1);
        long refreshMin = o.integer("refresh-min-ms", 100);
        long refreshMax = Math.max(refreshMin + 1, o.integer("refresh-max-ms", 1500));
        long graceMs = o.integer("grace-ms", 3000);
        long heapEvery = o.integer("heap-sample-seconds", 30) * 1000L;
        double tolerance = o.decimal("flat-tolerance", 0.10);
        int maxClients = o.integer("max-clients", 20_000);
        int capacity = o.integer("room-capacity", Math.max(2, size * 2));
        long tickMs = o.integer("tick-ms", 100);
        long stuckMs = o.integer("stuck-ms", 30_000);
        long settleMs = o.integer("settle-ms", 60_000);
        if (refreshMax >= graceMs) {
            throw new IllegalArgumentException("--refresh-max-ms " + refreshMax + " must be below --grace-ms "
                    + graceMs + " (a refresh resumes within the grace)");
        }
        String ns = o.string("namespace", "anonymous");
        ObjectNode result = Runs.object();
        result.put("scenario", name()).put("target", target.name()).put("rooms", rooms).put("roomSize", size)
                .put("durationSeconds", duration).put("sendEveryMs", sendMin + "-" + sendMax)
                .put("churnPerSecond", churnPerSecond)
                .put("churnWeights", "refresh " + wRefresh + ", drop " + wDrop + ", leave " + wLeave)
                .put("refreshDelayMs", refreshMin + "-" + refreshMax).put("graceMs", graceMs)
                .put("roomCapacity", capacity);

        Counts k = new Counts();
        Rest rest = new Rest(target.url());
        List<String> roomIds = new ArrayList<>(rooms);
        List<List<Member>> byRoom = new ArrayList<>(rooms);
        List<List<Long>> acked = new ArrayList<>(rooms);
        ScheduledExecutorService driver = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "soak-driver");
            t.setDaemon(true);
            return t;
        });
        Listener listener = new Listener(k, roomIds, acked, driver);
        AtomicLong peakActive = new AtomicLong();
        try (LoadClient client = new LoadClient(target.url(), ns, target.dialect(), o.integer("client-threads", 2),
                listener);
                Progress progress = new Progress(client.stats(), log)) {
            Stats stats = client.stats();
            progress.phase("rooms " + rooms);
            for (int r = 0; r < rooms; r++) {
                roomIds.add(rest.createRoom("soak " + r, capacity));
                byRoom.add(new ArrayList<>());
                acked.add(new ArrayList<>());
            }
            SplittableRandom random = new SplittableRandom(o.integer("seed", 7));
            Driver d = new Driver(client, k, byRoom, roomIds, random, size, maxClients, sendMin, sendMax,
                    refreshMin, refreshMax, stuckMs, driver);

            // The first population, joined before the clock starts.
            progress.phase("join " + rooms * size);
            driver.submit(d::spawn).get();
            Runs.await(() -> d.call(() -> d.count(State.JOINED) >= (long) rooms * size), settleMs);

            HeapSampler heap = new HeapSampler(target.pid(), heapEvery,
                    () -> "active " + d.call(d::activeCount) + ", joined " + d.call(() -> d.count(State.JOINED)));
            heap.start();
            progress.phase("churn " + duration + " s");
            long start = System.nanoTime();
            long end = start + duration * 1_000_000_000L;
            double churnPerTick = churnPerSecond * tickMs / 1000.0;
            double[] churnDebt = {0};
            var tick = driver.scheduleAtFixedRate(() -> {
                try {
                    long now = System.nanoTime();
                    d.unstick(now);
                    if (now >= end) {
                        return;
                    }
                    d.sendDue(now);
                    churnDebt[0] += churnPerTick;
                    while (churnDebt[0] >= 1) {
                        churnDebt[0] -= 1;
                        d.churn(wRefresh, wDrop, wLeave);
                    }
                    d.spawn();
                    peakActive.accumulateAndGet(d.activeCount(), Math::max);
                } catch (RuntimeException e) {
                    k.error("driver: " + e);
                }
            }, tickMs, tickMs, TimeUnit.MILLISECONDS);
            long lastReport = System.nanoTime();
            while (System.nanoTime() < end) {
                Thread.sleep(Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                if (System.nanoTime() - lastReport >= 10_000_000_000L) {
                    lastReport = System.nanoTime();
                    log.printf("soak t=%ds active %d joined %d created %d refreshes %d drops %d leaves %d acked %d"
                            + " failed %d%n", (lastReport - start) / 1_000_000_000L, d.call(d::activeCount),
                            d.call(() -> d.count(State.JOINED)), k.created.get(), k.refreshes.get(), k.drops.get(),
                            k.leaves.get(), k.sendOk.get(), k.sendFailed.get());
                }
            }

            // Stop: no more sends, churn or newcomers; let every join, resume and leave settle.
            progress.phase("settle");
            boolean settled = Runs.await(() -> d.call(() -> d.countIf(Member::settling) == 0), settleMs);
            tick.cancel(false);
            driver.submit(d::closeLeft).get();
            Runs.awaitQuiet(stats, 2000, 30_000);
            // Longer than the grace: every dropped chatter's LEAVE is out.
            progress.phase("grace");
            Thread.sleep(graceMs + 2000);
            Runs.awaitQuiet(stats, 2000, 30_000);
            heap.close();
            heap.sampleNow("after the churn: ");
            result.put("settledBeforeChecks", settled);
            result.put("churnSeconds", Runs.round((System.nanoTime() - start) / 1e9, 1));

            progress.phase("check");
            List<List<Member>> survivors = driver.submit(d::survivors).get();
            ObjectNode clients = result.putObject("clients");
            clients.put("created", k.created.get()).put("peakActive", peakActive.get())
                    .put("joinedAtEnd", survivors.stream().mapToInt(List::size).sum())
                    .put("joinOk", k.joinOk.get()).put("joinFailed", k.joinFailed.get())
                    .put("connectFailed", k.connectFailed.get()).put("unexpectedCloses", k.unexpectedCloses.get())
                    .put("stuck", k.stuck.get());
            ObjectNode churn = result.putObject("churn");
            churn.put("refreshes", k.refreshes.get()).put("resumedSameChatter", k.resumedSame.get())
                    .put("resumedAsNewChatter", k.resumedNew.get()).put("drops", k.drops.get())
                    .put("leaves", k.leaves.get()).put("leaveAcked", k.leaveAcked.get())
                    .put("leaveFailed", k.leaveFailed.get());
            check(result, rest, roomIds, survivors, acked, k, stats, graceMs);
            result.setAll(Runs.percentiles(stats.takeLatency()).deepCopy().put("latencyNote",
                    "sendMessage to each member's receipt, whole run, same JVM clock"));
            result.set("heap", heap.summary(tolerance));
            result.put("orderViolationsPerSocket", stats.orderViolations.sum());
            ArrayNode errs = result.putArray("errors");
            k.errors.forEach(errs::add);
        } finally {
            driver.shutdownNow();
        }
        return result;
    }

    // ================================================================ checks

    private static void check(ObjectNode result, Rest rest, List<String> roomIds, List<List<Member>> survivors,
            List<List<Long>> acked, Counts k, Stats stats, long graceMs) throws Exception {
        ArrayNode perRoom = result.putArray("perRoom");
        long ackedTotal = 0;
        long ackedNotStored = 0;
        long ackedChecked = 0;
        long expected = 0;
        long received = 0;
        long lost = 0;
        long lostMessages = 0;
        long lostAlerts = 0;
        long duplicates = 0;
        long extra = 0;
        long notIncreasing = 0;
        long contiguous = 0;
        long checkedMembers = 0;
        long skippedIdentityLost = 0;
        long ghosts = 0;
        long missingFromServer = 0;
        long countMismatches = 0;
        long listMismatches = 0;
        for (int r = 0; r < roomIds.size(); r++) {
            String roomId = roomIds.get(r);
            ObjectNode room = perRoom.addObject();
            room.put("room", r).put("roomId", roomId);
            List<Member> joined = survivors.get(r);
            Set<Long> storedUnion = new HashSet<>();
            long minStored = Long.MAX_VALUE;
            long roomExpected = 0;
            long roomReceived = 0;
            long roomLost = 0;
            for (Member m : joined) {
                if (m.identityLost) {
                    skippedIdentityLost++;
                    continue;
                }
                checkedMembers++;
                Map<Long, Boolean> stored = storedFor(rest, roomId, m.token); // id → is alert, in order
                storedUnion.addAll(stored.keySet());
                if (!stored.isEmpty()) {
                    minStored = Math.min(minStored, stored.keySet().iterator().next());
                }
                long[] got;
                synchronized (m) {
                    got = Arrays.copyOf(m.ids, m.n);
                }
                Set<Long> gotSet = new HashSet<>();
                long dup = 0;
                long inc = 0;
                for (int i = 0; i < got.length; i++) {
                    if (!gotSet.add(got[i])) {
                        dup++;
                    }
                    if (i > 0 && got[i] <= got[i - 1]) {
                        inc++;
                    }
                }
                long miss = 0;
                for (Map.Entry<Long, Boolean> e : stored.entrySet()) {
                    if (!gotSet.contains(e.getKey())) {
                        miss++;
                        if (e.getValue()) {
                            lostAlerts++;
                        } else {
                            lostMessages++;
                        }
                    }
                }
                long ext = gotSet.stream().filter(id -> !stored.containsKey(id)).count();
                long[] want = stored.keySet().stream().mapToLong(Long::longValue).toArray();
                if (Arrays.equals(got, want)) {
                    contiguous++;
                } else if (k.errors.size() < 20) {
                    k.error("room " + r + " member " + m.serial + ": received " + got.length + " ids, stored "
                            + want.length + ", missing " + miss + ", duplicates " + dup + ", extra " + ext
                            + "; first missing " + stored.keySet().stream().filter(id -> !gotSet.contains(id))
                            .limit(5).toList());
                }
                roomExpected += want.length;
                roomReceived += want.length - miss;
                roomLost += miss;
                duplicates += dup;
                extra += ext;
                notIncreasing += inc;
            }
            List<Long> roomAcked;
            synchronized (acked.get(r)) {
                roomAcked = new ArrayList<>(acked.get(r));
            }
            long notStored = 0;
            long checkedAcks = 0;
            for (long id : roomAcked) {
                if (id >= minStored) {
                    checkedAcks++;
                    if (!storedUnion.contains(id)) {
                        notStored++;
                    }
                }
            }
            ackedTotal += roomAcked.size();
            ackedChecked += checkedAcks;
            ackedNotStored += notStored;
            expected += roomExpected;
            received += roomReceived;
            lost += roomLost;

            // Ghosts: the server's count and list against the members the client holds joined.
            Set<String> ours = new LinkedHashSet<>();
            for (Member m : joined) {
                ours.add(m.chatterId);
            }
            int onlineCount = rest.room(roomId).path("onlineCount").asInt(-1);
            Set<String> theirs = joined.isEmpty() ? null : chatters(joined.get(0), roomId);
            long g = 0;
            long miss = 0;
            if (theirs != null) {
                g = theirs.stream().filter(id -> !ours.contains(id)).count();
                miss = ours.stream().filter(id -> !theirs.contains(id)).count();
                if (g > 0 || miss > 0) {
                    listMismatches++;
                    k.error("room " + r + ": returnChatters has " + theirs.size() + ", client holds " + ours.size()
                            + " joined; ghosts " + theirs.stream().filter(id -> !ours.contains(id)).toList()
                            + ", missing " + ours.stream().filter(id -> !theirs.contains(id)).toList());
                }
            }
            if (onlineCount != ours.size()) {
                countMismatches++;
                k.error("room " + r + ": onlineCount " + onlineCount + ", client holds " + ours.size() + " joined");
            }
            ghosts += Math.max(g, Math.max(0, onlineCount - ours.size()));
            missingFromServer += Math.max(miss, Math.max(0, ours.size() - onlineCount));
            room.put("joinedAtEnd", ours.size()).put("onlineCount", onlineCount)
                    .put("returnChatters", theirs == null ? -1 : theirs.size()).put("ghosts", g)
                    .put("missingFromServer", miss).put("acked", roomAcked.size()).put("ackedNotStored", notStored)
                    .put("expectedDeliveries", roomExpected).put("received", roomReceived).put("lost", roomLost);
        }
        ObjectNode msg = result.putObject("messages");
        msg.put("sent", stats.sent.sum()).put("acked", k.sendOk.get()).put("refused", k.sendFailed.get())
                .put("ackedCheckedAgainstStore", ackedChecked).put("ackedNotStored", ackedNotStored)
                .put("deliveriesToAllSockets", stats.deliveries.sum()).put("alertsToAllSockets", stats.alerts.sum())
                .put("deliveredAfterLeave", k.deliveredAfterLeave.get());
        ObjectNode del = result.putObject("delivery");
        del.put("rule", "each member joined at the end: received ids (messages and alerts, across refreshes) "
                + "= the stored ids it may read, from its JOIN on; no gap, no duplicate");
        del.put("membersChecked", checkedMembers).put("membersSkippedIdentityLost", skippedIdentityLost)
                .put("contiguousMembers", contiguous).put("expectedDeliveries", expected).put("delivered", received)
                .put("lost", lost).put("lostMessages", lostMessages).put("lostAlerts", lostAlerts)
                .put("duplicates", duplicates).put("extra", extra).put("notIncreasing", notIncreasing);
        ObjectNode gh = result.putObject("ghosts");
        gh.put("rule", "after " + (graceMs + 2000) + " ms quiet: onlineCount and returnChatters = the members "
                + "the client holds joined");
        gh.put("ghosts", ghosts).put("missingFromServer", missingFromServer)
                .put("onlineCountMismatches", countMismatches).put("returnChattersMismatches", listMismatches);
        boolean passed = lost == 0 && duplicates == 0 && extra == 0 && ackedNotStored == 0 && ghosts == 0
                && missingFromServer == 0 && countMismatches == 0 && listMismatches == 0
                && k.deliveredAfterLeave.get() == 0;
        result.put("nothingLostNoGhosts", passed);
    }

    /** The stored ids (in order) this chatter may read, each mapped to whether it is an alert. */
    private static Map<Long, Boolean> storedFor(Rest rest, String roomId, String token) throws Exception {
        Map<Long, Boolean> out = new java.util.LinkedHashMap<>();
        long after = 0;
        for (int page = 0; page < 10_000; page++) {
            JsonNode data = rest.messagesAfter(roomId, after, 500, token);
            if (!data.isArray() || data.isEmpty()) {
                break;
            }
            for (JsonNode m : data) {
                long id = m.path("id").asLong();
                out.put(id, !"MESSAGE".equals(m.path("type").asText()));
                after = Math.max(after, id);
            }
        }
        return out;
    }

    /** Asks the server for the room's present chatters through this member's socket. */
    private static Set<String> chatters(Member m, String roomId) throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        SioConnection c;
        synchronized (m) {
            m.chattersReply = reply;
            c = m.conn;
        }
        c.emit("returnChatters", "{\"roomId\":\"" + roomId + "\"}", ACK_CHATTERS);
        JsonNode env = Runs.JSON.readTree(reply.get(30, TimeUnit.SECONDS));
        if (!env.path("success").asBoolean()) {
            throw new IllegalStateException("returnChatters refused: " + env);
        }
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode ch : env.path("data")) {
            ids.add(ch.path("id").asText());
        }
        return ids;
    }

    // ================================================================ driving (one thread)

    /** Population, sends and churn; every method runs on the driver thread. */
    private static final class Driver {
        private final LoadClient client;
        private final Counts k;
        private final List<List<Member>> byRoom;
        private final List<String> roomIds;
        private final SplittableRandom random;
        private final int size;
        private final int maxClients;
        private final long sendMin;
        private final long sendMax;
        private final long refreshMin;
        private final long refreshMax;
        private final long stuckNanos;
        private final ScheduledExecutorService driver;
        private int serial;

        Driver(LoadClient client, Counts k, List<List<Member>> byRoom, List<String> roomIds, SplittableRandom random,
                int size, int maxClients, long sendMin, long sendMax, long refreshMin, long refreshMax, long stuckMs,
                ScheduledExecutorService driver) {
            this.client = client;
            this.k = k;
            this.byRoom = byRoom;
            this.roomIds = roomIds;
            this.random = random;
            this.size = size;
            this.maxClients = maxClients;
            this.sendMin = sendMin;
            this.sendMax = sendMax;
            this.refreshMin = refreshMin;
            this.refreshMax = refreshMax;
            this.stuckNanos = stuckMs * 1_000_000L;
            this.driver = driver;
        }

        /** Runs {@code f} on the driver thread and returns its value (bounded wait). */
        <T> T call(java.util.concurrent.Callable<T> f) {
            try {
                return driver.submit(f).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** Tops every room up to its size with new clients (bounded by --max-clients in all). */
        void spawn() {
            for (int r = 0; r < byRoom.size(); r++) {
                List<Member> members = byRoom.get(r);
                members.removeIf(m -> {
                    synchronized (m) {
                        return m.state == State.GONE;
                    }
                });
                long active = members.stream().filter(m -> {
                    synchronized (m) {
                        return m.active();
                    }
                }).count();
                for (long i = active; i < size && serial < maxClients; i++) {
                    Member m = new Member(serial++, r);
                    k.created.incrementAndGet();
                    synchronized (m) {
                        m.conn = client.open(m);
                    }
                    members.add(m);
                }
            }
        }

        void sendDue(long now) {
            for (List<Member> members : byRoom) {
                for (Member m : members) {
                    synchronized (m) {
                        if (m.state == State.JOINED && m.nextSendNanos <= now && m.conn.isReady()) {
                            m.conn.sendTimestamped(true);
                            m.nextSendNanos = now + (sendMin + random.nextLong(sendMax - sendMin)) * 1_000_000L;
                        }
                    }
                }
            }
        }

        void churn(int wRefresh, int wDrop, int wLeave) {
            List<Member> joined = new ArrayList<>();
            for (List<Member> members : byRoom) {
                for (Member m : members) {
                    synchronized (m) {
                        if (m.state == State.JOINED) {
                            joined.add(m);
                        }
                    }
                }
            }
            if (joined.isEmpty()) {
                return;
            }
            Member m = joined.get(random.nextInt(joined.size()));
            int pick = random.nextInt(Math.max(1, wRefresh + wDrop + wLeave));
            synchronized (m) {
                if (m.state != State.JOINED) {
                    return;
                }
                SioConnection c = m.conn;
                if (pick < wRefresh) {
                    k.refreshes.incrementAndGet();
                    m.to(State.REFRESHING);
                    m.resuming = true;
                    m.conn = null;
                    c.close();
                    driver.schedule(() -> reconnect(m), refreshMin + random.nextLong(refreshMax - refreshMin),
                            TimeUnit.MILLISECONDS);
                } else if (pick < wRefresh + wDrop) {
                    k.drops.incrementAndGet();
                    m.to(State.GONE);
                    c.close();
                } else {
                    k.leaves.incrementAndGet();
                    m.to(State.LEAVING);
                    c.emit("leaveRoom", "{}", ACK_LEAVE);
                }
            }
        }

        private void reconnect(Member m) {
            synchronized (m) {
                if (m.state == State.REFRESHING && m.conn == null) {
                    m.conn = client.open(m);
                }
            }
        }

        /** Anything stuck in a transitional state for too long is counted and closed. */
        void unstick(long now) {
            for (List<Member> members : byRoom) {
                for (Member m : members) {
                    synchronized (m) {
                        if (m.settling() && now - m.since > stuckNanos) {
                            k.stuck.incrementAndGet();
                            k.error("member " + m.serial + " stuck in " + m.state + " for "
                                    + (now - m.since) / 1_000_000 + " ms");
                            m.to(State.GONE);
                            if (m.conn != null) {
                                m.conn.close();
                            }
                        }
                    }
                }
            }
        }

        /** Closes the sockets of members that left (they stay open a moment after their leave). */
        void closeLeft() {
            for (List<Member> members : byRoom) {
                for (Member m : members) {
                    synchronized (m) {
                        if (m.state == State.LEFT) {
                            m.to(State.GONE);
                            m.conn.close();
                        }
                    }
                }
            }
        }

        long activeCount() {
            return countIf(Member::active);
        }

        long count(State s) {
            return countIf(m -> m.state == s);
        }

        long countIf(java.util.function.Predicate<Member> p) {
            long n = 0;
            for (List<Member> members : byRoom) {
                for (Member m : members) {
                    synchronized (m) {
                        if (p.test(m)) {
                            n++;
                        }
                    }
                }
            }
            return n;
        }

        List<List<Member>> survivors() {
            List<List<Member>> out = new ArrayList<>();
            for (List<Member> members : byRoom) {
                List<Member> joined = new ArrayList<>();
                for (Member m : members) {
                    synchronized (m) {
                        if (m.state == State.JOINED) {
                            joined.add(m);
                        }
                    }
                }
                out.add(joined);
            }
            return out;
        }
    }

    // ================================================================ socket events (event loops)

    private static final class Listener implements ClientListener {
        private final Counts k;
        private final List<String> roomIds;
        private final List<List<Long>> acked;
        private final ScheduledExecutorService driver;

        Listener(Counts k, List<String> roomIds, List<List<Long>> acked, ScheduledExecutorService driver) {
            this.k = k;
            this.roomIds = roomIds;
            this.acked = acked;
            this.driver = driver;
        }

        @Override
        public void onReady(SioConnection c) {
            Member m = (Member) c.attachment;
            synchronized (m) {
                if (m.conn != c) {
                    return;
                }
                String room = roomIds.get(m.room);
                if (m.resuming) {
                    // Resume: same chatter, and the messages missed while away replayed first.
                    String last = m.n == 0 ? "" : ",\"lastMessageId\":" + m.lastId();
                    c.joinRoom("{\"roomId\":\"" + room + "\",\"chatterId\":\"" + m.chatterId + "\",\"token\":\""
                            + m.token + "\"" + last + "}");
                } else {
                    m.to(State.JOINING);
                    c.joinRoom("{\"roomId\":\"" + room + "\"}");
                }
            }
        }

        @Override
        public void onJoinAck(SioConnection c, boolean ok, byte[] json, int from, int to) {
            Member m = (Member) c.attachment;
            String body = new String(json, from, to - from, StandardCharsets.UTF_8);
            synchronized (m) {
                if (m.conn != c) {
                    return;
                }
                if (!ok) {
                    k.joinFailed.incrementAndGet();
                    k.error("join of member " + m.serial + (m.resuming ? " (resume)" : "") + " refused: " + body);
                    m.to(State.GONE);
                    c.close();
                    return;
                }
                JsonNode data;
                try {
                    data = Runs.JSON.readTree(body).path("data");
                } catch (IOException e) {
                    throw new IllegalStateException("unreadable joinRoom ack", e);
                }
                String id = data.path("id").asText();
                if (m.resuming) {
                    if (id.equals(m.chatterId)) {
                        k.resumedSame.incrementAndGet();
                    } else {
                        k.resumedNew.incrementAndGet();
                        m.identityLost = true;
                        k.error("member " + m.serial + " resumed as a new chatter " + id + " (was " + m.chatterId
                                + ")");
                    }
                    m.resuming = false;
                }
                k.joinOk.incrementAndGet();
                m.chatterId = id;
                m.token = data.path("token").asText();
                c.targetRoom(roomIds.get(m.room));
                if (m.nextSendNanos == 0) {
                    m.nextSendNanos = System.nanoTime() + ThreadLocalRandom.current().nextLong(10_000) * 1_000_000L;
                }
                m.to(State.JOINED);
            }
        }

        @Override
        public void onStored(SioConnection c, boolean alert, long id) {
            Member m = (Member) c.attachment;
            synchronized (m) {
                if (m.conn != c) {
                    return;
                }
                if (m.state == State.LEFT) {
                    k.deliveredAfterLeave.incrementAndGet();
                    k.error("member " + m.serial + " received id " + id + " after its leaveRoom was acknowledged");
                } else if (m.state != State.GONE) {
                    m.received(id);
                }
            }
        }

        @Override
        public void onAck(SioConnection c, long ackId, boolean ok, byte[] json, int from, int to) {
            Member m = (Member) c.attachment;
            if (ackId == SioConnection.ACK_SEND) {
                if (!ok) {
                    k.sendFailed.incrementAndGet();
                    k.error("sendMessage refused: " + new String(json, from, to - from, StandardCharsets.UTF_8));
                    return;
                }
                k.sendOk.incrementAndGet();
                long id = idOf(json, from, to);
                List<Long> list = acked.get(m.room);
                synchronized (list) {
                    list.add(id);
                }
            } else if (ackId == ACK_LEAVE) {
                synchronized (m) {
                    if (m.conn != c || m.state != State.LEAVING) {
                        return;
                    }
                    if (ok) {
                        k.leaveAcked.incrementAndGet();
                    } else {
                        k.leaveFailed.incrementAndGet();
                        k.error("leaveRoom refused: " + new String(json, from, to - from, StandardCharsets.UTF_8));
                    }
                    m.to(State.LEFT);
                }
                driver.schedule(() -> {
                    synchronized (m) {
                        if (m.state == State.LEFT) {
                            m.to(State.GONE);
                            c.close();
                        }
                    }
                }, 500 + ThreadLocalRandom.current().nextLong(2500), TimeUnit.MILLISECONDS);
            } else if (ackId == ACK_CHATTERS) {
                CompletableFuture<String> reply;
                synchronized (m) {
                    reply = m.chattersReply;
                    m.chattersReply = null;
                }
                if (reply != null) {
                    reply.complete(new String(json, from, to - from, StandardCharsets.UTF_8));
                }
            }
        }

        /** The message id in a {@code sendMessage} ack: {@code "data":{"id":42,...}}. */
        private static long idOf(byte[] json, int from, int to) {
            try {
                return Runs.JSON.readTree(new String(json, from, to - from, StandardCharsets.UTF_8))
                        .path("data").path("id").asLong(-1);
            } catch (IOException e) {
                return -1;
            }
        }

        @Override
        public void onFailed(SioConnection c, Throwable cause) {
            Member m = (Member) c.attachment;
            if (m == null) {
                return;
            }
            synchronized (m) {
                if (m.conn != c || m.state == State.GONE) {
                    return;
                }
                k.connectFailed.incrementAndGet();
                k.error("member " + m.serial + " socket failed in " + m.state + ": " + cause);
                m.to(State.GONE);
            }
            c.close();
        }

        @Override
        public void onClosed(SioConnection c) {
            Member m = (Member) c.attachment;
            if (m == null) {
                return;
            }
            synchronized (m) {
                if (m.conn != c || m.state == State.GONE) {
                    return;
                }
                k.unexpectedCloses.incrementAndGet();
                k.error("member " + m.serial + " socket closed by the server in " + m.state);
                m.to(State.GONE);
            }
        }
    }
}
