package io.colachat.server.store;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * What one stored message costs the store, and which statement pays for it: bytes allocated and CPU
 * time per transaction, on the calling thread (the store's work runs on it), for the production
 * append and for its parts. Not a test: a probe for the benchmarks ({@code docs/benchmarks.md}).
 *
 * <pre>
 *   mvn -q -DskipTests install
 *   java -cp server/target/colachat.jar:server/target/test-classes io.colachat.server.store.StoreCostProbe \
 *       [--db-url jdbc:h2:file:/tmp/x/db] [--rooms 2000] [--transactions 20000] [--rounds 5]
 * </pre>
 *
 * Each round runs every kind of transaction {@code --transactions} times, spread over the rooms; the
 * last round's figures are printed (the earlier ones warm the JIT and the database up). Without
 * {@code --db-url}, an H2 file in a new temporary directory with the server's flags.
 */
public final class StoreCostProbe {

    private interface Work {
        void run(Connection c, UUID room, int i) throws SQLException;
    }

    private StoreCostProbe() {
    }

    public static void main(String[] args) throws Exception {
        List<String> a = Arrays.asList(args);
        int rooms = Integer.parseInt(flag(a, "--rooms", "2000"));
        int transactions = Integer.parseInt(flag(a, "--transactions", "20000"));
        int rounds = Integer.parseInt(flag(a, "--rounds", "5"));
        Path dir = Files.createTempDirectory("colachat-probe");
        String url = flag(a, "--db-url", "jdbc:h2:file:" + dir.resolve("db") + Database.H2_FLAGS);
        try (Database db = Database.open(url)) {
            List<UUID> roomIds = new ArrayList<>();
            Instant now = Instant.now();
            RoomRepository repo = new RoomRepository(db);
            for (int i = 0; i < rooms; i++) {
                UUID id = UUID.randomUUID();
                roomIds.add(id);
                repo.create(RoomRecord.newRoom(id, "probe " + i, "anonymous", 8, null, now, now.plus(Duration.ofDays(1))))
                        .join();
            }
            MessageRepository messages = new MessageRepository(db);
            UUID author = UUID.randomUUID();
            long[] ownIds = new long[rooms];
            String[] names = {"append (the room's next id, then the insert)", "the next id alone",
                "the insert alone", "the room's row locked alone (SELECT ... FOR UPDATE)", "an empty transaction"};
            Work[] kinds = {
                (c, room, i) -> messages.append(c, room, List.of(message(author))),
                (c, room, i) -> MessageRows.allocate(c, room, 1),
                // Ids far above the appends', so the two never meet.
                (c, room, i) -> MessageRows.insert(c, List.of(message(author)
                        .withId(room, 1_000_000_000L + ++ownIds[i % rooms]))),
                (c, room, i) -> lock(c, room),
                (c, room, i) -> { },
            };
            ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
            System.out.printf("%s, %d rooms, %d transactions of each kind per round%n", Database.class.getSimpleName()
                    + " " + url.replaceAll("[;?].*", ""), rooms, transactions);
            for (int round = 1; round <= rounds; round++) {
                for (int k = 0; k < kinds.length; k++) {
                    Work work = kinds[k];
                    long bytes = mx.getCurrentThreadAllocatedBytes();
                    long cpu = mx.getCurrentThreadCpuTime();
                    for (int i = 0; i < transactions; i++) {
                        // A stride prime to the room count visits the rooms in a scattered order.
                        int r = (int) ((i * 7919L) % rooms);
                        int n = i;
                        db.execute(c -> {
                            work.run(c, roomIds.get(r), n);
                            return null;
                        });
                    }
                    if (round == rounds) {
                        System.out.printf("%,9d B %8.1f us  %s%n", (mx.getCurrentThreadAllocatedBytes() - bytes) / transactions,
                                (mx.getCurrentThreadCpuTime() - cpu) / 1e3 / transactions, names[k]);
                    }
                }
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static NewMessage message(UUID author) {
        return NewMessage.message("t=1234567890123", Instant.now(), author, "Brave Otter");
    }

    private static void lock(Connection c, UUID room) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM rooms WHERE id = ? FOR UPDATE")) {
            Jdbc.setUuid(ps, 1, room);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
        }
    }

    private static String flag(List<String> args, String name, String fallback) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : fallback;
    }
}
