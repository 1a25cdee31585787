package io.colachat.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LiveFiguresTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong accepted = new AtomicLong();
    private LiveFigures.Census census = LiveFigures.Census.EMPTY;

    private LiveFigures sut(Duration period) {
        return new LiveFigures(registry, Clock.systemUTC(), period, connections::get, accepted::get, () -> census);
    }

    @Test
    void theRingKeepsFifteenMinutesOfSamples() {
        LiveFigures sut = sut(Duration.ofSeconds(10));
        for (int i = 0; i < 100; i++) {
            connections.set(i);
            sut.sample();
        }
        assertThat(sut.history()).hasSize(90);
        assertThat(sut.history().get(0).connections()).isEqualTo(10);
        assertThat(sut.latest().connections()).isEqualTo(99);
    }

    @Test
    void aSampleCarriesTheCensusAndFeedsTheGauges() {
        LiveFigures sut = sut(Duration.ofSeconds(10));
        census = new LiveFigures.Census(5, 2, 7);
        sut.sample();
        assertThat(sut.latest().openRooms()).isEqualTo(5);
        assertThat(registry.get("colachat.rooms.open").gauge().value()).isEqualTo(5);
        assertThat(registry.get("colachat.rooms.active").gauge().value()).isEqualTo(2);
        assertThat(registry.get("colachat.present.chatters").gauge().value()).isEqualTo(7);
    }

    @Test
    void messagesPerSecondIsTheCounterIncreaseOverTheElapsedTime() throws InterruptedException {
        LiveFigures sut = sut(Duration.ofSeconds(10));
        sut.sample();
        accepted.addAndGet(50);
        Thread.sleep(500);
        sut.sample();
        // 50 messages in a bit more than half a second.
        assertThat(sut.latest().messagesPerSecond()).isBetween(20.0, 100.0);
        sut.sample();
        assertThat(sut.latest().messagesPerSecond()).isZero();
    }

    @Test
    void aFailedCensusKeepsThePreviousRoomFigures() {
        census = new LiveFigures.Census(3, 1, 4);
        LiveFigures sut = new LiveFigures(registry, Clock.systemUTC(), Duration.ofSeconds(10), connections::get,
                accepted::get, new java.util.function.Supplier<>() {
                    int calls;

                    @Override
                    public LiveFigures.Census get() {
                        if (calls++ > 0) {
                            throw new IllegalStateException("database down");
                        }
                        return census;
                    }
                });
        sut.sample();
        connections.set(9);
        sut.sample();
        assertThat(sut.latest().presentChatters()).isEqualTo(4);
        assertThat(sut.latest().connections()).isEqualTo(9);
    }
}
