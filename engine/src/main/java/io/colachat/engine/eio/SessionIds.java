package io.colachat.engine.eio;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Session ids: 15 random bytes (120 bits) from {@link SecureRandom}, written as 20 characters of
 * unpadded base64url. The sid is the only credential a polling request carries, so it must be
 * unguessable; base64url keeps it safe in query strings without escaping.
 */
final class SessionIds {

    private static final int RANDOM_BYTES = 15;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private SessionIds() {
    }

    static String next() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }
}
