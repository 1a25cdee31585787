package io.colachat.engine.adapter;

import io.colachat.engine.eio.EioMessage;
import io.netty.channel.EventLoop;
import java.util.List;

/** What an adapter may do with one local socket: the narrow view it gets instead of the whole socket. */
public interface AdapterSocket {

    /** The socket id, which is also the name of a room holding only this socket. */
    String id();

    /** The event loop the socket's connection is confined to; deliveries are grouped by it. */
    EventLoop eventLoop();

    /**
     * Writes already-encoded packets. Must be called on {@link #eventLoop()}.
     *
     * @return false when dropped (volatile, slow client) or the socket is gone
     */
    boolean deliver(List<EioMessage> messages, boolean isVolatile);

    /** Disconnects the socket from its namespace; with {@code close} the whole connection too. */
    void disconnect(boolean close);
}
