package io.colachat.engine.adapter.cluster;

/** The root of the cluster adapter's unchecked exceptions. */
public class ClusterException extends RuntimeException {

    public ClusterException(String message) {
        super(message);
    }

    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
