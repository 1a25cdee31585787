package io.colachat.cluster.redis.state;

/**
 * What {@link NodeLeases} reports. Every method defaults to a no-op. Callbacks run on the
 * leases' scheduler or Lettuce's I/O thread: keep them short and never block in them (chain
 * further Redis calls asynchronously).
 */
public interface NodeLeaseListener {

    /**
     * This node's lease expired before it could renew it (a long pause, Redis unreachable for
     * longer than the TTL, or Redis lost its data). Other nodes may now be adopting this node's
     * state. The leases have stopped; the application must rejoin under a new node id and
     * register its live state again.
     */
    default void leaseLost(String nodeId) {
    }

    /**
     * A dead node awaits takeover. Repeated every renewal period until some live node claims it,
     * so an answer of {@link TakeoverClaim#CLAIMED_BY_OTHER} to {@link NodeLeases#claimTakeover}
     * is normal.
     *
     * <pre>{@code
     * public void nodeDead(String deadNodeId) {
     *     leases.claimTakeover(deadNodeId).thenCompose(claim -> claim == TakeoverClaim.CLAIMED
     *             ? adopt(deadNodeId).thenCompose(done -> leases.completeTakeover(deadNodeId))
     *             : CompletableFuture.completedFuture(false));
     * }
     * }</pre>
     */
    default void nodeDead(String deadNodeId) {
    }

    /** A renewal or a check for dead nodes failed; the lease expires if this lasts for the TTL. */
    default void renewalFailed(Throwable cause) {
    }
}
