package io.colachat.engine.eio;

import java.nio.charset.StandardCharsets;

/**
 * Why the engine refused an HTTP request: Engine.IO's fixed error codes and messages. The
 * response is HTTP 400 (403 for {@link #FORBIDDEN}) with the JSON body
 * {@code {"code":N,"message":"..."}}.
 */
public enum EioError {
    /** The transport is missing, unknown, or not enabled. */
    UNKNOWN_TRANSPORT(0, "Transport unknown"),
    /** No open session has this sid. */
    UNKNOWN_SID(1, "Session ID unknown",
            "No session with this id here: it has ended, or a load balancer sent this request to another "
                    + "node. Long-polling needs sticky sessions; websocket-only clients do not."),
    /** A handshake (a request without sid) that is not a GET. */
    BAD_HANDSHAKE_METHOD(2, "Bad handshake method"),
    /** Anything else that is malformed: no Upgrade header, a second concurrent poll, a bad payload. */
    BAD_REQUEST(3, "Bad request"),
    /** The Origin is not allowed by the {@link OriginPolicy}. */
    FORBIDDEN(4, "Forbidden"),
    /** The {@code EIO} query parameter is missing or not 4. */
    UNSUPPORTED_PROTOCOL_VERSION(5, "Unsupported protocol version");

    private final int code;
    private final String message;
    private final byte[] json;

    EioError(int code, String message) {
        this(code, message, null);
    }

    /** With a {@code context.hint} for people reading the response; clients go by the code. */
    EioError(int code, String message, String hint) {
        this.code = code;
        this.message = message;
        String context = hint == null ? "" : ",\"context\":{\"hint\":\"" + hint + "\"}";
        this.json = ("{\"code\":" + code + ",\"message\":\"" + message + "\"" + context + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The numeric code clients see. */
    public int code() {
        return code;
    }

    /** The fixed message clients see. */
    public String message() {
        return message;
    }

    /** 403 for {@link #FORBIDDEN}, 400 for everything else. */
    public int httpStatus() {
        return this == FORBIDDEN ? 403 : 400;
    }

    /** The response body; a fresh copy the caller may wrap. */
    public byte[] jsonBody() {
        return json.clone();
    }
}
