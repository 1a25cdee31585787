package io.colachat.engine.adapter.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The peers one adapter has heard from lately: node id to the time of its last message. Pure
 * state with the clock passed in, so it is tested without timers. A peer is known from its
 * first message until it closes or stays silent past the timeout; the set only decides whom
 * a request waits for.
 */
final class ClusterMembers {

    private final Map<String, Long> lastSeen = new ConcurrentHashMap<>();

    /**
     * Records a message from {@code nodeId} at {@code nowNanos}.
     *
     * @return true when the node was not known (it is new, or comes back after being dropped)
     */
    boolean seen(String nodeId, long nowNanos) {
        return lastSeen.put(nodeId, nowNanos) == null;
    }

    /** Forgets a node (it said it closes); true when it was known. */
    boolean remove(String nodeId) {
        return lastSeen.remove(nodeId) != null;
    }

    /** Forgets and returns the nodes silent for longer than {@code timeoutNanos}. */
    List<String> expire(long nowNanos, long timeoutNanos) {
        List<String> gone = new ArrayList<>();
        for (Map.Entry<String, Long> e : lastSeen.entrySet()) {
            if (nowNanos - e.getValue() > timeoutNanos && lastSeen.remove(e.getKey(), e.getValue())) {
                gone.add(e.getKey());
            }
        }
        return gone;
    }

    /** The known nodes now. */
    Set<String> snapshot() {
        return Set.copyOf(lastSeen.keySet());
    }
}
