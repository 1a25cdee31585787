package io.colachat.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Chatter tokens: the only credential of a chatter (protocol section 3).
 *
 * <p>A token is 32 bytes (256 bits) from one shared {@link SecureRandom}, written as base64url
 * without padding (43 characters), so it fits in a header and a URL as it is. The database keeps
 * only {@link #hash(String) its SHA-256}; a fast hash is enough because the token is random and
 * long, unlike a password, so there is nothing to guess that a slow hash would protect.
 *
 * <p>Thread-safe; every method is cheap and may run on an event loop.
 *
 * <pre>{@code
 * String token = Tokens.newToken();      // give to the chatter, once
 * String stored = Tokens.hash(token);    // keep this
 * boolean ok = Tokens.matches(presented, stored);
 * }</pre>
 */
public final class Tokens {

    /** Bytes of randomness in a token: 256 bits, twice the contract's minimum of 128. */
    public static final int TOKEN_BYTES = 32;

    /** Shared: SecureRandom is thread-safe, and seeding one per call would be slow. */
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final HexFormat HEX = HexFormat.of();

    private Tokens() {
    }

    /** A new random token, base64url without padding (43 characters); never null. */
    public static String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    /**
     * The lower-case hex SHA-256 (64 characters) of the token's UTF-8 bytes: what to store.
     *
     * @param token must not be null
     */
    public static String hash(String token) {
        if (token == null) {
            throw new NullPointerException("token");
        }
        return HEX.formatHex(sha256().digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Whether {@code token} is the one whose hash is {@code storedHash}, compared in constant time
     * so that response timing tells nothing about how close a guess was.
     *
     * @param token what the client presented; null or empty never matches
     * @param storedHash a value from {@link #hash(String)}; null or empty never matches
     */
    public static boolean matches(String token, String storedHash) {
        if (token == null || token.isEmpty() || storedHash == null || storedHash.isEmpty()) {
            return false;
        }
        byte[] presented = hash(token).getBytes(StandardCharsets.US_ASCII);
        byte[] stored = storedHash.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(presented, stored);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
