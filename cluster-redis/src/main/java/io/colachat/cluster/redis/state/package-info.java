/**
 * Chat-neutral shared state on Redis, each primitive atomic through a Lua script kept in this
 * package's resources:
 * <ul>
 *   <li>{@link io.colachat.cluster.redis.state.NodeLeases}: node liveness, dead-node detection
 *       within {@code ttl + period}, and the once-only takeover of a dead node's state;</li>
 *   <li>{@link io.colachat.cluster.redis.state.BoundedSet}: sets with a capacity taken
 *       atomically, with optional owner-node tags so a dead node's members can be freed;</li>
 *   <li>{@link io.colachat.cluster.redis.state.Sequences}: cluster-wide increasing counters.</li>
 * </ul>
 * All calls are asynchronous ({@code CompletableFuture}) and never block; futures complete on
 * Lettuce's I/O threads, so chain with the async variants before doing anything slow. Every
 * primitive takes a key prefix: nodes share state exactly when they share Redis and the prefix.
 */
package io.colachat.cluster.redis.state;
