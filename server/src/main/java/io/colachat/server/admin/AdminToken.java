package io.colachat.server.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The operator's bearer token, compared in constant time: both sides are hashed to SHA-256
 * first, so neither the content nor the length of the configured token leaks through timing.
 * The token itself is kept only as its digest.
 */
public final class AdminToken {

    private final byte[] digest;

    /** @param token the configured {@code admin-token}, never null */
    public AdminToken(String token) {
        this.digest = sha256(token);
    }

    /** Whether {@code presented} (may be null) is the token. */
    public boolean matches(String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(presented));
    }

    @Override
    public String toString() {
        return "AdminToken[***]";
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
