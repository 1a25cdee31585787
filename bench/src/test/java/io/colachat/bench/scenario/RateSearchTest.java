package io.colachat.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoublePredicate;
import org.junit.jupiter.api.Test;

class RateSearchTest {

    /** Runs the search against a server that holds every rate {@code holds} accepts; the rates tried. */
    private static List<Double> run(RateSearch search, DoublePredicate holds) {
        List<Double> tried = new ArrayList<>();
        boolean more;
        do {
            tried.add(search.rate());
            assertThat(tried).as("the search ends").hasSizeLessThan(100);
            more = search.record(holds.test(search.rate()), false);
        } while (more);
        return tried;
    }

    @Test
    void ramps_then_bisects_between_the_last_rate_held_and_the_first_that_failed() {
        List<Double> tried = run(new RateSearch(100, 2, 0, 2, 0), r -> r <= 700);

        // 100, 200, 400 hold; 800 fails; sqrt(400*800) = 565.7 holds; sqrt(565.7*800) = 672.7 holds.
        assertThat(tried).hasSize(6);
        assertThat(tried.subList(0, 4)).containsExactly(100.0, 200.0, 400.0, 800.0);
        assertThat(tried.get(4)).isCloseTo(565.69, within(0.01));
        assertThat(tried.get(5)).isCloseTo(672.72, within(0.01));
    }

    @Test
    void a_failed_midpoint_becomes_the_new_upper_bound() {
        List<Double> tried = run(new RateSearch(100, 2, 0, 2, 0), r -> r <= 500);

        assertThat(tried.get(4)).isCloseTo(565.69, within(0.01));
        assertThat(tried.get(5)).isCloseTo(Math.sqrt(400 * 565.69), within(0.01));
    }

    @Test
    void a_failing_rate_is_retried_before_it_counts() {
        int[] calls = {0};
        // 400 fails once, then holds: a neighbour's burst, not the edge.
        List<Double> tried = run(new RateSearch(100, 2, 1, 0, 0), r -> r != 400 || ++calls[0] > 1 ? r <= 500 : false);

        assertThat(tried).containsExactly(100.0, 200.0, 400.0, 400.0, 800.0, 800.0);
    }

    @Test
    void without_refinement_the_first_failure_ends_the_search() {
        assertThat(run(new RateSearch(100, 2, 0, 0, 0), r -> r <= 300)).containsExactly(100.0, 200.0, 400.0);
    }

    @Test
    void a_first_step_that_fails_ends_it_with_nothing_to_bisect() {
        assertThat(run(new RateSearch(100, 2, 1, 3, 0), r -> false)).containsExactly(100.0, 100.0);
    }

    @Test
    void a_fatal_step_ends_it_at_once_and_the_cap_is_never_passed() {
        RateSearch search = new RateSearch(100, 2, 5, 3, 0);
        assertThat(search.record(false, true)).isFalse();

        assertThat(run(new RateSearch(100, 2, 0, 2, 300), r -> true)).containsExactly(100.0, 200.0);
    }

    @Test
    void bad_parameters_are_refused() {
        assertThatThrownBy(() -> new RateSearch(100, 1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateSearch(0, 2, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
