package io.colachat.engine;

/**
 * The acknowledgement callback of a received event. When the client asked for none,
 * {@link #requested()} is false and {@link #send} does nothing. Only the first call sends.
 *
 * <pre>{@code
 * socket.on("ping", (args, ack) -> ack.send(Map.of("ok", true)));
 * }</pre>
 */
public interface Ack {

    /** The no-op acknowledgement of an event sent without one. */
    Ack NONE = new Ack() {
        @Override
        public boolean requested() {
            return false;
        }

        @Override
        public void send(Object... args) {
        }
    };

    /** Whether the client asked for an acknowledgement. */
    boolean requested();

    /** Answers the client; any thread. Later calls are ignored. */
    void send(Object... args);
}
