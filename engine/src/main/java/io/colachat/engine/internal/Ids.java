package io.colachat.engine.internal;

import java.security.SecureRandom;
import java.util.Base64;

/** Random identifiers: 15 bytes (120 bits) from a SecureRandom, as 20 base64url characters. */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Ids() {
    }

    /** A new id, unguessable and unique for all practical purposes. */
    public static String newId() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }
}
