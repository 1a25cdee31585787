package io.colachat.cluster.redis.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.colachat.cluster.redis.testing.TestRedis;
import io.colachat.engine.adapter.cluster.ClusterAdapterOptions;
import io.colachat.engine.adapter.cluster.FakeNamespace;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class RedisAdapterFactoryIntegrationTests {

    private static RedisClient redis;
    private static StatefulRedisConnection<String, String> admin;

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

    @Test
    void aNodesNamespacesShareOnePubSubConnectionNamedAfterTheNode() throws Exception {
        RedisAdapterOptions options = RedisAdapterOptions.builder()
                .channelPrefix(TestRedis.prefix("factory").replace(':', '.'))
                .cluster(ClusterAdapterOptions.builder().nodeId("factory-" + System.nanoTime()).build())
                .build();
        try (RedisAdapterFactory sut = RedisAdapterFactory.create(redis, TestRedis.uri(), options)) {
            RedisAdapter a = (RedisAdapter) sut.create(new FakeNamespace("/a"));
            RedisAdapter b = (RedisAdapter) sut.create(new FakeNamespace("/b"));
            a.ready().get(10, TimeUnit.SECONDS);
            b.ready().get(10, TimeUnit.SECONDS);

            String list = admin.sync().clientList();
            assertThat(list.lines().filter(l -> l.contains(" name=colachat-sub:" + sut.nodeId() + " "))).hasSize(1);
            assertThat(list.lines().filter(l -> l.contains(" name=colachat-pub:" + sut.nodeId() + " "))).hasSize(1);
            assertThat(admin.sync().pubsubChannels(options.channelPrefix() + "*")).containsExactlyInAnyOrder(
                    options.channel("/a"), options.responseChannel("/a", sut.nodeId()),
                    options.channel("/b"), options.responseChannel("/b", sut.nodeId()));
            assertThat(sut.isConnected()).isTrue();
            assertThat(a.isConnected()).isTrue();
            a.close();
            b.close();
        }
    }

    @Test
    void anUnreachableRedisFailsAtStartup() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        assertThatThrownBy(() -> RedisAdapterFactory.create(redis, TestRedis.uri("127.0.0.1", closedPort),
                RedisAdapterOptions.defaults()))
                .isInstanceOf(RedisConnectionException.class);
    }

    @Test
    void channelNamesKeepNamespacesAndNodesApart() {
        RedisAdapterOptions sut = RedisAdapterOptions.builder().channelPrefix("cc").build();
        assertThat(sut.channel("/chat")).isEqualTo("cc#/chat#");
        assertThat(sut.responseChannel("/chat", "n1")).isEqualTo("cc#/chat#n1#");
        assertThatThrownBy(() -> RedisAdapterOptions.builder().channelPrefix("a#b").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("channelPrefix");
    }
}
