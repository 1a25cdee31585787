package io.colachat.engine.adapter.cluster;

/** Bytes from the bus that are not a cluster message this node understands; the message is dropped. */
public class MalformedClusterMessageException extends ClusterException {

    public MalformedClusterMessageException(String message) {
        super(message);
    }
}
