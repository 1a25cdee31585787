package io.colachat.engine.eio.transport;

import io.colachat.engine.eio.EioCloseReason;
import io.colachat.engine.eio.EioMessage;
import io.colachat.engine.eio.EioPacket;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.Objects;

/**
 * Carries one session's packets over one kind of connection: the transport SPI of the engine,
 * implemented by {@link PollingTransport} and {@link WebSocketTransport}.
 *
 * <p>Threading: {@link #isWritable}, {@link #send} and {@link #close} are called on the session's
 * event loop; {@link #pendingBytes} from any thread. A transport whose connection lives on another
 * loop (a websocket upgrade accepted on a different loop) hops there itself. Events go to the
 * {@link TransportListener} on the session's loop, through {@link #emit}.
 *
 * <p>Protocol decisions (which control packets to send, when to close) belong to the session; a
 * transport only moves packets.
 */
public abstract class Transport {

    private final String name;
    private volatile TransportListener listener;
    private volatile EventLoop sessionLoop;

    protected Transport(String name) {
        this.name = name;
    }

    /** {@code "polling"} or {@code "websocket"}. */
    public final String name() {
        return name;
    }

    /**
     * Attaches the session: must happen before the connection delivers anything.
     *
     * @param listener receives this transport's events, never null
     * @param sessionLoop the loop the listener is confined to, never null
     */
    public final void bind(TransportListener listener, EventLoop sessionLoop) {
        this.sessionLoop = Objects.requireNonNull(sessionLoop, "sessionLoop");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Whether {@link #send} can deliver now (a websocket is open; a poll is waiting). */
    public abstract boolean isWritable();

    /**
     * Writes packets, in order, as one unit: one flush on a websocket, one response to the
     * waiting poll. Only called while {@link #isWritable()}.
     *
     * @param packets the packets; the list is handed over, the messages stay shared and read-only
     */
    public abstract void send(List<EioMessage> packets);

    /** Bytes handed to this transport and not yet written to the socket. */
    public abstract long pendingBytes();

    /**
     * Closes the transport. A waiting poll is answered with {@code goodbye}; a websocket writes
     * {@code goodbye} and a close frame when {@code graceful}, and drops the connection at once
     * otherwise (when its full buffer is the problem, a close frame would only queue behind it).
     * Idempotent.
     */
    public abstract void close(List<EioMessage> goodbye, boolean graceful);

    /** Runs {@code event} with the listener on the session's loop, hopping there if needed. */
    protected final void emit(Event event) {
        TransportListener l = listener;
        EventLoop loop = sessionLoop;
        if (l == null) {
            return;
        }
        if (loop.inEventLoop()) {
            event.deliver(l);
        } else {
            loop.execute(() -> event.deliver(l));
        }
    }

    /** Reports a packet to the session. */
    protected final void emitPacket(EioPacket packet) {
        emit(l -> l.onPacket(this, packet));
    }

    /** Reports that the transport is unusable. */
    protected final void emitClosed(EioCloseReason reason) {
        emit(l -> l.onTransportClosed(this, reason));
    }

    /** One notification for the listener. */
    @FunctionalInterface
    protected interface Event {
        void deliver(TransportListener listener);
    }

    @Override
    public String toString() {
        return name;
    }
}
