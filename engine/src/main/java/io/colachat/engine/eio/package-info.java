/**
 * Engine.IO v4: packets, sessions, heartbeat, upgrade, and the server that owns the sessions.
 *
 * <h2>Model</h2>
 * <p>{@link io.colachat.engine.eio.EioServer} maps sids to sessions. A session
 * ({@link io.colachat.engine.eio.EioSocket}) is carried by one transport at a time: HTTP
 * long-polling or a websocket, and a polling session may upgrade to a websocket once. The layer
 * above sees only {@code EioServer}'s constructor, {@code EioSocket} and
 * {@link io.colachat.engine.eio.EioSocketListener}; everything marked internal is for the
 * {@code netty} package.
 *
 * <h2>Threading: one session, one event loop</h2>
 * <p>A session is confined to the event loop of the connection that opened it. Its state,
 * outbox, timers and listener callbacks live there, so none of it is locked. Work that starts
 * elsewhere hops there with {@code EventLoop.execute}, which keeps order per producer:
 * <ul>
 *   <li>{@code send} and {@code close} from another thread;</li>
 *   <li>a poll or POST arriving on another connection (decoded on its own loop first);</li>
 *   <li>frames of a websocket upgrade accepted on another loop.</li>
 * </ul>
 * A connection's own writes stay on that connection's loop: a session writing to a connection
 * on another loop hands Netty one task per batch.
 *
 * <h2>Buffers</h2>
 * <p>Outbound {@link io.colachat.engine.eio.EioMessage}s are encoded once and shared read-only by
 * every recipient; transports wrap their arrays without copying. Inbound data is copied out of
 * Netty's buffers while decoding ({@link io.colachat.engine.eio.PacketCodec} never releases what
 * it reads), so nothing reference-counted crosses into a session; whoever receives a Netty
 * message releases it in a {@code finally}. Each session's outbox plus its transport's unwritten
 * bytes are bounded by the config's water marks: volatile sends are dropped above the low mark,
 * and a send that would pass the high mark closes the session as a slow consumer.
 */
package io.colachat.engine.eio;
