package io.colachat.server.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The decaying scores on a fake clock. */
class RateLimitsTest {

    private long now;

    private void advanceMillis(long ms) {
        now += TimeUnit.MILLISECONDS.toNanos(ms);
    }

    @Test
    void normalChatIsNeverThrottled() {
        RateLimits limits = new RateLimits(12, 1, 10, 10, () -> now);
        UUID chatter = UUID.randomUUID();
        // An hour of a message every 1.5 s, some of them long, bursts of 5 quick ones every minute.
        for (int second = 0; second < 3600; second++) {
            advanceMillis(1000);
            if (second % 60 == 0) {
                for (int i = 0; i < 5; i++) {
                    assertThat(limits.allowMessage(chatter, "10.0.0.1", 40)).as("burst at %d", second).isTrue();
                }
            } else if (second % 3 == 0) {
                assertThat(limits.allowMessage(chatter, "10.0.0.1", second % 2 == 0 ? 300 : 20)).as("at %d", second).isTrue();
            }
        }
    }

    @Test
    void aFloodIsCutToTheDecayRateAndLongMessagesCostMore() {
        RateLimits limits = new RateLimits(12, 1, 10, 10, () -> now);
        UUID shorty = UUID.randomUUID();
        int allowed = 0;
        for (int i = 0; i < 100; i++) {
            if (limits.allowMessage(shorty, "10.0.0.2", 10)) {
                allowed++;
            }
        }
        assertThat(allowed).isBetween(11, 12);
        UUID longy = UUID.randomUUID();
        int allowedLong = 0;
        for (int i = 0; i < 100; i++) {
            if (limits.allowMessage(longy, "10.0.0.3", 1000)) {
                allowedLong++;
            }
        }
        assertThat(allowedLong).isEqualTo(2);
        advanceMillis(6_000);
        assertThat(limits.allowMessage(longy, "10.0.0.3", 1000)).isTrue();
    }

    @Test
    void manyChattersBehindOneAddressShareAWiderLimit() {
        RateLimits limits = new RateLimits(12, 1, 10, 10, () -> now);
        int allowed = 0;
        for (int i = 0; i < 100; i++) {
            if (limits.allowMessage(UUID.randomUUID(), "10.0.0.4", 10)) {
                allowed++;
            }
        }
        assertThat(allowed).isBetween(43, 48);
    }

    @Test
    void roomCreationAndWrongPasswordsAreCountedPerMinute() {
        RateLimits limits = new RateLimits(12, 1, 3, 2, () -> now);
        assertThat(limits.allowRoomCreation("a")).isTrue();
        assertThat(limits.allowRoomCreation("a")).isTrue();
        assertThat(limits.allowRoomCreation("a")).isTrue();
        assertThat(limits.allowRoomCreation("a")).isFalse();
        assertThat(limits.allowRoomCreation("b")).isTrue();
        advanceMillis(20_000);
        assertThat(limits.allowRoomCreation("a")).isTrue();

        UUID room = UUID.randomUUID();
        assertThat(limits.mayTryPassword("a", room)).isTrue();
        limits.wrongPassword("a", room);
        limits.wrongPassword("a", room);
        assertThat(limits.mayTryPassword("a", room)).isFalse();
        assertThat(limits.mayTryPassword("a", UUID.randomUUID())).isTrue();
        assertThat(limits.mayTryPassword("b", room)).isTrue();
        advanceMillis(30_000);
        assertThat(limits.mayTryPassword("a", room)).isTrue();
    }

    @Test
    void idleKeysAreForgotten() {
        DecayingScore<Integer> score = new DecayingScore<>(5, 1, () -> now);
        for (int i = 0; i < DecayingScore.SWEEP_EVERY - 1; i++) {
            score.tryAdd(i, 1);
        }
        assertThat(score.size()).isEqualTo(DecayingScore.SWEEP_EVERY - 1);
        advanceMillis(2_000);
        score.tryAdd(-1, 1);
        assertThat(score.size()).isEqualTo(1);
    }
}
