package io.colachat.server.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh schema in the machine's PostgreSQL (127.0.0.1:5432, database {@code test}, trust auth)
 * for one test class, dropped afterwards, so parallel runs never collide. Fails, never skips,
 * when PostgreSQL does not answer.
 */
public final class PostgresSchema implements AutoCloseable {

    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private final String schema = "s_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

    public PostgresSchema() {
        sql("CREATE SCHEMA " + schema);
    }

    /** The JDBC URL whose tables live in this schema. */
    public String url() {
        return URL + "?currentSchema=" + schema;
    }

    @Override
    public void close() {
        sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    private static void sql(String statement) {
        try (Connection c = DriverManager.getConnection(URL, "postgres", "");
                Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new AssertionError("PostgreSQL at 127.0.0.1:5432 (database test) is not reachable: " + e.getMessage(), e);
        }
    }
}
