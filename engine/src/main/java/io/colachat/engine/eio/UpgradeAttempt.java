package io.colachat.engine.eio;

import io.colachat.engine.eio.transport.WebSocketTransport;
import java.util.concurrent.ScheduledFuture;

/**
 * A websocket probing to replace a session's polling transport. The exchange, on the new
 * websocket:
 *
 * <pre>
 *   client → 2probe    server → 3probe     (and 6 to release the pending poll)
 *   client → 5         the session now writes only to the websocket
 * </pre>
 *
 * <p>Any other packet, the websocket closing, or the upgrade timeout drops the attempt and closes
 * the websocket; the session goes on polling. Confined to the session's loop.
 */
final class UpgradeAttempt {

    final WebSocketTransport transport;
    final ScheduledFuture<?> timeout;
    boolean probed;

    UpgradeAttempt(WebSocketTransport transport, ScheduledFuture<?> timeout) {
        this.transport = transport;
        this.timeout = timeout;
    }
}
