package io.colachat.cluster.redis.state;

/** The answer to {@link BoundedSet#tryAdd}: a closed vocabulary. */
public enum AddOutcome {

    /** The member was not in the set and took a free place. */
    ADDED,
    /** The member was in the set already; it holds one place, whatever the capacity now. */
    ALREADY_MEMBER,
    /** The member was not in the set and no place was free; nothing changed. */
    FULL
}
