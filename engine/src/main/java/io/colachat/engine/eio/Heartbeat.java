package io.colachat.engine.eio;

import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The v4 heartbeat of one session: the server pings every pingInterval, and the client must pong
 * within pingTimeout of each ping. The next interval starts at the pong, as in Socket.IO's
 * server, so a slow pong never leads to two pings in flight. Confined to the session's loop.
 */
final class Heartbeat {

    private final EventLoop loop;
    private final long intervalNanos;
    private final long timeoutNanos;
    private final Runnable sendPing;
    private final Runnable onTimeout;

    private ScheduledFuture<?> nextPing;
    private ScheduledFuture<?> pongDeadline;
    private boolean stopped;

    Heartbeat(EventLoop loop, Duration interval, Duration timeout, Runnable sendPing, Runnable onTimeout) {
        this.loop = loop;
        this.intervalNanos = interval.toNanos();
        this.timeoutNanos = timeout.toNanos();
        this.sendPing = sendPing;
        this.onTimeout = onTimeout;
    }

    void start() {
        schedulePing();
    }

    /** A pong arrived; one that answers no ping is ignored rather than starting a second schedule. */
    void onPong() {
        if (pongDeadline == null || stopped) {
            return;
        }
        pongDeadline.cancel(false);
        pongDeadline = null;
        schedulePing();
    }

    void stop() {
        stopped = true;
        if (nextPing != null) {
            nextPing.cancel(false);
            nextPing = null;
        }
        if (pongDeadline != null) {
            pongDeadline.cancel(false);
            pongDeadline = null;
        }
    }

    private void schedulePing() {
        nextPing = loop.schedule(this::ping, intervalNanos, TimeUnit.NANOSECONDS);
    }

    private void ping() {
        nextPing = null;
        if (stopped) {
            return;
        }
        pongDeadline = loop.schedule(this::timeout, timeoutNanos, TimeUnit.NANOSECONDS);
        sendPing.run();
    }

    private void timeout() {
        pongDeadline = null;
        if (!stopped) {
            onTimeout.run();
        }
    }
}
