/**
 * Cola Chat's cluster building blocks on Redis, chat-neutral: the engine's cluster adapter over
 * pub/sub ({@code adapter}) and small shared-state primitives with atomic Lua scripts
 * ({@code state}). Everything assumes one Redis primary (scripts touch keys they compute, which
 * Redis Cluster would refuse) and Lettuce's automatic reconnect.
 */
package io.colachat.cluster.redis;
