package io.colachat.cluster.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.colachat.cluster.redis.RedisClusterException;
import io.colachat.cluster.redis.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class LuaScriptIntegrationTests {

    private static RedisClient redis;
    private static StatefulRedisConnection<String, String> connection;

    @BeforeAll
    static void connect() {
        redis = TestRedis.client();
        connection = redis.connect();
    }

    @AfterAll
    static void disconnect() {
        connection.close();
        redis.shutdown();
    }

    @Test
    void aScriptRedisHasNeverSeenIsSentInFullOnceThenRunBySha() throws Exception {
        // A unique comment makes a script no Redis has cached: the first run meets NOSCRIPT.
        LuaScript sut = LuaScript.fromSource("echo", "-- " + UUID.randomUUID() + "\nreturn ARGV[1]");
        assertThat(connection.sync().scriptExists(sut.sha())).containsExactly(false);

        assertThat(sut.<String>run(connection.async(), ScriptOutputType.VALUE, new String[0], "one")
                .get(5, TimeUnit.SECONDS)).isEqualTo("one");

        assertThat(connection.sync().scriptExists(sut.sha())).containsExactly(true);
        assertThat(sut.<String>run(connection.async(), ScriptOutputType.VALUE, new String[0], "two")
                .get(5, TimeUnit.SECONDS)).isEqualTo("two");
    }

    @Test
    void aMissingResourceIsNamed() {
        assertThatThrownBy(() -> LuaScript.load(LuaScriptIntegrationTests.class, "nope.lua"))
                .isInstanceOf(RedisClusterException.class)
                .hasMessageContaining("nope.lua");
    }
}
