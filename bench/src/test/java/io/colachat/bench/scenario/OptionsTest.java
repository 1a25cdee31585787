package io.colachat.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void reads_flags_in_every_form_and_words_that_are_not_flags() {
        Options o = Options.parse("lobby", "--rooms", "2_000", "--runs=3", "--quiet", "--sizes", "250, 500");

        assertThat(o.positional(0, "scenario")).isEqualTo("lobby");
        assertThat(o.integer("rooms", 1)).isEqualTo(2000);
        assertThat(o.integer("runs", 1)).isEqualTo(3);
        assertThat(o.flag("quiet")).isTrue();
        assertThat(o.integers("sizes", "1")).containsExactly(250, 500);
        assertThat(o.integer("missing", 7)).isEqualTo(7);
    }

    @Test
    void a_missing_word_is_named_in_the_error() {
        Options o = Options.parse("--help");

        assertThatThrownBy(() -> o.positional(0, "scenario"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("missing scenario");
    }

    @Test
    void a_number_that_is_not_one_names_its_flag_and_value() {
        Options o = Options.parse("--runs", "three", "--rate", "fast", "--sizes", "250,x");

        assertThatThrownBy(() -> o.integer("runs", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--runs must be a whole number, was \"three\"");
        assertThatThrownBy(() -> o.decimal("rate", 1))
                .hasMessage("--rate must be a number, was \"fast\"");
        assertThatThrownBy(() -> o.integers("sizes", "1"))
                .hasMessage("--sizes must be whole numbers separated by commas, was \"250,x\"");
    }
}
