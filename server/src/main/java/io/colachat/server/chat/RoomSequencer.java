package io.colachat.server.chat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each room's work one task at a time, in submission order, on a blocking executor: this
 * is what makes a room's messages ordered. A task stores (JDBC) and then broadcasts, so the
 * order of ids equals the order of broadcasts, and no broadcast precedes its store.
 *
 * <p>Group commit: consecutive {@link Batchable} tasks of one room are handed to their
 * {@link BatchRunner} together (up to {@link #MAX_BATCH}), so a busy room costs one transaction
 * per batch rather than one per message. Rooms never wait for each other beyond the executor's
 * size.
 *
 * <p>Hazard: a task must not submit work to its own room and wait for it (it would wait for
 * itself). Submitting without waiting is fine.
 */
public final class RoomSequencer {

    private static final Logger log = LoggerFactory.getLogger(RoomSequencer.class);

    /** The most batchable tasks handed over at once. */
    public static final int MAX_BATCH = 256;

    /** One unit of a room's work; runs on a blocking thread. */
    @FunctionalInterface
    public interface Task {
        void run() throws Exception;

        /** Called instead of {@link #run} if the task cannot run (executor saturated or shut down). */
        default void rejected(Exception cause) {
        }
    }

    /** Runs a batch of tasks of one kind in one go. */
    @FunctionalInterface
    public interface BatchRunner<T extends Batchable<T>> {
        void runBatch(UUID roomId, List<T> batch) throws Exception;
    }

    /** A task that may be merged with its consecutive peers of the same runner. */
    public interface Batchable<T extends Batchable<T>> extends Task {
        BatchRunner<T> runner();

        @Override
        default void run() throws Exception {
            @SuppressWarnings("unchecked")
            T self = (T) this;
            runner().runBatch(null, List.of(self));
        }
    }

    private final Executor executor;
    private final Map<UUID, Lane> lanes = new ConcurrentHashMap<>();

    public RoomSequencer(Executor executor) {
        this.executor = executor;
    }

    /** Queues a task for a room; it runs after every task queued for that room before it. */
    public void submit(UUID roomId, Task task) {
        while (true) {
            Lane lane = lanes.computeIfAbsent(roomId, Lane::new);
            boolean start;
            synchronized (lane) {
                if (lane.retired) {
                    // The lane went idle and left the map between our lookup and this lock:
                    // queueing here would start a second lane for the room and break its order.
                    continue;
                }
                lane.queue.add(task);
                start = !lane.running;
                lane.running = true;
            }
            if (start) {
                schedule(lane);
            }
            return;
        }
    }

    /** How many rooms have queued or running work (for metrics and tests). */
    public int activeRooms() {
        return lanes.size();
    }

    private void schedule(Lane lane) {
        try {
            executor.execute(() -> drain(lane));
        } catch (RejectedExecutionException e) {
            List<Task> dropped;
            synchronized (lane) {
                dropped = new ArrayList<>(lane.queue);
                lane.queue.clear();
                lane.running = false;
                lane.retired = true;
                lanes.remove(lane.roomId, lane);
            }
            dropped.forEach(t -> t.rejected(e));
        }
    }

    private void drain(Lane lane) {
        // One batch per executor turn, then yield the thread so busy rooms share it fairly.
        List<Task> batch = takeBatch(lane);
        try {
            runBatch(lane.roomId, batch);
        } finally {
            boolean more;
            synchronized (lane) {
                more = !lane.queue.isEmpty();
                if (!more) {
                    lane.running = false;
                    lane.retired = true;
                    // Dropping an idle lane keeps the map as small as the set of busy rooms;
                    // a later submit makes a fresh one.
                    lanes.remove(lane.roomId, lane);
                }
            }
            if (more) {
                schedule(lane);
            }
        }
    }

    private static List<Task> takeBatch(Lane lane) {
        synchronized (lane) {
            Task first = lane.queue.poll();
            List<Task> batch = new ArrayList<>(4);
            batch.add(first);
            if (first instanceof Batchable<?> b) {
                while (batch.size() < MAX_BATCH && lane.queue.peek() instanceof Batchable<?> next
                        && next.runner() == b.runner()) {
                    batch.add(lane.queue.poll());
                }
            }
            return batch;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void runBatch(UUID roomId, List<Task> batch) {
        Task first = batch.get(0);
        try {
            if (first instanceof Batchable<?> b) {
                ((BatchRunner) b.runner()).runBatch(roomId, (List) batch);
            } else {
                first.run();
            }
        } catch (Exception e) {
            log.error("room {}: a task failed", roomId, e);
            for (Task t : batch) {
                t.rejected(e);
            }
        }
    }

    private static final class Lane {
        final UUID roomId;
        final ArrayDeque<Task> queue = new ArrayDeque<>();
        boolean running;
        /** Removed from the map; never used again. */
        boolean retired;

        Lane(UUID roomId) {
            this.roomId = roomId;
        }
    }
}
