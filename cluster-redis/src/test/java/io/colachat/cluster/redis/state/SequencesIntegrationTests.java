package io.colachat.cluster.redis.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.colachat.cluster.redis.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class SequencesIntegrationTests {

    private static final String PREFIX = TestRedis.prefix("sequences");

    private static RedisClient redis;
    private static StatefulRedisConnection<String, String> connection;

    private final Sequences sut = new Sequences(connection, PREFIX);
    private final String name = "seq-" + System.nanoTime();

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

    @Test
    void concurrentCallersOnManyConnectionsGetUniqueGaplessValues() throws Exception {
        List<StatefulRedisConnection<String, String>> conns = new ArrayList<>();
        List<CompletableFuture<Long>> values = new ArrayList<>();
        try {
            for (int c = 0; c < 4; c++) {
                StatefulRedisConnection<String, String> conn = redis.connect();
                conns.add(conn);
                Sequences own = new Sequences(conn, PREFIX);
                for (int i = 0; i < 250; i++) {
                    values.add(own.next(name));
                }
            }
            List<Long> got = values.stream().map(CompletableFuture::join).sorted().toList();
            assertThat(got).containsExactlyElementsOf(LongStream.rangeClosed(1, 1000).boxed().toList());
            assertThat(sut.current(name).get(5, TimeUnit.SECONDS)).isEqualTo(1000L);
        } finally {
            conns.forEach(StatefulRedisConnection::close);
        }
    }

    @Test
    void aBlockReservesConsecutiveValues() throws Exception {
        assertThat(sut.current(name).get()).isZero();
        assertThat(sut.next(name).get()).isEqualTo(1L);
        assertThat(sut.next(name, 10).get()).isEqualTo(11L);
        assertThat(sut.next(name).get()).isEqualTo(12L);
    }

    @Test
    void advanceToRaisesButNeverLowers() throws Exception {
        assertThat(sut.advanceTo(name, 500).get()).isEqualTo(500L);
        assertThat(sut.next(name).get()).isEqualTo(501L);
        assertThat(sut.advanceTo(name, 10).get()).isEqualTo(501L);
        assertThat(sut.current(name).get()).isEqualTo(501L);
    }
}
