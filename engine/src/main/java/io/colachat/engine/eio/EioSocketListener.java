package io.colachat.engine.eio;

/**
 * Receives what a client sends on one Engine.IO session. Every method runs on the
 * session's event loop, and none may block.
 */
public interface EioSocketListener {

    /** A MESSAGE packet carrying text (the {@code 4} prefix already removed). */
    void onMessage(EioSocket socket, String text);

    /** A MESSAGE packet carrying binary data (a websocket binary frame, or {@code b} + base64 over polling). */
    void onBinary(EioSocket socket, byte[] data);

    /** The session closed; called exactly once. */
    void onClose(EioSocket socket, EioCloseReason reason);
}
