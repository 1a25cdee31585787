package io.colachat.engine;

/** Called once when a socket leaves its namespace, with why. */
@FunctionalInterface
public interface DisconnectListener {

    void onDisconnect(Socket socket, DisconnectReason reason);
}
