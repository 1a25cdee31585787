package io.colachat.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    /** Cost 4, the minimum, keeps the tests fast; production uses 10. */
    private final PasswordHasher sut = new PasswordHasher(4);

    @Test
    void theRightPasswordVerifies() {
        String stored = sut.hash("open sesame");

        assertThat(sut.verify("open sesame", stored)).isTrue();
    }

    @Test
    void aWrongPasswordDoesNotVerify() {
        String stored = sut.hash("open sesame");

        assertThat(sut.verify("open sesame ", stored)).isFalse();
        assertThat(sut.verify("Open sesame", stored)).isFalse();
        assertThat(sut.verify("", stored)).isFalse();
        assertThat(sut.verify(null, stored)).isFalse();
    }

    @Test
    void hashesAreSaltedStandardBcrypt() {
        String first = sut.hash("same");
        String second = sut.hash("same");

        assertThat(first).startsWith("$2a$04$").hasSize(60).isNotEqualTo(second);
        assertThat(sut.verify("same", second)).isTrue();
    }

    @Test
    void aMissingOrMalformedHashNeverVerifies() {
        assertThat(sut.verify("x", null)).isFalse();
        assertThat(sut.verify("x", "")).isFalse();
        assertThat(sut.verify("x", "not a bcrypt hash")).isFalse();
        assertThat(sut.verify("x", "$2a$04$tooshort")).isFalse();
    }

    @Test
    void longPasswordsAreNotCutAtBcryptsSeventyTwoBytes() {
        // 64 Korean syllables are 192 UTF-8 bytes; they differ only in the last one.
        String a = "가".repeat(63) + "나";
        String b = "가".repeat(63) + "다";
        String stored = sut.hash(a);

        assertThat(sut.verify(a, stored)).isTrue();
        assertThat(sut.verify(b, stored)).isFalse();
    }

    @Test
    void hashesWrittenByOtherBcryptToolsVerify() {
        String from2b = BCrypt.with(BCrypt.Version.VERSION_2B).hashToString(4, "pw".toCharArray());
        String from2y = BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(4, "pw".toCharArray());

        assertThat(sut.verify("pw", from2b)).isTrue();
        assertThat(sut.verify("pw", from2y)).isTrue();
        assertThat(sut.verify("px", from2b)).isFalse();
    }

    @Test
    void theDefaultCostIsTen() {
        PasswordHasher byDefault = new PasswordHasher();

        assertThat(byDefault.cost()).isEqualTo(10);
        assertThat(byDefault.hash("x")).startsWith("$2a$10$");
    }

    @Test
    void aCostOutsideBcryptsRangeIsRefused() {
        assertThatThrownBy(() -> new PasswordHasher(3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasswordHasher(32)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringShowsNoSecret() {
        assertThat(sut).hasToString("PasswordHasher{bcrypt, cost=4}");
    }
}
