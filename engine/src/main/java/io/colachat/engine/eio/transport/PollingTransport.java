package io.colachat.engine.eio.transport;

import io.colachat.engine.eio.EioCloseReason;
import io.colachat.engine.eio.EioError;
import io.colachat.engine.eio.EioMessage;
import io.colachat.engine.eio.EioPacket;
import io.colachat.engine.eio.PacketCodec.Payload;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP long-polling: the client holds one GET open and the server answers it when it has
 * packets (at the latest with the next ping); the client POSTs what it sends.
 *
 * <p>Each GET and POST may arrive on any connection and loop; {@link #onPoll} and {@link #onPost}
 * run on the session's loop, so the state here needs no locks. Queued packets wait in the session,
 * not here: this transport holds at most the one waiting GET.
 */
public final class PollingTransport extends Transport {

    private static final Logger log = LoggerFactory.getLogger(PollingTransport.class);

    private HttpExchange waitingPoll;
    private boolean closed;

    /** A polling transport with no poll waiting yet. */
    public PollingTransport() {
        super("polling");
    }

    /**
     * A GET arrived. A second GET while one waits is a client bug that would leave one of them
     * unanswered: it gets 400 and the session closes with {@link EioCloseReason#TRANSPORT_ERROR}.
     */
    public void onPoll(HttpExchange poll) {
        if (closed) {
            poll.respondError(EioError.BAD_REQUEST);
            return;
        }
        if (waitingPoll != null) {
            log.debug("overlapping poll on {}", poll.channel());
            poll.respondError(EioError.BAD_REQUEST);
            emitClosed(EioCloseReason.TRANSPORT_ERROR);
            return;
        }
        waitingPoll = poll;
        // A client that gives up on its poll has gone away: the session must not wait for it.
        poll.onAbort(() -> emit(l -> {
            if (waitingPoll == poll) {
                waitingPoll = null;
                l.onTransportClosed(this, EioCloseReason.TRANSPORT_ERROR);
            }
        }));
        emit(l -> l.onWritable(this));
    }

    /**
     * A POST body arrived, already decoded. Its packets go to the session in order; then the POST
     * is answered {@code ok}, or 400 after closing the session when the payload was malformed, so
     * that a client that sees the answer also sees the session's new state.
     */
    public void onPost(Payload payload, HttpExchange post) {
        for (EioPacket packet : payload.packets()) {
            emitPacket(packet);
        }
        if (payload.malformed()) {
            emitClosed(EioCloseReason.PARSE_ERROR);
            post.respondError(EioError.BAD_REQUEST);
        } else {
            post.respondOk();
        }
    }

    @Override
    public boolean isWritable() {
        return waitingPoll != null;
    }

    @Override
    public void send(List<EioMessage> packets) {
        HttpExchange poll = waitingPoll;
        if (poll == null) {
            throw new IllegalStateException("no poll waiting");
        }
        waitingPoll = null;
        poll.respondPayload(packets);
    }

    @Override
    public long pendingBytes() {
        return 0;
    }

    @Override
    public void close(List<EioMessage> goodbye, boolean graceful) {
        if (closed) {
            return;
        }
        closed = true;
        if (waitingPoll != null && !goodbye.isEmpty()) {
            send(goodbye);
        }
    }
}
