package io.colachat.engine;

/** The root of the engine's unchecked exceptions. */
public class SocketIoException extends RuntimeException {

    public SocketIoException(String message) {
        super(message);
    }

    public SocketIoException(String message, Throwable cause) {
        super(message, cause);
    }
}
