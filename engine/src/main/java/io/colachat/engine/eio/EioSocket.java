package io.colachat.engine.eio;

import io.netty.channel.EventLoop;
import java.util.List;

/**
 * One Engine.IO session, whatever transport carries it now (polling, websocket, or
 * polling upgraded to websocket).
 *
 * <p>Threading: every session is confined to one {@link #eventLoop()}. All callbacks of
 * its {@link EioSocketListener} run there, one at a time, in the order the client sent
 * the packets. {@link #send}, {@link #close} and {@link #isOpen} may be called from any
 * thread; a call from another thread hops to the session's loop.
 *
 * <p>Backpressure: each session has a bounded outbound buffer. A volatile send is
 * dropped (and {@code false} returned) while the buffer is over its low-water mark; a
 * non-volatile send that would take the buffer over its high-water mark closes the
 * session with {@link EioCloseReason#SLOW_CONSUMER}. Memory never grows unbounded.
 */
public interface EioSocket {

    /** The session id ({@code sid}), never null. */
    String id();

    /** The current transport name, {@code "polling"} or {@code "websocket"}. */
    String transport();

    /** The HTTP request that opened the session, never null. */
    HandshakeRequest handshake();

    /** The event loop this session is confined to. */
    EventLoop eventLoop();

    /**
     * Queues messages (one Engine.IO MESSAGE packet each) as one unit: either all are
     * queued or none. Flushes are coalesced: many sends in one loop turn go out in one
     * write (one websocket flush, or one polling payload).
     *
     * @param messages the messages, shared read-only between recipients; must not be null
     * @param isVolatile drop instead of buffering when the client is not keeping up
     * @return false when dropped (volatile over the low-water mark) or the session is closed
     */
    boolean send(List<EioMessage> messages, boolean isVolatile);

    /** Queues one message; see {@link #send(List, boolean)}. */
    default boolean send(EioMessage message) {
        return send(List.of(message), false);
    }

    /**
     * Closes the session from the server side: queued messages are flushed first where the
     * transport allows it, then the listener's {@code onClose} runs with {@code reason}.
     * Idempotent.
     */
    void close(EioCloseReason reason);

    /** True until the session has closed. */
    boolean isOpen();

    /** Sets the listener; call once, from the connection callback, before returning. */
    void setListener(EioSocketListener listener);
}
