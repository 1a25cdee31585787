package io.colachat.engine.adapter.cluster;

import java.time.Duration;
import java.util.Set;

/**
 * A cluster request got no answer from some nodes in time. The message names the request, the
 * namespace, the elapsed time and the silent nodes.
 */
public class ClusterTimeoutException extends ClusterException {

    private final Set<String> missingNodes;

    public ClusterTimeoutException(MessageType request, long requestId, String namespace, Duration timeout,
            Set<String> missingNodes, int expected) {
        super(request + " request " + requestId + " on " + namespace + " timed out after " + timeout.toMillis()
                + " ms: no answer from " + missingNodes.size() + " of " + expected + " nodes " + missingNodes);
        this.missingNodes = Set.copyOf(missingNodes);
    }

    /** The nodes that did not answer; never null. */
    public Set<String> missingNodes() {
        return missingNodes;
    }
}
