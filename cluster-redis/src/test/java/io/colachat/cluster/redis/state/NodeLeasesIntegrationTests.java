package io.colachat.cluster.redis.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.colachat.cluster.redis.RedisClusterException;
import io.colachat.cluster.redis.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("integration")
class NodeLeasesIntegrationTests {

    private static final Duration FAST_PERIOD = Duration.ofMillis(200);
    private static final Duration FAST_TTL = Duration.ofMillis(800);
    /** Scheduling and Redis round trips on a busy 2-core machine. */
    private static final long SLACK_MS = 1000;

    private static RedisClient redis;
    private static StatefulRedisConnection<String, String> connection;
    private static final String PREFIX = TestRedis.prefix("leases");

    private final List<NodeLeases> started = new ArrayList<>();
    private final List<StatefulRedisConnection<String, String>> extraConnections = new ArrayList<>();
    private final String prefix = PREFIX + System.nanoTime() + ":";

    @BeforeAll
    static void connect() {
        redis = TestRedis.client();
        connection = redis.connect();
    }

    @AfterAll
    static void disconnect() {
        TestRedis.deleteKeys(connection, PREFIX);
        connection.close();
        redis.shutdown();
    }

    @AfterEach
    void stopNodes() {
        started.forEach(NodeLeases::close);
        extraConnections.forEach(StatefulRedisConnection::close);
    }

    // ---------------------------------------------------------------- detection

    @ParameterizedTest(name = "period {0} ms, ttl {1} ms")
    @CsvSource({"200, 800", "1000, 5000"})
    void aNodeThatStopsRenewingIsReportedDeadWithinTheTtlPlusOnePeriod(long periodMs, long ttlMs) throws Exception {
        Duration period = Duration.ofMillis(periodMs);
        Duration ttl = Duration.ofMillis(ttlMs);
        Map<String, Long> reportedAt = new ConcurrentHashMap<>();
        ScheduledExecutorService victimTimers = Executors.newSingleThreadScheduledExecutor();
        NodeLeases victim = start(builder("victim").renewPeriod(period).ttl(ttl).scheduler(victimTimers));
        for (String name : List.of("survivor-a", "survivor-b")) {
            start(builder(name).renewPeriod(period).ttl(ttl).listener(new NodeLeaseListener() {
                @Override
                public void nodeDead(String deadNodeId) {
                    if (deadNodeId.equals(victim.nodeId())) {
                        reportedAt.putIfAbsent(name, System.nanoTime());
                    }
                }
            }));
        }
        assertThat(victim.detectionBound()).isEqualTo(ttl.plus(period));
        Thread.sleep(3 * periodMs);

        long crashedAt = System.nanoTime();
        victimTimers.shutdownNow();   // a crash: no release, renewals just stop

        await().atMost(Duration.ofMillis(ttlMs + periodMs + 5_000)).until(() -> reportedAt.size() == 2);
        for (Map.Entry<String, Long> e : reportedAt.entrySet()) {
            long afterMs = TimeUnit.NANOSECONDS.toMillis(e.getValue() - crashedAt);
            assertThat(afterMs).as("%s saw the death after %d ms", e.getKey(), afterMs)
                    .isLessThanOrEqualTo(victim.detectionBound().toMillis() + SLACK_MS)
                    .isGreaterThanOrEqualTo(ttlMs - periodMs - SLACK_MS);
        }
        assertThat(started.get(1).aliveNodes().get(5, TimeUnit.SECONDS)).doesNotContain(victim.nodeId());
    }

    @Test
    void aCleanCloseMakesTheNodeDeadAtOnce() throws Exception {
        NodeLeases a = start(builder("a"));
        NodeLeases b = start(builder("b"));
        assertThat(a.aliveNodes().get(5, TimeUnit.SECONDS)).containsExactlyInAnyOrder(a.nodeId(), b.nodeId());

        b.close();

        assertThat(b.state()).isEqualTo(NodeLeases.State.CLOSED);
        assertThat(a.aliveNodes().get(5, TimeUnit.SECONDS)).containsExactly(a.nodeId());
        assertThat(a.deadNodes().get(5, TimeUnit.SECONDS)).containsExactly(b.nodeId());
    }

    @Test
    void aNodeThatFindsItsLeaseGoneStopsAndSaysSo() throws Exception {
        CountDownLatch lost = new CountDownLatch(1);
        NodeLeases sut = start(builder("paused").listener(new NodeLeaseListener() {
            @Override
            public void leaseLost(String nodeId) {
                lost.countDown();
            }
        }));

        // What a pause longer than the TTL looks like from the node: the key has expired.
        connection.sync().del(prefix + "lease:" + sut.nodeId());

        assertThat(lost.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(sut.state()).isEqualTo(NodeLeases.State.LOST);
        NodeLeases other = start(builder("other"));
        assertThat(other.deadNodes().get(5, TimeUnit.SECONDS)).containsExactly(sut.nodeId());
        assertThat(other.claimTakeover(sut.nodeId()).get(5, TimeUnit.SECONDS)).isEqualTo(TakeoverClaim.CLAIMED);
        assertThat(sut.claimTakeover(other.nodeId()).get(5, TimeUnit.SECONDS))
                .as("a live node is never claimed").isEqualTo(TakeoverClaim.ALIVE);
    }

    @Test
    void aNodeIdIsUsedOnlyOnce() throws Exception {
        String id = "same-" + System.nanoTime();
        NodeLeases first = start(builder("ignored").nodeId(id));
        first.close();

        NodeLeases again = builder("ignored").nodeId(id).build();
        assertThatThrownBy(() -> again.start().get(5, TimeUnit.SECONDS))
                .cause()
                .isInstanceOf(RedisClusterException.class)
                .hasMessageContaining("already known")
                .hasMessageContaining("CONFLICT");
        again.close();
    }

    // ---------------------------------------------------------------- takeover

    @Test
    void exactlyOneOfManyConcurrentClaimersWinsTheTakeover() throws Exception {
        NodeLeases dead = start(builder("dead"));
        dead.close();
        List<NodeLeases> claimers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            claimers.add(start(builder("claimer-" + i, ownConnection())));
        }

        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<TakeoverClaim>> claims = claimers.stream()
                .map(c -> CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(go);
                    return c.claimTakeover(dead.nodeId()).join();
                }))
                .toList();
        go.countDown();

        List<TakeoverClaim> answers = claims.stream().map(CompletableFuture::join).toList();
        assertThat(answers).filteredOn(c -> c == TakeoverClaim.CLAIMED).hasSize(1);
        assertThat(answers).filteredOn(c -> c == TakeoverClaim.CLAIMED_BY_OTHER).hasSize(7);

        NodeLeases winner = claimers.get(answers.indexOf(TakeoverClaim.CLAIMED));
        assertThat(claimers.get(0).deadNodes().get(5, TimeUnit.SECONDS)).as("claimed: no longer awaiting").isEmpty();
        assertThat(winner.claimTakeover(dead.nodeId()).get(5, TimeUnit.SECONDS)).isEqualTo(TakeoverClaim.CLAIMED);
        assertThat(winner.completeTakeover(dead.nodeId()).get(5, TimeUnit.SECONDS)).isTrue();
        for (NodeLeases c : claimers) {
            assertThat(c.claimTakeover(dead.nodeId()).get(5, TimeUnit.SECONDS)).isEqualTo(TakeoverClaim.UNKNOWN);
            assertThat(c.completeTakeover(dead.nodeId()).get(5, TimeUnit.SECONDS)).isFalse();
        }
    }

    @Test
    void aClaimLapsesWhenTheClaimerDiesBeforeCompleting() throws Exception {
        NodeLeases dead = start(builder("dead"));
        dead.close();
        ScheduledExecutorService firstTimers = Executors.newSingleThreadScheduledExecutor();
        NodeLeases first = start(builder("first").renewPeriod(FAST_PERIOD).ttl(FAST_TTL).scheduler(firstTimers));
        NodeLeases second = start(builder("second").renewPeriod(FAST_PERIOD).ttl(FAST_TTL));
        assertThat(first.claimTakeover(dead.nodeId()).get(5, TimeUnit.SECONDS)).isEqualTo(TakeoverClaim.CLAIMED);
        assertThat(second.claimTakeover(dead.nodeId()).get(5, TimeUnit.SECONDS)).isEqualTo(TakeoverClaim.CLAIMED_BY_OTHER);

        firstTimers.shutdownNow();

        await().atMost(Duration.ofSeconds(10)).until(() -> second.deadNodes().join()
                .containsAll(Set.of(dead.nodeId(), first.nodeId())));
        assertThat(second.claimTakeover(dead.nodeId()).get(5, TimeUnit.SECONDS)).isEqualTo(TakeoverClaim.CLAIMED);
        assertThat(first.claimTakeover(first.nodeId()).get(5, TimeUnit.SECONDS))
                .as("a dead node adopts nothing").isEqualTo(TakeoverClaim.LEASE_LOST);
        assertThat(first.completeTakeover(dead.nodeId()).get(5, TimeUnit.SECONDS)).isFalse();
        assertThat(second.completeTakeover(dead.nodeId()).get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aDeadNodesPlacesAreFreedOnceByTheSurvivorThatClaimsIt() throws Exception {
        Map<String, Map<String, Set<String>>> freedBy = new ConcurrentHashMap<>();
        ScheduledExecutorService victimTimers = Executors.newSingleThreadScheduledExecutor();
        NodeLeases victim = start(builder("victim").renewPeriod(FAST_PERIOD).ttl(FAST_TTL).scheduler(victimTimers));
        BoundedSet sets = new BoundedSet(connection, prefix);
        sets.tryAdd("s1", "m1", 5, victim.nodeId()).join();
        sets.tryAdd("s2", "m2", 5, victim.nodeId()).join();
        sets.tryAdd("s2", "m3", 5, "someone-else").join();
        for (int i = 0; i < 3; i++) {
            String name = "survivor-" + i;
            NodeLeases[] self = new NodeLeases[1];
            BoundedSet mine = new BoundedSet(ownConnection(), prefix);
            self[0] = start(builder(name).renewPeriod(FAST_PERIOD).ttl(FAST_TTL).listener(new NodeLeaseListener() {
                @Override
                public void nodeDead(String deadNodeId) {
                    self[0].claimTakeover(deadNodeId).thenCompose(claim -> claim != TakeoverClaim.CLAIMED
                            ? CompletableFuture.completedFuture(null)
                            : mine.removeOwnedBy(deadNodeId)
                                    .thenAccept(freed -> freedBy.put(name, freed))
                                    .thenCompose(x -> self[0].completeTakeover(deadNodeId)));
                }
            }));
        }

        victimTimers.shutdownNow();

        await().atMost(Duration.ofSeconds(10)).until(() -> !freedBy.isEmpty());
        Thread.sleep(5 * FAST_PERIOD.toMillis());
        assertThat(freedBy).hasSize(1);
        assertThat(freedBy.values().iterator().next())
                .isEqualTo(Map.of("s1", Set.of("m1"), "s2", Set.of("m2")));
        assertThat(sets.members("s2").get(5, TimeUnit.SECONDS)).containsExactly("m3");
        assertThat(started.get(1).deadNodes().get(5, TimeUnit.SECONDS)).isEmpty();
    }

    // ---------------------------------------------------------------- config

    @Test
    void aTtlShorterThanTwoPeriodsIsRefused() {
        assertThatThrownBy(() -> builder("x").renewPeriod(Duration.ofSeconds(1)).ttl(Duration.ofMillis(1500)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ttl (1500 ms) must be at least twice renewPeriod (1000 ms)");
        assertThatThrownBy(() -> builder("bad id!").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nodeId");
    }

    @Test
    void theDefaultsDetectWithinSixSeconds() {
        NodeLeases sut = builder("defaults").build();
        assertThat(sut.detectionBound()).isEqualTo(Duration.ofSeconds(6));
        sut.close();
    }

    // ---------------------------------------------------------------- helpers

    private NodeLeases.Builder builder(String name) {
        return builder(name, connection);
    }

    private NodeLeases.Builder builder(String name, StatefulRedisConnection<String, String> over) {
        return NodeLeases.builder(over).keyPrefix(prefix).nodeId(name + "-" + System.nanoTime());
    }

    private NodeLeases start(NodeLeases.Builder b) throws Exception {
        NodeLeases leases = b.build();
        leases.start().get(5, TimeUnit.SECONDS);
        started.add(leases);
        return leases;
    }

    private StatefulRedisConnection<String, String> ownConnection() {
        StatefulRedisConnection<String, String> c = redis.connect();
        extraConnections.add(c);
        return c;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
