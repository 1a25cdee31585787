package io.colachat.engine;

/** Sees every event a socket receives, before its own listener; for logging or rate limiting. */
@FunctionalInterface
public interface AnyListener {

    void onEvent(String event, Args args);
}
