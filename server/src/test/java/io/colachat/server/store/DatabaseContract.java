package io.colachat.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.colachat.server.api.ErrorCode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link Database}: migrations, transactions, the blocking executor, ping and failures. */
abstract class DatabaseContract extends StoreTestBase {

    @Test
    void migrationsCreateTheSchemaOnce() {
        Database again = target.openAnother();

        int applied = again.execute(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT COUNT(*) FROM flyway_schema_history WHERE success = TRUE AND version IS NOT NULL")) {
                rs.next();
                return rs.getInt(1);
            }
        });
        assertThat(applied).isEqualTo(1);
        for (String table : new String[] {"rooms", "chatters", "messages"}) {
            Boolean readable = again.execute(c -> c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table).next());
            assertThat(readable).as(table).isTrue();
        }
    }

    @Test
    void submitCommitsWhenTheWorkReturns() {
        UUID id = UUID.randomUUID();

        await(db.submit(c -> rooms.create(c, RoomRecord.newRoom(id, "t", "anonymous", 2, null, NOW, NOW))));

        assertThat(await(rooms.findById(id))).isPresent();
    }

    @Test
    void submitRollsBackWhenTheWorkThrows() {
        UUID id = UUID.randomUUID();
        CompletableFuture<Object> failed = db.submit(c -> {
            rooms.create(c, RoomRecord.newRoom(id, "t", "anonymous", 2, null, NOW, NOW));
            throw new IllegalStateException("changed my mind");
        });

        assertThatThrownBy(() -> await(failed)).isInstanceOf(IllegalStateException.class).hasMessage("changed my mind");
        assertThat(await(rooms.findById(id))).isEmpty();
    }

    @Test
    void sqlFailureSurfacesAsStoreExceptionWithItsCause() {
        CompletableFuture<Boolean> failed = db.submit(c -> c.createStatement().execute("SELECT * FROM no_such_table"));

        assertThatThrownBy(() -> await(failed))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.reason()).isEqualTo(StoreException.Reason.FAILED);
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INTERNAL);
                })
                .hasCauseInstanceOf(SQLException.class);
    }

    @Test
    void workRunsOnTheBlockingExecutorNotTheCaller() {
        String thread = await(db.submit(c -> Thread.currentThread().getName()));

        assertThat(thread).startsWith("colachat-db-").isNotEqualTo(Thread.currentThread().getName());
    }

    @Test
    void pingIsTrueWhileOpenAndFalseAfterClose() {
        Database other = target.openAnother();
        assertThat(other.ping()).isTrue();
        assertThat(await(other.pingAsync())).isTrue();

        other.close();

        assertThat(other.ping()).isFalse();
        assertThat(await(other.pingAsync())).isFalse();
        assertThat(db.ping()).as("the other pool is unaffected").isTrue();
    }

    @Test
    void workSubmittedAfterCloseFailsWithUnavailable() {
        Database other = target.openAnother();
        other.close();

        assertThatThrownBy(() -> await(other.submit(c -> 1)))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNAVAILABLE))
                .hasMessageContaining("closed");
    }

    @Test
    void fullQueueFailsFastWithUnavailableInsteadOfBlocking() throws InterruptedException {
        Database small = target.openAnother(Database.builder(target.url()).poolSize(1).queueCapacity(1));
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> busy = small.submit(c -> {
            running.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 1;
        });
        assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Integer> queued = small.submit(c -> 2);

        CompletableFuture<Integer> rejected = small.submit(c -> 3);

        assertThat(rejected).isCompletedExceptionally();
        assertThatThrownBy(() -> await(rejected))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.UNAVAILABLE))
                .hasMessageContaining("queue is full");
        release.countDown();
        assertThat(await(busy)).isEqualTo(1);
        assertThat(await(queued)).isEqualTo(2);
    }

    @Test
    void describeIsTheUrlWithoutCredentials() {
        assertThat(db.describe()).isEqualTo(JdbcUrls.redact(target.url())).startsWith("jdbc:");
        assertThat(db.toString()).contains(db.describe());
    }
}
