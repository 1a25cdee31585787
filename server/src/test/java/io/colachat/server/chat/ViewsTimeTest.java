package io.colachat.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ViewsTimeTest {

    private static final DateTimeFormatter REFERENCE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void writesTheContractsFormat() {
        assertThat(Views.time(Instant.parse("2026-11-24T10:00:00Z"))).isEqualTo("2026-11-24T10:00:00.000Z");
        assertThat(Views.time(Instant.parse("2024-02-29T23:59:59.999Z"))).isEqualTo("2024-02-29T23:59:59.999Z");
        assertThat(Views.time(Instant.parse("1970-01-01T00:00:00Z"))).isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(Views.time(null)).isNull();
    }

    @Test
    void dropsWhatIsFinerThanMilliseconds() {
        assertThat(Views.time(Instant.parse("2026-12-31T23:59:59.999999999Z"))).isEqualTo("2026-12-31T23:59:59.999Z");
        assertThat(Views.time(Instant.parse("1969-12-31T23:59:59.000500Z"))).isEqualTo("1969-12-31T23:59:59.000Z");
    }

    @Test
    void agreesWithTheFormatterEverywhere() {
        SplittableRandom random = new SplittableRandom(7);
        long min = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(min, max + 1), random.nextInt(1_000_000_000));
            assertThat(Views.time(t)).as("%s", t).isEqualTo(REFERENCE.format(t));
        }
        for (String edge : new String[] {"0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z", "2000-02-29T12:00:00Z",
                "1900-03-01T00:00:00Z", "2100-12-31T00:00:00Z"}) {
            Instant t = Instant.parse(edge);
            assertThat(Views.time(t)).isEqualTo(REFERENCE.format(t));
        }
    }

    @Test
    void yearsBeyondFourDigitsTakeTheFormatter() {
        Instant far = Instant.parse("+10000-01-01T00:00:00Z");
        assertThat(Views.time(far)).isEqualTo(REFERENCE.format(far));
        Instant before = Instant.parse("-0001-12-31T23:59:59Z");
        assertThat(Views.time(before)).isEqualTo(REFERENCE.format(before));
    }
}
