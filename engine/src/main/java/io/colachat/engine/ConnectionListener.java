package io.colachat.engine;

/** Called when a socket has connected to a namespace (its middleware all passed). */
@FunctionalInterface
public interface ConnectionListener {

    void onConnection(Socket socket);
}
