package io.colachat.cluster.redis.state;

/** The answer to {@link NodeLeases#claimTakeover}: a closed vocabulary. */
public enum TakeoverClaim {

    /** The caller holds the claim: adopt the dead node's state, then {@link NodeLeases#completeTakeover}. */
    CLAIMED,
    /** A live node holds the claim; nothing to do. */
    CLAIMED_BY_OTHER,
    /** The node's lease is live: it is not dead. */
    ALIVE,
    /** The node is not registered: it never was, or its takeover has completed. Nothing to do. */
    UNKNOWN,
    /** The caller's own lease is gone: a dead node adopts nothing. */
    LEASE_LOST
}
