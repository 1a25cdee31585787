package io.colachat.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class SteadyValueTest {

    private static LongSupplier sequence(long... values) {
        AtomicInteger i = new AtomicInteger();
        return () -> values[Math.min(i.getAndIncrement(), values.length - 1)];
    }

    @Test
    void waits_until_the_last_samples_hold_within_the_tolerance() throws Exception {
        AtomicInteger pauses = new AtomicInteger();
        // A heap given back in steps, then still: 1000 -> 700 -> 500, then within 1 %.
        SteadyValue.Reading r = SteadyValue.await(sequence(1000, 1000, 700, 500, 500, 498, 499, 499),
                3, 0.01, 20, pauses::incrementAndGet);

        assertThat(r.first()).isEqualTo(1000);
        assertThat(r.steady()).isEqualTo(498);
        assertThat(r.samples()).isEqualTo(6);
        assertThat(r.held()).isTrue();
        assertThat(pauses).hasValue(5);
    }

    @Test
    void a_figure_that_never_settles_ends_at_the_limit_with_its_last_sample() throws Exception {
        SteadyValue.Reading r = SteadyValue.await(sequence(100, 200, 300, 400, 500, 600), 2, 0.01, 5, () -> { });

        assertThat(r.held()).isFalse();
        assertThat(r.samples()).isEqualTo(5);
        assertThat(r.steady()).isEqualTo(500);
    }

    @Test
    void a_figure_already_still_is_read_after_one_window() throws Exception {
        SteadyValue.Reading r = SteadyValue.await(sequence(42), 4, 0.0, 10, () -> { });

        assertThat(r).isEqualTo(new SteadyValue.Reading(42, 42, 4, true));
    }

    @Test
    void a_window_longer_than_the_limit_is_refused() {
        assertThatThrownBy(() -> SteadyValue.await(sequence(1), 5, 0.01, 4, () -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
