package io.colachat.server.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool, the schema and the blocking executor: everything JDBC runs through.
 *
 * <p>JDBC blocks, and Netty event loops must never block, so all store work is handed to
 * {@link #submit}: a fixed pool with exactly as many threads as pooled connections (a thread
 * never waits for a connection another thread holds) in front of a bounded queue. When the
 * queue is full, work fails at once with {@link StoreException.Reason#UNAVAILABLE} instead of
 * piling up memory or blocking the caller. Futures complete on an executor thread: hop back
 * to the event loop before touching channel state.
 *
 * <p>Opening a database migrates it (Flyway, {@code classpath:db/migration}); the same
 * migration files serve H2 and PostgreSQL. Example:
 * <pre>{@code
 * try (Database db = Database.builder("jdbc:postgresql://127.0.0.1:5432/test").build()) {
 *     db.submit(c -> c.createStatement().executeQuery("SELECT 1").next()).join();
 * }
 * }</pre>
 */
public final class Database implements AutoCloseable {

    /** Flags every H2 URL of ours carries: PostgreSQL semantics, lower-case names. */
    public static final String H2_FLAGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    /** The embedded default: a file database under {@code ./data}. */
    public static final String DEFAULT_URL = "jdbc:h2:file:./data/colachat" + H2_FLAGS;

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final int PING_TIMEOUT_SECONDS = 2;

    private final String description;
    private final HikariDataSource dataSource;
    private final ThreadPoolExecutor executor;
    private final int queueCapacity;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Fails requests fast while the database is unreachable, instead of each waiting the pool's timeout. */
    private final Breaker breaker = new Breaker(java.util.concurrent.TimeUnit.SECONDS.toNanos(1));

    Database(DatabaseBuilder b) {
        this.description = JdbcUrls.redact(b.url());
        this.queueCapacity = b.queueCapacity();
        this.dataSource = DatabaseBootstrap.openPool(b, description);
        try {
            if (b.migrate()) {
                DatabaseBootstrap.migrate(b, description);
            }
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        this.executor = new ThreadPoolExecutor(b.poolSize(), b.poolSize(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(b.queueCapacity()), new DbThreadFactory(),
                new ThreadPoolExecutor.AbortPolicy());
        log.info("Database ready: {} (pool {}, queue {})", description, b.poolSize(), b.queueCapacity());
    }

    /**
     * Opens (and migrates) a database with default settings.
     *
     * @param url a JDBC URL, never null
     * @return an open database, never null
     * @throws StoreException when it cannot be reached or migrated
     */
    public static Database open(String url) {
        return builder(url).build();
    }

    /**
     * Starts configuring a database.
     *
     * @param url a JDBC URL ({@code jdbc:h2:...} or {@code jdbc:postgresql:...}), never null
     * @return a new builder, never null
     */
    public static DatabaseBuilder builder(String url) {
        return new DatabaseBuilder(url);
    }

    /**
     * Runs {@code work} on the blocking executor in one transaction: committed when it
     * returns, rolled back when it throws. The work must not wait for another submitted
     * work: with every thread waiting, nothing would run them.
     *
     * @param work never null
     * @return a future, never null, completing with the work's result (may be null), or
     *     exceptionally with a {@link StoreException} (SQL failure, full queue, closed
     *     database) or with the unchecked exception the work threw (e.g. an
     *     {@code ApiException}), which callers may see wrapped in a {@code CompletionException}
     */
    public <T> CompletableFuture<T> submit(SqlWork<T> work) {
        Objects.requireNonNull(work, "work");
        CompletableFuture<T> future = new CompletableFuture<>();
        if (closed.get()) {
            future.completeExceptionally(closedException());
            return future;
        }
        try {
            executor.execute(() -> {
                if (future.isDone()) {
                    return; // cancelled by the caller while queued: skip the database round trip
                }
                try {
                    future.complete(execute(work));
                } catch (Throwable t) {
                    future.completeExceptionally(t);
                }
            });
        } catch (RejectedExecutionException e) {
            future.completeExceptionally(closed.get() ? closedException()
                    : new StoreException(StoreException.Reason.UNAVAILABLE, "database work queue is full ("
                    + queueCapacity + " queued, " + executor.getActiveCount() + " running) at " + description, e));
        }
        return future;
    }

    /**
     * Runs {@code work} in one transaction on the calling thread. Blocks: for start-up,
     * tools and tests, never on an event loop.
     *
     * @param work never null
     * @return the work's result, may be null
     * @throws StoreException on a SQL failure; unchecked exceptions of the work pass through
     */
    public <T> T execute(SqlWork<T> work) {
        Objects.requireNonNull(work, "work");
        boolean probe = breaker.admit();
        if (!probe && breaker.isOpen()) {
            throw new StoreException(StoreException.Reason.UNAVAILABLE,
                    "database " + description + " is down; failing fast until it answers again", null);
        }
        try {
            T result = executeNow(work);
            breaker.succeeded();
            return result;
        } catch (StoreException e) {
            if (e.reason() == StoreException.Reason.UNAVAILABLE) {
                breaker.failed();
            } else {
                breaker.succeeded();
            }
            throw e;
        }
    }

    private <T> T executeNow(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            // On the embedded database, the rooms whose ids this transaction counts stay locked
            // until it ends (EmbeddedSequences).
            EmbeddedSequences.Transaction rooms = EmbeddedSequences.begin();
            boolean committed = false;
            try {
                T result = work.run(c);
                c.commit();
                committed = true;
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                EmbeddedSequences.end(rooms, committed);
            }
        } catch (SQLException e) {
            throw closed.get() ? closedException() : StoreException.of(description, e);
        }
    }

    /**
     * Whether the database answers {@code SELECT 1} now, for readiness. Blocks the calling
     * thread for at most the pool's connection timeout plus two seconds; never call it on an
     * event loop (use {@link #pingAsync()} there).
     *
     * @return true when the database answered, false when closed, unreachable or failing
     */
    public boolean ping() {
        if (closed.get()) {
            return false;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(PING_TIMEOUT_SECONDS);
            s.execute("SELECT 1");
            c.rollback();
            return true;
        } catch (SQLException | RuntimeException e) {
            log.debug("Ping of {} failed: {}", description, e.toString());
            return false;
        }
    }

    /**
     * {@link #ping()} on the blocking executor.
     *
     * @return a future, never null, that completes with false rather than exceptionally
     */
    public CompletableFuture<Boolean> pingAsync() {
        // Not through submit(): that would hold a second pooled connection while pinging.
        try {
            return CompletableFuture.supplyAsync(this::ping, executor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(false);
        }
    }

    /** The JDBC URL without user names or passwords, for logs; never null. */
    public String describe() {
        return description;
    }

    /** Whether this is PostgreSQL (else H2 or another JDBC database). */
    public boolean isPostgres() {
        return JdbcUrls.isPostgres(dataSource.getJdbcUrl());
    }

    /**
     * The pooled data source, for callers that manage their own transactions; never null.
     * Its connections come with auto-commit off.
     */
    public DataSource dataSource() {
        return dataSource;
    }

    /** How many submitted works wait for a thread (a saturation gauge for metrics). */
    public int queuedWork() {
        return executor.getQueue().size();
    }

    /**
     * Stops accepting work, lets queued and running work finish (up to ten seconds), then
     * closes the pool. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("Database work still running at close, interrupting: {} queued", executor.getQueue().size());
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        dataSource.close();
        log.info("Database closed: {}", description);
    }

    @Override
    public String toString() {
        return "Database[" + description + "]";
    }

    // ---------------------------------------------------------------- private methods

    private static void rollbackQuietly(Connection c, Throwable failure) {
        try {
            c.rollback();
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private StoreException closedException() {
        return new StoreException(StoreException.Reason.UNAVAILABLE, "database " + description + " is closed", null);
    }

    private static final class DbThreadFactory implements ThreadFactory {
        private final AtomicInteger next = new AtomicInteger(1);

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "colachat-db-" + next.getAndIncrement());
            t.setDaemon(true);
            return t;
        }
    }
}
