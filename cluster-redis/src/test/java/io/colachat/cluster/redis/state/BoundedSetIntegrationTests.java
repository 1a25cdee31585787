package io.colachat.cluster.redis.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.colachat.cluster.redis.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class BoundedSetIntegrationTests {

    private static final String PREFIX = TestRedis.prefix("bounded-set");
    private static final int RACERS = 10;

    private static RedisClient redis;
    private static StatefulRedisConnection<String, String> connection;
    private static final List<StatefulRedisConnection<String, String>> racers = new ArrayList<>();

    private final BoundedSet sut = new BoundedSet(connection, PREFIX);
    private final String set = "set-" + System.nanoTime();

    @BeforeAll
    static void connect() {
        redis = TestRedis.client();
        connection = redis.connect();
        for (int i = 0; i < RACERS; i++) {
            racers.add(redis.connect());
        }
    }

    @AfterAll
    static void disconnect() {
        TestRedis.deleteKeys(connection, PREFIX);
        racers.forEach(StatefulRedisConnection::close);
        connection.close();
        redis.shutdown();
    }

    @RepeatedTest(20)
    void tenConcurrentAddsForTheLastTwoPlacesFromDifferentConnectionsAddExactlyTwo() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(sut.tryAdd(set, "early-" + i, 12).get(5, TimeUnit.SECONDS)).isEqualTo(AddOutcome.ADDED);
        }
        ExecutorService threads = Executors.newFixedThreadPool(RACERS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<AddOutcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                BoundedSet own = new BoundedSet(racers.get(i), PREFIX);
                String member = "racer-" + i;
                outcomes.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return own.tryAdd(set, member, 12).join();
                }, threads));
            }
            go.countDown();

            List<AddOutcome> answers = outcomes.stream().map(CompletableFuture::join).toList();
            assertThat(answers).filteredOn(o -> o == AddOutcome.ADDED).hasSize(2);
            assertThat(answers).filteredOn(o -> o == AddOutcome.FULL).hasSize(8);
            assertThat(sut.size(set).get(5, TimeUnit.SECONDS)).isEqualTo(12L);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aMemberCountsOnceEvenWhenTheSetIsFull() throws Exception {
        assertThat(sut.tryAdd(set, "a", 2).get()).isEqualTo(AddOutcome.ADDED);
        assertThat(sut.tryAdd(set, "a", 2).get()).isEqualTo(AddOutcome.ALREADY_MEMBER);
        assertThat(sut.tryAdd(set, "b", 2).get()).isEqualTo(AddOutcome.ADDED);
        assertThat(sut.tryAdd(set, "c", 2).get()).isEqualTo(AddOutcome.FULL);
        assertThat(sut.tryAdd(set, "a", 2).get()).isEqualTo(AddOutcome.ALREADY_MEMBER);
        assertThat(sut.members(set).get()).containsExactlyInAnyOrder("a", "b");
        assertThat(sut.size(set).get()).isEqualTo(2L);
    }

    @Test
    void removingAMemberFreesItsPlace() throws Exception {
        sut.tryAdd(set, "a", 1).get();
        assertThat(sut.tryAdd(set, "b", 1).get()).isEqualTo(AddOutcome.FULL);

        assertThat(sut.remove(set, "a").get()).isTrue();
        assertThat(sut.remove(set, "a").get()).isFalse();

        assertThat(sut.tryAdd(set, "b", 1).get()).isEqualTo(AddOutcome.ADDED);
    }

    @Test
    void loweringTheCapacityRemovesNobody() throws Exception {
        sut.tryAdd(set, "a", 3).get();
        sut.tryAdd(set, "b", 3).get();
        assertThat(sut.tryAdd(set, "c", 1).get()).isEqualTo(AddOutcome.FULL);
        assertThat(sut.tryAdd(set, "a", 0).get()).isEqualTo(AddOutcome.ALREADY_MEMBER);
        assertThat(sut.size(set).get()).isEqualTo(2L);
    }

    @Test
    void anEmptySetLeavesNoKeyBehind() throws Exception {
        sut.tryAdd(set, "a", 1).get();
        sut.remove(set, "a").get();
        assertThat(connection.sync().exists(PREFIX + "set:" + set)).isZero();
        assertThat(sut.members(set).get()).isEmpty();
        assertThat(sut.size(set).get()).isZero();
    }

    @Test
    void removeOwnedByFreesEveryPlaceOfOneOwnerOnceAndOnlyThose() throws Exception {
        String other = set + "-other";
        sut.tryAdd(set, "a", 5, "node-1").get();
        sut.tryAdd(set, "b", 5, "node-2").get();
        sut.tryAdd(set, "c", 5).get();
        sut.tryAdd(other, "a", 5, "node-1").get();
        sut.tryAdd(other, "moved", 5, "node-1").get();
        assertThat(sut.tryAdd(other, "moved", 5, "node-2").get())
                .as("the last add with an owner wins").isEqualTo(AddOutcome.ALREADY_MEMBER);
        assertThat(sut.owners(other).get()).isEqualTo(Map.of("a", "node-1", "moved", "node-2"));
        assertThat(sut.ownedBy("node-1").get()).isEqualTo(Map.of(set, Set.of("a"), other, Set.of("a")));

        assertThat(sut.removeOwnedBy("node-1").get()).isEqualTo(Map.of(set, Set.of("a"), other, Set.of("a")));
        assertThat(sut.removeOwnedBy("node-1").get()).isEmpty();

        assertThat(sut.members(set).get()).containsExactlyInAnyOrder("b", "c");
        assertThat(sut.members(other).get()).containsExactly("moved");
    }

    @Test
    void badArgumentsAreRefusedBeforeReachingRedis() {
        assertThatThrownBy(() -> sut.tryAdd(set, "a", -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity");
        assertThatThrownBy(() -> sut.tryAdd(set, "a", 1, "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ownerNodeId");
    }
}
