package io.colachat.server.chat;

import io.colachat.engine.Ack;
import io.colachat.server.api.ApiException;
import io.colachat.server.api.Envelope;
import io.colachat.server.api.ErrorCode;
import io.colachat.server.store.StoreException;
import io.colachat.server.text.Texts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a Socket.IO event's acknowledgement in the contract's envelope. Failures are mapped
 * to the closed vocabulary; internal details never reach the client, only the log.
 */
public final class Reply {

    private static final Logger log = LoggerFactory.getLogger(Reply.class);

    private final Ack ack;
    private final Texts texts;

    public Reply(Ack ack, Texts texts) {
        this.ack = ack;
        this.texts = texts;
    }

    public void ok(Object data) {
        ack.send(Envelope.ok(data));
    }

    public void fail(ErrorCode code) {
        ack.send(Envelope.error(code, texts.error(code)));
    }

    /** Maps any failure to the envelope: ApiException as is, database trouble as UNAVAILABLE/INTERNAL. */
    public void fail(Throwable error) {
        ack.send(envelopeOf(error, texts));
    }

    /** The envelope for a failure; shared with the REST layer. */
    public static Envelope envelopeOf(Throwable error, Texts texts) {
        Throwable e = unwrap(error);
        if (e instanceof ApiException api) {
            String message = api.getMessage() != null && !api.getMessage().isEmpty() ? api.getMessage()
                    : texts.error(api.code());
            return Envelope.error(api.code(), message);
        }
        if (e instanceof StoreException store) {
            log.warn("database failure: {}", store.getMessage());
            return Envelope.error(store.errorCode(), texts.error(store.errorCode()));
        }
        log.error("unexpected failure", e);
        return Envelope.error(ErrorCode.INTERNAL, texts.error(ErrorCode.INTERNAL));
    }

    private static Throwable unwrap(Throwable e) {
        while ((e instanceof java.util.concurrent.CompletionException
                || e instanceof java.util.concurrent.ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
