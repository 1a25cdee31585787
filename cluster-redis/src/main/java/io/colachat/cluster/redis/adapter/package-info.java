/**
 * The engine's cluster adapter on Redis pub/sub.
 *
 * <p>{@link io.colachat.cluster.redis.adapter.RedisAdapterFactory} opens a node's two
 * connections (one pub/sub connection shared by all namespaces, one for publishing) and makes
 * one {@link io.colachat.cluster.redis.adapter.RedisAdapter} per namespace. All cluster logic
 * (message types, encoding, requests, heartbeats) is the engine's
 * {@link io.colachat.engine.adapter.cluster.ClusterAdapter}; this package only moves its bytes
 * ({@code ByteArrayCodec}, no JSON anywhere).
 *
 * <p>Redis outages: Lettuce reconnects both connections and resubscribes by itself. While the
 * publishing connection is down, publishes fail at once and loudly (logged, counted, reported to
 * the {@link io.colachat.engine.adapter.cluster.ClusterListener}s); what is published while a
 * node's subscription is down is lost to that node. Pub/sub is at most once.
 */
package io.colachat.cluster.redis.adapter;
