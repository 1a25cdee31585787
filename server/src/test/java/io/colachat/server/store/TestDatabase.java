package io.colachat.server.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A throw-away database for one test class: an H2 file in a temporary directory, or a fresh
 * schema in the local PostgreSQL ({@code 127.0.0.1:5432}, database {@code test}, user
 * {@code postgres}, trust auth), dropped on {@link #close()} so parallel runs never collide.
 * When PostgreSQL is down the tests fail, they are never skipped.
 */
final class TestDatabase implements AutoCloseable {

    static final String POSTGRES_ADDRESS = "127.0.0.1:5432";
    static final String POSTGRES_URL = "jdbc:postgresql://" + POSTGRES_ADDRESS + "/test";
    static final String POSTGRES_USER = "postgres";

    private final String url;
    private final Runnable dropStorage;
    private final List<Database> opened = new ArrayList<>();
    private final Database database;

    private TestDatabase(String url, Runnable dropStorage) {
        this.url = url;
        this.dropStorage = dropStorage;
        try {
            this.database = openAnother();
        } catch (RuntimeException e) {
            dropStorage.run();
            throw e;
        }
    }

    /** An H2 file database in a new temporary directory, with the production flags. */
    static TestDatabase h2() {
        try {
            Path dir = Files.createTempDirectory("colachat-store-");
            return new TestDatabase("jdbc:h2:file:" + dir.resolve("colachat") + Database.H2_FLAGS,
                    () -> deleteRecursively(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new schema in the local PostgreSQL; fails the test when PostgreSQL is not reachable. */
    static TestDatabase postgres() {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        adminSql("CREATE SCHEMA " + schema);
        return new TestDatabase(POSTGRES_URL + "?currentSchema=" + schema,
                () -> adminSql("DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
    }

    /** The database every repository of the test class uses; never null. */
    Database database() {
        return database;
    }

    /** The JDBC URL of this test database. */
    String url() {
        return url;
    }

    /** A second {@link Database} on the same storage: another process, as far as locks go. */
    Database openAnother() {
        return openAnother(Database.builder(url));
    }

    /** A {@link Database} on the same storage with custom settings; closed with this. */
    Database openAnother(DatabaseBuilder builder) {
        Database db = builder.build();
        opened.add(db);
        return db;
    }

    @Override
    public void close() {
        try {
            opened.forEach(Database::close);
        } finally {
            dropStorage.run();
        }
    }

    private static void adminSql(String sql) {
        try (Connection c = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError("PostgreSQL at " + POSTGRES_ADDRESS + " is not reachable (database test, user postgres,"
                    + " trust auth); start it before running the store tests: " + e.getMessage(), e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
