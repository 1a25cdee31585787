package io.colachat.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The contract's one response shape, for REST bodies and Socket.IO acknowledgements alike:
 * {@code {success, message, code?, data}}. {@code code} is present only on failures.
 *
 * @param success whether the request did what it asked
 * @param message a human sentence in the server's locale
 * @param code the failure code, null on success
 * @param data the result, null on failure
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Envelope(boolean success, String message, @JsonInclude(JsonInclude.Include.NON_NULL) String code,
        Object data) {

    /** A success carrying {@code data} (which may be null). */
    public static Envelope ok(Object data) {
        return new Envelope(true, "OK", null, data);
    }

    /** A failure with its code and human message. */
    public static Envelope error(ErrorCode code, String message) {
        return new Envelope(false, message, code.name(), null);
    }
}
