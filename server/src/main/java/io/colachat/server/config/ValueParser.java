package io.colachat.server.config;

import java.util.function.Function;

/**
 * Turns one raw setting value (already stripped, never empty) into its typed value, and back into
 * the text {@code toString} and {@code --help} show.
 *
 * @param <T> the typed value
 */
interface ValueParser<T> {

    /**
     * Parses and validates.
     *
     * @throws InvalidValue with a reason that reads after the quoted value, e.g.
     *     {@code is not a port number (0-65535)}
     */
    T parse(String raw);

    /** The value as a person would write it back, e.g. {@code 24h} for a day. */
    default String format(T value) {
        return String.valueOf(value);
    }

    static <T> ValueParser<T> of(Function<String, T> parse, Function<T, String> format) {
        return new ValueParser<>() {
            @Override
            public T parse(String raw) {
                return parse.apply(raw);
            }

            @Override
            public String format(T value) {
                return format.apply(value);
            }
        };
    }

    /**
     * A value was refused. {@code reason} completes a sentence whose subject is the offending text:
     * {@code offending} when set (one element of a list), else the whole raw value.
     */
    final class InvalidValue extends RuntimeException {
        private final String offending;

        InvalidValue(String reason) {
            this(reason, null);
        }

        InvalidValue(String reason, String offending) {
            super(reason, null, false, false);
            this.offending = offending;
        }

        String offending() {
            return offending;
        }
    }
}
