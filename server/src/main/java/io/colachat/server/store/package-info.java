/**
 * Persistence: JDBC repositories over H2 (embedded default) or PostgreSQL, Flyway
 * migrations, a HikariCP pool and the blocking executor that keeps JDBC off event loops.
 *
 * <h2>Model</h2>
 * <ul>
 *   <li>{@code rooms} carries the per-room message id sequence ({@code last_message_id}).
 *       Taking an id increments it, which row-locks the room until commit: writers of one
 *       room serialise (across processes on PostgreSQL), so ids strictly increase in commit
 *       order and stay contiguous. On the embedded H2 database, one process's own, the process
 *       counts under a lock of its own held until commit, and the column stays 0
 *       ({@code EmbeddedSequences}: H2 rewrites every index entry of a row it updates). Callers batch a room's messages into one
 *       {@link io.colachat.server.store.MessageRepository#append} (group commit).</li>
 *   <li>{@code chatters.present} changes only together with storing a JOIN or LEAVE alert,
 *       by a conditional update; that makes JOIN, LEAVE, JOIN alternation a database
 *       invariant that survives restarts and holds across a cluster.</li>
 *   <li>A chatter reads history from {@code first_join_message_id}, its first JOIN.</li>
 * </ul>
 *
 * <h2>Threads and failures</h2>
 * Repositories return {@link java.util.concurrent.CompletableFuture}s completed on the
 * {@link io.colachat.server.store.Database}'s executor threads. Database failures surface as
 * {@link io.colachat.server.store.StoreException} (UNAVAILABLE or INTERNAL); domain refusals
 * found under lock (room gone, chatter revoked, room full) as
 * {@link io.colachat.server.api.ApiException}. Either way the transaction changed nothing.
 */
package io.colachat.server.store;
