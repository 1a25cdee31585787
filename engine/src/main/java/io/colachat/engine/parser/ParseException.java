package io.colachat.engine.parser;

/**
 * A Socket.IO packet (or attachment) that the decoder refuses. The caller is expected to
 * close the connection, as the reference server does: once one packet is malformed the
 * stream cannot be trusted to be in step.
 *
 * <p>Messages name the kind of fault and, where useful, the index in the packet string;
 * they never repeat the input, which may be megabytes long and is attacker-controlled.
 *
 * <pre>{@code
 * try {
 *     decoder.decodeText(text);
 * } catch (ParseException e) {
 *     socket.close(); // e.getMessage(): "ack id longer than 15 digits at index 1"
 * }
 * }</pre>
 */
public final class ParseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ParseException(String message) {
        super(message);
    }

    public ParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
