package io.colachat.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {

    @Test
    void redactRemovesQueryStringCredentials() {
        assertThat(JdbcUrls.redact("jdbc:postgresql://db:5432/chat?user=app&password=p&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/chat?ssl=true");
        assertThat(JdbcUrls.redact("jdbc:postgresql://db/chat?ssl=true&password=p"))
                .isEqualTo("jdbc:postgresql://db/chat?ssl=true");
        assertThat(JdbcUrls.redact("jdbc:postgresql://db/chat?password=p"))
                .isEqualTo("jdbc:postgresql://db/chat");
    }

    @Test
    void redactRemovesH2SettingsAndUserInfo() {
        assertThat(JdbcUrls.redact("jdbc:h2:file:./data/colachat;USER=sa;PASSWORD=x;MODE=PostgreSQL"))
                .isEqualTo("jdbc:h2:file:./data/colachat;MODE=PostgreSQL");
        assertThat(JdbcUrls.redact("jdbc:postgresql://app:secret@db/chat"))
                .isEqualTo("jdbc:postgresql://db/chat");
    }

    @Test
    void redactKeepsUrlsWithoutCredentials() {
        assertThat(JdbcUrls.redact(Database.DEFAULT_URL)).isEqualTo(Database.DEFAULT_URL);
    }

    @Test
    void hasUserSeesUsersInTheUrl() {
        assertThat(JdbcUrls.hasUser("jdbc:postgresql://db/chat?user=app")).isTrue();
        assertThat(JdbcUrls.hasUser("jdbc:h2:mem:x;USER=sa")).isTrue();
        assertThat(JdbcUrls.hasUser("jdbc:postgresql://db/chat?currentSchema=x")).isFalse();
    }
}
