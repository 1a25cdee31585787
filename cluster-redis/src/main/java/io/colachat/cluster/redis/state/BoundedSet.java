package io.colachat.cluster.redis.state;

import io.colachat.cluster.redis.internal.LuaScript;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Sets with a capacity, shared by every node: adding checks the capacity and adds in one Lua
 * script, so no two nodes can both take the last place.
 *
 * <pre>{@code
 * BoundedSet seats = new BoundedSet(connection, "colachat:");
 * seats.tryAdd("set-42", "member-7", 10, nodeId).thenAccept(outcome -> {
 *     if (outcome == AddOutcome.FULL) { ... refuse ... }
 * });
 * }</pre>
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link #tryAdd} is atomic: of any number of concurrent adds to a set with {@code n}
 *       free places, exactly {@code n} (or fewer, if there are fewer distinct new members)
 *       answer {@link AddOutcome#ADDED}. A member counts once: adding it again answers
 *       {@link AddOutcome#ALREADY_MEMBER}, never {@code FULL}, even when the set is full.</li>
 *   <li>Capacity is checked on add only: lowering it removes nobody.</li>
 *   <li>Owner tags (optional): a member added with an owner node id is tagged with it, and the
 *       last add with an owner wins. {@link #removeOwnedBy} removes, atomically, every member a
 *       dead node owned, in every set; that is how a dead node's places are freed once its
 *       takeover is claimed ({@link NodeLeases#claimTakeover}).</li>
 *   <li>An empty set does not exist in Redis (it costs nothing).</li>
 * </ul>
 *
 * <p>Keys, under the prefix: {@code set:<name>} (a hash: member to owner, empty when untagged)
 * and {@code owned:<nodeId>} (the names of the sets the node was tagged in; it may name sets
 * where the node no longer owns anything, and lookups filter). One Redis primary is assumed.
 */
public final class BoundedSet {

    private static final LuaScript ADD = LuaScript.load(BoundedSet.class, "bounded-set-add.lua");
    private static final LuaScript OWNED = LuaScript.load(BoundedSet.class, "bounded-set-owned.lua");

    private final RedisAsyncCommands<String, String> redis;
    private final String prefix;

    /**
     * @param connection owned by the caller; may be shared
     * @param keyPrefix prepended to every key; must not be null
     */
    public BoundedSet(StatefulRedisConnection<String, String> connection, String keyPrefix) {
        this.redis = Objects.requireNonNull(connection, "connection").async();
        this.prefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
    }

    /** Adds an untagged member if a place is free; see the class comment. */
    public CompletableFuture<AddOutcome> tryAdd(String set, String member, int capacity) {
        return add(set, member, capacity, "");
    }

    /**
     * Adds a member tagged with {@code ownerNodeId} if a place is free; an existing member is
     * re-tagged with this owner.
     */
    public CompletableFuture<AddOutcome> tryAdd(String set, String member, int capacity, String ownerNodeId) {
        Objects.requireNonNull(ownerNodeId, "ownerNodeId");
        if (ownerNodeId.isEmpty()) {
            throw new IllegalArgumentException("ownerNodeId must not be empty");
        }
        return add(set, member, capacity, ownerNodeId);
    }

    private CompletableFuture<AddOutcome> add(String set, String member, int capacity, String owner) {
        Objects.requireNonNull(set, "set");
        Objects.requireNonNull(member, "member");
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative: " + capacity);
        }
        String index = owner.isEmpty() ? setKey(set) : ownedKey(owner);
        return ADD.<String>run(redis, ScriptOutputType.VALUE, new String[] {setKey(set), index},
                        member, Integer.toString(capacity), owner, set)
                .thenApply(AddOutcome::valueOf);
    }

    /** Removes a member; true when it was there. */
    public CompletableFuture<Boolean> remove(String set, String member) {
        return redis.hdel(setKey(set), member).toCompletableFuture().thenApply(n -> n == 1L);
    }

    /** The members now; empty when the set does not exist. */
    public CompletableFuture<Set<String>> members(String set) {
        return redis.hkeys(setKey(set)).toCompletableFuture().thenApply(LinkedHashSet::new);
    }

    /** The tagged members and their owners. */
    public CompletableFuture<Map<String, String>> owners(String set) {
        return redis.hgetall(setKey(set)).toCompletableFuture().thenApply(all -> {
            Map<String, String> out = new HashMap<>();
            all.forEach((member, owner) -> {
                if (!owner.isEmpty()) {
                    out.put(member, owner);
                }
            });
            return out;
        });
    }

    /** How many members the set has. */
    public CompletableFuture<Long> size(String set) {
        return redis.hlen(setKey(set)).toCompletableFuture();
    }

    /** Every member {@code ownerNodeId} owns, by set name. */
    public CompletableFuture<Map<String, Set<String>>> ownedBy(String ownerNodeId) {
        return owned(ownerNodeId, false);
    }

    /**
     * Removes, in one atomic step, every member {@code ownerNodeId} owns, in every set.
     *
     * @return what was removed, by set name; running it again returns nothing
     */
    public CompletableFuture<Map<String, Set<String>>> removeOwnedBy(String ownerNodeId) {
        return owned(ownerNodeId, true);
    }

    private CompletableFuture<Map<String, Set<String>>> owned(String owner, boolean remove) {
        Objects.requireNonNull(owner, "ownerNodeId");
        return OWNED.<List<Object>>run(redis, ScriptOutputType.MULTI, new String[] {ownedKey(owner)},
                        owner, prefix + "set:", remove ? "1" : "0")
                .thenApply(flat -> {
                    Map<String, Set<String>> out = new LinkedHashMap<>();
                    for (int i = 0; i + 1 < flat.size(); i += 2) {
                        out.computeIfAbsent(String.valueOf(flat.get(i)), k -> new LinkedHashSet<>())
                                .add(String.valueOf(flat.get(i + 1)));
                    }
                    return out;
                });
    }

    private String setKey(String set) {
        return prefix + "set:" + set;
    }

    private String ownedKey(String owner) {
        return prefix + "owned:" + owner;
    }
}
