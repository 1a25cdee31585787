package io.colachat.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

    @ParameterizedTest(name = "{0} is {1} ms")
    @CsvSource({
        "1500ms, 1500",
        "30s, 30000",
        "90m, 5400000",
        "24h, 86400000",
        "7d, 604800000",
        "1h30m, 5400000",
        "1d12h, 129600000",
        "24H, 86400000",
        "PT24H, 86400000",
        "pt90s, 90000",
        "P7D, 604800000",
        "P1DT1H, 90000000",
        "0, 0",
        "0s, 0",
    })
    void durationsAreReadInShortOrIsoForm(String text, long millis) {
        assertThat(Parsers.parseDuration(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "{0} is written {1}")
    @CsvSource({
        "86400000, 24h",
        "604800000, 7d",
        "5400000, 1h30m",
        "1500, 1s500ms",
        "0, 0s",
        "172800000, 2d",
        "30000, 30s",
    })
    void durationsAreWrittenBackShort(long millis, String text) {
        assertThat(Parsers.formatDuration(Duration.ofMillis(millis))).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"room-ttl, 90m, 1h30m", "purge-after, PT0S, 0s", "room-ttl, 2s, 2s"})
    void durationSettingsAreTypedAsDurations(String name, String value, String shown) {
        ServerConfig sut = ServerConfig.of(java.util.Map.of(name, value));

        assertThat(sut.toString()).contains(name + "=" + shown + " (flag)");
    }
}
