package io.colachat.server.security;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategy;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Room passwords as slow salted bcrypt hashes (protocol section 4), via {@code at.favre.lib:bcrypt}.
 *
 * <p><b>Slow on purpose:</b> at the default cost 10 one {@link #hash} or {@link #verify} takes
 * tens of milliseconds of CPU. Callers must run them on a blocking executor, never on a Netty
 * event loop, where they would stall every connection of that loop.
 *
 * <p>Passwords longer than bcrypt's 72-byte input (64 Korean characters are 192 UTF-8 bytes)
 * are first reduced with SHA-512 instead of being cut, so two long passwords with the same
 * beginning still differ. Passwords are never logged, and are not trimmed here: what the client
 * sent is what is hashed.
 *
 * <p>Thread-safe.
 *
 * <pre>{@code
 * PasswordHasher hasher = new PasswordHasher();
 * String stored = hasher.hash("open sesame");           // "$2a$10$..."
 * boolean ok = hasher.verify("open sesame", stored);    // true
 * }</pre>
 */
public final class PasswordHasher {

    /** The default cost: 2^10 rounds, tens of milliseconds a hash. */
    public static final int DEFAULT_COST = 10;

    private static final Logger log = LoggerFactory.getLogger(PasswordHasher.class);
    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2A;
    private static final LongPasswordStrategy LONG_PASSWORDS = LongPasswordStrategies.hashSha512(VERSION);

    private final int cost;
    private final BCrypt.Hasher hasher = BCrypt.with(VERSION, LONG_PASSWORDS);
    private final BCrypt.Verifyer verifyer = BCrypt.verifyer(VERSION, LONG_PASSWORDS);

    /** A hasher with {@link #DEFAULT_COST}. */
    public PasswordHasher() {
        this(DEFAULT_COST);
    }

    /**
     * @param cost the bcrypt log2 cost, 4 to 31; tests use 4 to stay fast
     */
    public PasswordHasher(int cost) {
        if (cost < BCrypt.MIN_COST || cost > BCrypt.MAX_COST) {
            throw new IllegalArgumentException("bcrypt cost must be " + BCrypt.MIN_COST + " to "
                    + BCrypt.MAX_COST + ": " + cost);
        }
        this.cost = cost;
    }

    /** The bcrypt cost of new hashes. */
    public int cost() {
        return cost;
    }

    /**
     * A new salted hash of the password, in the standard {@code $2a$} form (60 characters).
     * Blocking and slow: not on an event loop.
     *
     * @param password must not be null
     */
    public String hash(String password) {
        Objects.requireNonNull(password, "password");
        return hasher.hashToString(cost, password.toCharArray());
    }

    /**
     * Whether the password is the one hashed in {@code hash}. The comparison is constant-time in
     * the library. Blocking and slow: not on an event loop.
     *
     * @param password what the client sent; null never matches
     * @param hash a value from {@link #hash(String)}; null or malformed never matches
     */
    public boolean verify(String password, String hash) {
        if (password == null || hash == null || hash.isEmpty()) {
            return false;
        }
        BCrypt.Result result = verifyer.verify(password.toCharArray(), hash);
        if (!result.validFormat) {
            // The stored hash is broken: worth an operator's attention; neither value is logged.
            log.warn("stored password hash is not a valid bcrypt hash: {}", result.formatErrorMessage);
            return false;
        }
        return result.verified;
    }

    @Override
    public String toString() {
        return "PasswordHasher{bcrypt, cost=" + cost + "}";
    }
}
