package io.colachat.server.store;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link Database}; {@link #build()} opens it. Not thread-safe. Every default
 * has a reason: 8 connections serve group-committed writes of many rooms; the queue of
 * 4096 absorbs a join storm while still failing fast long before memory does; 5 s is
 * longer than any healthy wait for a connection and short enough for a request to fail
 * with UNAVAILABLE while a client still waits.
 */
public final class DatabaseBuilder {

    private final String url;
    private String user;
    private String password;
    private int poolSize = 8;
    private int queueCapacity = 4096;
    private Duration connectionTimeout = Duration.ofSeconds(5);
    private boolean migrate = true;

    DatabaseBuilder(String url) {
        this.url = Objects.requireNonNull(url, "url");
    }

    /** The user, or null (default) for the URL's own, else {@code postgres} (PostgreSQL) or {@code sa} (H2). */
    public DatabaseBuilder user(String user) {
        this.user = user;
        return this;
    }

    /** The password, or null (default) for none. */
    public DatabaseBuilder password(String password) {
        this.password = password;
        return this;
    }

    /** Pooled connections, and as many executor threads; 1 or more, default 8. */
    public DatabaseBuilder poolSize(int poolSize) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1: " + poolSize);
        }
        this.poolSize = poolSize;
        return this;
    }

    /** Works that may wait for a thread before submits fail fast; 1 or more, default 4096. */
    public DatabaseBuilder queueCapacity(int queueCapacity) {
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be at least 1: " + queueCapacity);
        }
        this.queueCapacity = queueCapacity;
        return this;
    }

    /**
     * How long to wait for a connection (and, on H2, for a row lock); default 5 s.
     *
     * @param timeout never null, at least 250 ms
     */
    public DatabaseBuilder connectionTimeout(Duration timeout) {
        if (timeout.toMillis() < 250) {
            throw new IllegalArgumentException("connectionTimeout must be at least 250 ms: " + timeout);
        }
        this.connectionTimeout = timeout;
        return this;
    }

    /** Whether to run migrations on open; default true. */
    public DatabaseBuilder migrate(boolean migrate) {
        this.migrate = migrate;
        return this;
    }

    /**
     * Opens the pool and migrates the schema.
     *
     * @return an open database, never null
     * @throws StoreException when the database is not reachable or a migration fails
     */
    public Database build() {
        return new Database(this);
    }

    String url() {
        return url;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    int poolSize() {
        return poolSize;
    }

    int queueCapacity() {
        return queueCapacity;
    }

    Duration connectionTimeout() {
        return connectionTimeout;
    }

    boolean migrate() {
        return migrate;
    }
}
