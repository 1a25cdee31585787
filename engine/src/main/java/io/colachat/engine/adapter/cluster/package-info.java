/**
 * Cluster adapters: one namespace spread over several nodes that share a message bus.
 *
 * <h2>Model</h2>
 * <p>Every node keeps its own sockets and their rooms ({@link io.colachat.engine.adapter.InMemoryAdapter}'s
 * two maps); nothing about membership is replicated. What crosses the bus are operations:
 * "deliver these encoded bytes to whoever matches", "make whoever matches join these rooms",
 * and requests that every node answers about its own sockets. Each node resolves an operation
 * against its own maps, so the union over the nodes is the cluster-wide result.
 *
 * <p>{@link io.colachat.engine.adapter.cluster.ClusterAdapter} holds all of it: the closed
 * vocabulary of {@link io.colachat.engine.adapter.cluster.MessageType}s and their compact binary
 * encoding, node ids, request ids and timeouts, and heartbeats. A transport subclasses it and
 * only moves bytes: see {@code io.colachat.cluster.redis.adapter.RedisAdapter}.
 *
 * <h2>Guarantees and their limits</h2>
 * <ul>
 *   <li>Delivery is at most once, per-sender FIFO over an ordered bus. A subscriber that
 *       reconnects misses what was published meanwhile; applications that must not lose a
 *       message number their messages and let clients fetch gaps.</li>
 *   <li>Publish failures are logged, counted and reported to
 *       {@link io.colachat.engine.adapter.cluster.ClusterListener}; they are never silent.</li>
 *   <li>Heartbeats here only tell requests whom to wait for. Deciding that a node is dead for
 *       good, and adopting its state once, needs leases in shared storage (the Redis module's
 *       {@code NodeLeases}).</li>
 * </ul>
 */
package io.colachat.engine.adapter.cluster;
