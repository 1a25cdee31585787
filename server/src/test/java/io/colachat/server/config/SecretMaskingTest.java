package io.colachat.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretMaskingTest {

    @Test
    void toStringMasksPasswordsAndTokens() {
        ServerConfig sut = ServerConfig.of(Map.of(
                "db-user", "chat",
                "db-password", "db-hunter2",
                "admin-token", "admin-token-0123456789"));

        assertThat(sut.toString())
                .contains("db-user=chat (flag)", "db-password=**** (flag)", "admin-token=**** (flag)")
                .doesNotContain("db-hunter2", "admin-token-0123456789");
        assertThat(sut.dbPassword()).contains("db-hunter2");
        assertThat(sut.adminToken()).contains("admin-token-0123456789");
    }

    @Test
    void toStringHidesPasswordsInsideUrls() {
        ServerConfig sut = ServerConfig.of(Map.of(
                "redis-url", "redis://default:r3d1s@cache:6379/1",
                "db-url", "jdbc:postgresql://db:5432/chat?user=chat&password=pg-secret&ssl=true"));

        assertThat(sut.toString())
                .contains("redis-url=redis://default:****@cache:6379/1")
                .contains("db-url=jdbc:postgresql://db:5432/chat?user=chat&password=****&ssl=true")
                .doesNotContain("r3d1s", "pg-secret");
        assertThat(sut.redisUrl()).contains("redis://default:r3d1s@cache:6379/1");
    }

    @Test
    void aRedisPasswordWithoutAUserIsHiddenToo() {
        assertThat(Parsers.redactUrl("redis://s3cret@cache:6379")).isEqualTo("redis://:****@cache:6379");
        assertThat(Parsers.redactUrl("jdbc:h2:file:./data/x;PASSWORD=abc;MODE=PostgreSQL"))
                .isEqualTo("jdbc:h2:file:./data/x;PASSWORD=****;MODE=PostgreSQL");
    }

    @Test
    void displayGivesOneValueSafeToLog() {
        ServerConfig sut = ServerConfig.of(Map.of("redis-url", "redis://:r3d1s@cache:6379", "db-password", "pw",
                "port", "9000"));

        assertThat(sut.display(Settings.REDIS_URL)).isEqualTo("redis://:****@cache:6379");
        assertThat(sut.display(Settings.DB_PASSWORD)).isEqualTo("****");
        assertThat(sut.display(Settings.PORT)).isEqualTo("9000");
        assertThat(sut.display(Settings.ADMIN_TOKEN)).isEqualTo("none");
    }

    @Test
    void unsetSecretsShowAsNone() {
        assertThat(ServerConfig.defaults().toString()).contains("db-password=none", "admin-token=none");
    }
}
