package io.colachat.server.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A unit of JDBC work that runs inside one transaction (see {@link Database#submit}).
 * It must not commit, roll back, close the connection or change its auto-commit mode:
 * the {@link Database} does that, committing when it returns and rolling back when it
 * throws.
 *
 * @param <T> the result type; null results are allowed
 */
@FunctionalInterface
public interface SqlWork<T> {

    /**
     * @param connection the transaction's connection, never null, auto-commit off
     * @return the result, may be null
     * @throws SQLException on a database failure; it becomes a {@link StoreException}
     */
    T run(Connection connection) throws SQLException;
}
