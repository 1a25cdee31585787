package io.colachat.server.api;

/**
 * The contract's closed vocabulary of failures (protocol section 2), each with its HTTP status.
 * Every REST error body and every failed Socket.IO acknowledgement carries one of these.
 */
public enum ErrorCode {
    INVALID_INPUT(400),
    INVALID_TOKEN(401),
    WRONG_PASSWORD(403),
    FORBIDDEN(403),
    NOT_JOINED(403),
    ROOM_NOT_FOUND(404),
    CHATTER_NOT_FOUND(404),
    ROOM_FULL(409),
    ROOM_EXPIRED(410),
    PAYLOAD_TOO_LARGE(413),
    RATE_LIMITED(429),
    INTERNAL(500),
    /** Not in the contract's table: no such route. */
    NOT_FOUND(404),
    /** Not in the contract's table: the route exists, but not with this HTTP method. */
    METHOD_NOT_ALLOWED(405),
    /** Not in the contract's table: the database or Redis is down; the request changed nothing. */
    UNAVAILABLE(503);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /** The HTTP status a REST response with this code carries. */
    public int httpStatus() {
        return httpStatus;
    }
}
