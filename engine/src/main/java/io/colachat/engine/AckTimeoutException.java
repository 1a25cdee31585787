package io.colachat.engine;

import java.time.Duration;

/** A server-side emit waited for its acknowledgement longer than its timeout. */
public final class AckTimeoutException extends SocketIoException {

    public AckTimeoutException(String socketId, String event, Duration timeout) {
        super("no acknowledgement of '" + event + "' from socket " + socketId + " within " + timeout.toMillis() + " ms");
    }
}
