package io.colachat.engine.adapter;

/** Makes one adapter per namespace. The default is {@code InMemoryAdapter::new}. */
@FunctionalInterface
public interface AdapterFactory {

    Adapter create(AdapterNamespace namespace);
}
