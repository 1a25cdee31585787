package io.colachat.engine;

/**
 * Handles one event sent by a client. Runs on the connection's event loop: it must not block
 * (hand JDBC, password hashing and the like to another executor and answer the ack from there).
 */
@FunctionalInterface
public interface EventListener {

    void onEvent(Args args, Ack ack);
}
