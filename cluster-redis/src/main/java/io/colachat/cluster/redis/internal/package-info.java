/** Internal helpers of the Redis module: unstable, not for use outside it. */
package io.colachat.cluster.redis.internal;
