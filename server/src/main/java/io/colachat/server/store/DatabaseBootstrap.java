package io.colachat.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opening the pool and migrating the schema: the start-up half of {@link Database}. */
final class DatabaseBootstrap {

    private static final Logger log = LoggerFactory.getLogger(DatabaseBootstrap.class);

    private DatabaseBootstrap() {
    }

    /** Opens a pool that has connected once; throws {@link StoreException} (UNAVAILABLE) otherwise. */
    static HikariDataSource openPool(DatabaseBuilder b, String description) {
        String url = b.url();
        HikariConfig config = new HikariConfig();
        config.setPoolName("colachat-db");
        config.setJdbcUrl(url);
        String user = user(b);
        if (user != null) {
            config.setUsername(user);
        }
        if (password(b) != null) {
            config.setPassword(password(b));
        }
        long timeoutMillis = b.connectionTimeout().toMillis();
        config.setMaximumPoolSize(b.poolSize());
        config.setMinimumIdle(b.poolSize());
        config.setAutoCommit(false);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setConnectionTimeout(timeoutMillis);
        config.setValidationTimeout(Math.min(2000, timeoutMillis));
        if (JdbcUrls.isH2(url) && !JdbcUrls.hasSetting(url, "LOCK_TIMEOUT")) {
            // H2 gives up on a row lock after 1 s by default; writers of one busy room queue on
            // its row (see MessageRepository), so give them the pool's patience instead.
            config.setConnectionInitSql("SET LOCK_TIMEOUT " + timeoutMillis);
        }
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException(StoreException.Reason.UNAVAILABLE,
                    "database " + description + " is not reachable: " + rootMessage(e), e);
        }
    }

    /**
     * Applies pending migrations; throws {@link StoreException} when one fails. Flyway opens
     * its own two connections (history lock and migration) outside the pool, so that a pool
     * of one still migrates and the pool's settings never apply to DDL.
     */
    static void migrate(DatabaseBuilder b, String description) {
        try {
            MigrateResult result = Flyway.configure(DatabaseBootstrap.class.getClassLoader())
                    .dataSource(b.url(), user(b), password(b))
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            log.info("Schema of {} at version {} ({} migrations applied)", description,
                    result.targetSchemaVersion, result.migrationsExecuted);
        } catch (FlywayException e) {
            throw new StoreException(StoreException.classify(e),
                    "migrating " + description + " failed: " + rootMessage(e), e);
        }
    }

    /** The user to connect as, or null to let the URL or the driver decide. */
    private static String user(DatabaseBuilder b) {
        if (b.user() != null || JdbcUrls.hasUser(b.url())) {
            return b.user();
        }
        // Trust-auth PostgreSQL still needs a role name; H2 ties a new file to its first user.
        return JdbcUrls.isPostgres(b.url()) ? "postgres" : JdbcUrls.isH2(b.url()) ? "sa" : null;
    }

    /** The password to pass, or null to leave it to the URL. */
    private static String password(DatabaseBuilder b) {
        if (b.password() != null) {
            return b.password();
        }
        return b.user() == null && JdbcUrls.hasUser(b.url()) ? null : "";
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == t ? String.valueOf(t.getMessage()) : t.getMessage() + " (" + root + ")";
    }
}
