package io.colachat.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokensTest {

    @Test
    void aTokenIs256RandomBitsInBase64UrlWithoutPadding() {
        String token = Tokens.newToken();

        assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]{43}");
        assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
    }

    @Test
    void tokensAreUnique() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            tokens.add(Tokens.newToken());
        }

        assertThat(tokens).hasSize(10_000);
    }

    @Test
    void theHashIsLowerCaseHexSha256() {
        // SHA-256("abc") from FIPS 180-2.
        assertThat(Tokens.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Tokens.hash(Tokens.newToken())).hasSize(64).matches("[0-9a-f]{64}");
    }

    @Test
    void aTokenMatchesItsOwnHashOnly() {
        String token = Tokens.newToken();
        String stored = Tokens.hash(token);

        assertThat(Tokens.matches(token, stored)).isTrue();
        assertThat(Tokens.matches(Tokens.newToken(), stored)).isFalse();
        assertThat(Tokens.matches(token + "x", stored)).isFalse();
        assertThat(Tokens.matches(token, stored.toUpperCase(Locale.ROOT))).isTrue();
    }

    @Test
    void missingOrEmptyValuesNeverMatch() {
        String token = Tokens.newToken();
        String stored = Tokens.hash(token);

        assertThat(Tokens.matches(null, stored)).isFalse();
        assertThat(Tokens.matches("", stored)).isFalse();
        assertThat(Tokens.matches("", Tokens.hash(""))).isFalse();
        assertThat(Tokens.matches(token, null)).isFalse();
        assertThat(Tokens.matches(token, "")).isFalse();
        assertThat(Tokens.matches(token, stored.substring(1))).isFalse();
    }

    @Test
    void theStoredTokenIsNeverThePlainToken() {
        String token = Tokens.newToken();

        assertThat(Tokens.matches(token, token)).isFalse();
    }
}
