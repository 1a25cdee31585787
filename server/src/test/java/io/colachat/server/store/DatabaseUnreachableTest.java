package io.colachat.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.colachat.server.api.ErrorCode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Opening a database that does not answer fails at once, with a safe message. */
class DatabaseUnreachableTest {

    @Test
    void openingAnUnreachableDatabaseFailsWithUnavailable() {
        // Port 1 (tcpmux) is closed on any machine that runs these tests: connection refused.
        String url = "jdbc:postgresql://127.0.0.1:1/test?user=colachat&password=s3cret-in-url";

        assertThatThrownBy(() -> Database.builder(url).connectionTimeout(Duration.ofSeconds(1)).build())
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.reason()).isEqualTo(StoreException.Reason.UNAVAILABLE);
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.UNAVAILABLE);
                    assertThat(e.getCause()).isNotNull();
                })
                .hasMessageContaining("jdbc:postgresql://127.0.0.1:1/test")
                .hasMessageContaining("not reachable")
                .message().doesNotContain("s3cret").doesNotContain("user=colachat");
    }
}
