package io.colachat.cluster.redis.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.colachat.engine.testing.TcpProxy;
import io.colachat.cluster.redis.testing.TestRedis;
import io.colachat.engine.adapter.AdapterFactory;
import io.colachat.engine.adapter.cluster.ClusterAdapter;
import io.colachat.engine.adapter.cluster.ClusterAdapterContract;
import io.colachat.engine.adapter.cluster.ClusterAdapterOptions;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Three real servers in one JVM, each with a {@link RedisAdapter} on the machine's Redis, run
 * the engine's cluster contract; node 1 reaches Redis through a TCP proxy the tests can cut.
 * Each test uses fresh channels, so nothing else on the Redis can join the cluster.
 */
@Tag("integration")
class RedisAdapterClusterIntegrationTests extends ClusterAdapterContract {

    /** How long a node may take to receive broadcasts again once Redis is reachable. */
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(10);

    private static RedisClient redis;
    private static StatefulRedisConnection<String, String> admin;

    private final String channelPrefix = TestRedis.prefix("adapter").replace(':', '.');
    private final List<RedisAdapterFactory> factories = new ArrayList<>();
    private TcpProxy proxy;

    @BeforeAll
    static void connect() {
        redis = TestRedis.client();
        admin = redis.connect();
    }

    @AfterAll
    static void disconnect() {
        admin.close();
        redis.shutdown();
    }

    @Override
    protected AdapterFactory adapterFactory(int node, ClusterAdapterOptions options) {
        RedisURI uri = TestRedis.uri();
        if (node == 1) {
            try {
                proxy = new TcpProxy(TestRedis.HOST, TestRedis.PORT);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            uri = TestRedis.uri("127.0.0.1", proxy.port());
        }
        RedisAdapterFactory f = RedisAdapterFactory.create(redis, uri,
                RedisAdapterOptions.builder().channelPrefix(channelPrefix).cluster(options).build());
        factories.add(f);
        return f;
    }

    @Override
    protected void awaitReady(ClusterAdapter adapter) {
        ((RedisAdapter) adapter).ready().orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Override
    protected void closeCluster() {
        factories.forEach(RedisAdapterFactory::close);
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void broadcastsFlowAgainAfterTheSubscribersConnectionIsKilled() throws Exception {
        Member m1 = connect(1, "/");
        Member m2 = connect(2, "/");
        m1.join("room");
        m2.join("room");
        long killed = clientId("colachat-sub:" + nodeIds.get(2));

        admin.sync().clientKill(KillArgs.Builder.id(killed));

        awaitBroadcastsFlow(0, m2);
        assertThat(clientId("colachat-sub:" + nodeIds.get(2))).as("a new connection").isNotEqualTo(killed);
        assertExactlyOnceFromEveryNode(List.of(m1, m2));
    }

    @Test
    void broadcastsFlowAgainAfterThePublishersConnectionIsKilled() throws Exception {
        Member m1 = connect(1, "/");
        Member m2 = connect(2, "/");
        m1.join("room");
        m2.join("room");

        admin.sync().clientKill(KillArgs.Builder.id(clientId("colachat-pub:" + nodeIds.get(0))));

        awaitBroadcastsFlow(0, m1);
        assertExactlyOnceFromEveryNode(List.of(m1, m2));
    }

    @Test
    void aNodeCutOffFromRedisFailsItsPublishesLoudlyThenRecovers() throws Exception {
        Member onZero = connect(0, "/");
        Member onOne = connect(1, "/");
        onZero.join("room");
        onOne.join("room");
        RedisAdapterFactory cutOff = factories.get(1);
        long failuresBefore = cutOff.publishFailures();

        proxy.cut();
        await().atMost(WAIT).until(() -> !cutOff.isConnected());
        servers.get(1).to("room").emit("news", "during-outage");

        assertThat(onOne.next("news")[0]).as("local delivery does not need Redis").isEqualTo("during-outage");
        assertThat(cutOff.publishFailures()).isGreaterThan(failuresBefore);
        assertThat(cluster(servers.get(1).sockets()).isConnected()).isFalse();

        proxy.restore();
        long restored = System.nanoTime();
        awaitBroadcastsFlow(0, onOne);
        awaitBroadcastsFlow(1, onZero);
        assertThat(Duration.ofNanos(System.nanoTime() - restored)).isLessThan(RECOVERY_BOUND);
        assertThat(onZero.payloads("news")).as("the failed publish is lost, not late").doesNotContain("during-outage");
        assertExactlyOnceFromEveryNode(List.of(onZero, onOne));
    }

    /** Broadcasts probes from {@code from} until one reaches {@code to}, within the recovery bound. */
    private void awaitBroadcastsFlow(int from, Member to) {
        AtomicInteger probe = new AtomicInteger();
        String tag = "probe-" + from + "-";
        await().atMost(RECOVERY_BOUND).pollInterval(Duration.ofMillis(100)).until(() -> {
            servers.get(from).to("room").emit("news", tag + probe.incrementAndGet());
            return to.payloads("news").stream().anyMatch(p -> p.startsWith(tag));
        });
    }

    /** After recovery, one broadcast from each node reaches each member exactly once. */
    private void assertExactlyOnceFromEveryNode(List<Member> members) {
        for (int from = 0; from < NODES; from++) {
            servers.get(from).to("room").emit("news", "settled-" + from);
        }
        emitMarkersFromEveryNode();
        for (Member m : members) {
            await().atMost(WAIT).until(() -> m.payloads("marker").size() >= NODES);
            assertThat(m.payloads("news").stream().filter(p -> p.startsWith("settled-")))
                    .containsExactlyInAnyOrder("settled-0", "settled-1", "settled-2");
        }
    }

    /** The id of the connection named {@code name}, from CLIENT LIST. */
    private static long clientId(String name) {
        return await().atMost(WAIT).until(() -> Arrays.stream(admin.sync().clientList().split("\n"))
                .filter(line -> line.contains(" name=" + name + " "))
                .map(line -> Long.parseLong(line.substring(line.indexOf("id=") + 3, line.indexOf(' '))))
                .findFirst().orElse(-1L), id -> id > 0);
    }
}
