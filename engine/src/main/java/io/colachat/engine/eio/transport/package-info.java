/**
 * Engine.IO transports: the {@link io.colachat.engine.eio.transport.Transport} SPI, HTTP
 * long-polling and websocket. Transports move packets; the session decides what to send and
 * when to close. Calls into a transport come from its session's event loop, and its events reach
 * the session there (see the {@code eio} package for the threading model).
 */
package io.colachat.engine.eio.transport;
