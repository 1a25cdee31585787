package io.colachat.engine.eio.transport;

import io.colachat.engine.eio.EioCloseReason;
import io.colachat.engine.eio.EioPacket;

/**
 * What a {@link Transport} reports to the session it carries. Every method runs on the session's
 * event loop, in the order the events happened on the connection.
 */
public interface TransportListener {

    /** A packet arrived. */
    void onPacket(Transport transport, EioPacket packet);

    /** The transport can take packets now (a poll arrived): flush what is queued. */
    void onWritable(Transport transport);

    /**
     * The transport failed or was closed by the client; it is unusable from now on.
     *
     * @param reason {@link EioCloseReason#TRANSPORT_CLOSE} for an orderly close, otherwise the failure
     */
    void onTransportClosed(Transport transport, EioCloseReason reason);
}
