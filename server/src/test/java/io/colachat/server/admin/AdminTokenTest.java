package io.colachat.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AdminTokenTest {

    private final AdminToken sut = new AdminToken("operator-secret-token");

    @Test
    void onlyTheExactTokenMatches() {
        assertThat(sut.matches("operator-secret-token")).isTrue();
        assertThat(sut.matches("operator-secret-token ")).isFalse();
        assertThat(sut.matches("operator-secret-toke")).isFalse();
        assertThat(sut.matches("OPERATOR-SECRET-TOKEN")).isFalse();
        assertThat(sut.matches("")).isFalse();
        assertThat(sut.matches(null)).isFalse();
    }

    @Test
    void itsTextNeverShowsTheToken() {
        assertThat(sut.toString()).doesNotContain("operator");
    }
}
