package io.colachat.server.store;

import io.colachat.server.api.ErrorCode;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Objects;

/**
 * The store's one unchecked failure: a SQL statement, a connection, a migration or the
 * blocking executor failed. The cause is always kept; the message may name tables and
 * SQL states, so callers must not show it to clients: map {@link #errorCode()} into the
 * contract's envelope with a neutral message instead.
 */
public class StoreException extends RuntimeException {

    /** Why the store failed: a closed vocabulary the HTTP and Socket.IO layers map to codes. */
    public enum Reason {
        /**
         * The database cannot be reached right now, the pool timed out, the work queue is
         * full or the {@link Database} is closed. Retrying later may succeed.
         */
        UNAVAILABLE,
        /** A statement failed (constraint, syntax, deadlock, ...). Retrying will not help. */
        FAILED
    }

    private final Reason reason;

    /**
     * @param reason  never null
     * @param message never null
     * @param cause   may be null
     */
    public StoreException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why it failed, never null. */
    public Reason reason() {
        return reason;
    }

    /** The contract code to answer with: {@code UNAVAILABLE} or {@code INTERNAL}, never null. */
    public ErrorCode errorCode() {
        return reason == Reason.UNAVAILABLE ? ErrorCode.UNAVAILABLE : ErrorCode.INTERNAL;
    }

    /**
     * Wraps a JDBC failure, classifying it by exception type and SQL state.
     *
     * @param where the redacted database description, for the message; never null
     * @param e     the failure, never null
     * @return a new exception whose cause is {@code e}, never null
     */
    static StoreException of(String where, SQLException e) {
        return new StoreException(classify(e),
                "database " + where + " failed: " + e.getMessage() + " [SQLState " + e.getSQLState() + "]", e);
    }

    static Reason classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return Reason.UNAVAILABLE;
            }
            if (t instanceof SQLException sql && isUnavailableState(sql.getSQLState())) {
                return Reason.UNAVAILABLE;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Reason.FAILED;
    }

    private static boolean isUnavailableState(String state) {
        if (state == null) {
            return false;
        }
        // 08xxx: connection exceptions (standard); 57P0x: PostgreSQL shutting down or
        // starting up; 90098/90121: H2 database closed or closing.
        return state.startsWith("08") || state.startsWith("57P0")
                || state.equals("90098") || state.equals("90121");
    }
}
