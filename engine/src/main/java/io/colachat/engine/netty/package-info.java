/**
 * The Netty server: bootstrap ({@link io.colachat.engine.netty.NettyServer}), the per-connection
 * pipeline, the router that claims Engine.IO requests, and the application's
 * {@link io.colachat.engine.netty.HttpHandler} for everything else.
 *
 * <h2>Threading</h2>
 * <p>Every connection lives on one worker event loop, and every handler here runs there. An
 * Engine.IO session belongs to the loop of the connection that opened it; requests for it that
 * arrive on other connections are parsed on their own loop and handed over (see the {@code eio}
 * package).
 *
 * <h2>Buffers</h2>
 * <p>Each handler releases what it consumes, in a {@code finally} or by passing ownership on
 * explicitly: the router releases discarded request bodies and its POST accumulator (also when
 * the connection dies mid-body), passes non-engine messages on untouched, and gives the
 * {@code HttpHandler} ownership of each aggregated request. POST bodies are bounded by
 * maxPayload before they are buffered; other bodies by {@code httpMaxContentLength}.
 */
package io.colachat.engine.netty;
