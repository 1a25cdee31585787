package io.colachat.server.api;

import java.util.Objects;

/**
 * A failure to report to the client in the contract's envelope: {@code {success:false,
 * message, code, data:null}}. The message is for people and never contains secrets or
 * internals; {@link #field()} names the offending input field when there is one.
 */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final String field;

    public ApiException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public ApiException(ErrorCode code, String message, String field) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.field = field;
    }

    /** The machine-readable code, never null. */
    public ErrorCode code() {
        return code;
    }

    /** The input field at fault, or null. */
    public String field() {
        return field;
    }

    /** Shorthand for an {@link ErrorCode#INVALID_INPUT} about one field. */
    public static ApiException invalid(String field, String message) {
        return new ApiException(ErrorCode.INVALID_INPUT, message, field);
    }
}
