package io.colachat.engine.adapter.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PendingRequestsUnitTests {

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final PendingRequests sut = new PendingRequests("/", timers);

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    @Test
    void shouldCompleteAtOnceWhenThereIsNobodyToAsk() {
        CompletableFuture<Long> f = sut.open(sut.nextId(), MessageType.COUNT_SOCKETS, Set.of(), 3L, Long::sum, Duration.ofSeconds(1));
        assertThat(f).isCompletedWithValue(3L);
        assertThat(sut.size()).isZero();
    }

    @Test
    void shouldMergeOneAnswerPerExpectedNodeAndIgnoreTheRest() {
        long id = sut.nextId();
        CompletableFuture<Long> f = sut.open(id, MessageType.COUNT_SOCKETS, Set.of("a", "b"), 1L, Long::sum, Duration.ofSeconds(5));

        sut.answer(id, "a", 10L);
        sut.answer(id, "a", 10L);
        sut.answer(id, "stranger", 1000L);
        assertThat(f).isNotDone();
        sut.answer(id, "b", 100L);

        assertThat(f).isCompletedWithValue(111L);
        assertThat(sut.size()).isZero();
    }

    @Test
    void shouldStopWaitingForANodeThatWentAway() {
        long id = sut.nextId();
        CompletableFuture<Long> f = sut.open(id, MessageType.COUNT_SOCKETS, Set.of("a", "b"), 1L, Long::sum, Duration.ofSeconds(5));
        sut.answer(id, "a", 2L);
        sut.nodeGone("b");
        assertThat(f).isCompletedWithValue(3L);
    }

    @Test
    void shouldFailWithTheSilentNodesWhenTimeRunsOut() {
        long id = sut.nextId();
        CompletableFuture<Long> f = sut.open(id, MessageType.COUNT_SOCKETS, Set.of("a", "b"), 0L, Long::sum, Duration.ofMillis(50));
        sut.answer(id, "a", 1L);

        assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS))
                .cause()
                .isInstanceOf(ClusterTimeoutException.class)
                .hasMessage("COUNT_SOCKETS request " + id + " on / timed out after 50 ms: no answer from 1 of 2 nodes [b]");
        assertThat(sut.size()).isZero();
    }
}
