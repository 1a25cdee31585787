package io.colachat.engine.adapter;

/**
 * The adapter's handle on its namespace: just enough to find local sockets. Keeping it this
 * narrow is what lets adapters live outside the engine's core (a Redis adapter implements
 * {@link Adapter} and sees only this).
 */
public interface AdapterNamespace {

    /** The namespace name, for example {@code "/"} or {@code "/chat"}. */
    String name();

    /** A connected local socket by id, or null. */
    AdapterSocket socket(String id);
}
