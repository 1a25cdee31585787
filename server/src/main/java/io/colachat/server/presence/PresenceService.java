package io.colachat.server.presence;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver of the pure {@link PresenceTracker}: it owns the real clock, the grace timers, one
 * lock, and what is known of present chatters (nickname, creation time).
 *
 * <p>Ordering: every decision of the tracker is taken under {@link #lock}, and the caller's
 * follow-up (queueing the alert on the room's sequencer) runs under the same lock, through the
 * {@code underLock} callbacks. So the order of a room's queued JOIN and LEAVE work always equals
 * the order of the tracker's decisions — even when the database is slow — and the database's
 * conditional presence flip (JOIN only if absent, LEAVE only if present) then keeps the stored
 * alerts alternating.
 */
public final class PresenceService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PresenceService.class);

    /** What is known of a present chatter; immutable, replaced on rename. */
    public record Member(UUID id, UUID roomId, String nickname, java.time.Instant createdAt) {
    }

    private final PresenceTracker tracker;
    private final Clock clock;
    private final ScheduledExecutorService timers;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<UUID, Member> members = new ConcurrentHashMap<>();
    private final Consumer<Departure> onDeparture;

    /**
     * @param onDeparture called under the lock for each chatter whose grace ran out: it must not
     *     block (queue the LEAVE on the room's sequencer and return)
     */
    public PresenceService(long graceMillis, Clock clock, ScheduledExecutorService timers,
            Consumer<Departure> onDeparture) {
        this.tracker = new PresenceTracker(graceMillis);
        this.clock = clock;
        this.timers = timers;
        this.onDeparture = onDeparture;
    }

    /**
     * Attaches a socket to a chatter in a room, under the lock. {@code member} is asked for the
     * chatter's details only when the join is admitted and the chatter is not yet known (it may
     * pick a nickname unique among {@link #nicknames}); {@code underLock} then runs with the
     * outcome, still under the lock.
     */
    public JoinOutcome join(UUID roomId, UUID chatterId, String socketId, int capacity,
            Supplier<Member> member, Consumer<JoinOutcome> underLock) {
        lock.lock();
        try {
            JoinOutcome outcome = tracker.join(roomId, chatterId, socketId, capacity, clock.millis());
            if (outcome.admitted()) {
                members.computeIfAbsent(chatterId, k -> member.get());
            }
            underLock.accept(outcome);
            return outcome;
        } finally {
            lock.unlock();
        }
    }

    /** A joined socket went away without leaveRoom: starts the grace if it was the chatter's last. */
    public void socketGone(UUID roomId, UUID chatterId, String socketId) {
        lock.lock();
        try {
            OptionalLong deadline = tracker.socketGone(roomId, chatterId, socketId, clock.millis());
            deadline.ifPresent(this::wakeAt);
        } finally {
            lock.unlock();
        }
    }

    /** An explicit leave, at once; {@code underLock} runs with the outcome under the lock. */
    public LeaveOutcome leave(UUID roomId, UUID chatterId, Consumer<LeaveOutcome> underLock) {
        lock.lock();
        try {
            LeaveOutcome outcome = tracker.leave(roomId, chatterId, clock.millis());
            underLock.accept(outcome);
            return outcome;
        } finally {
            lock.unlock();
        }
    }

    /** Restart recovery: a chatter the database says was present, with no socket now. */
    public void restore(Member member) {
        lock.lock();
        try {
            members.putIfAbsent(member.id(), member);
            tracker.restore(member.roomId(), member.id(), clock.millis()).ifPresent(this::wakeAt);
        } finally {
            lock.unlock();
        }
    }

    /** Forgets a whole room (it expired); returns who was present. */
    public Set<UUID> removeRoom(UUID roomId) {
        lock.lock();
        try {
            Set<UUID> gone = tracker.removeRoom(roomId);
            gone.forEach(members::remove);
            return gone;
        } finally {
            lock.unlock();
        }
    }

    /** Records a new nickname of a present chatter. */
    public void renamed(UUID chatterId, String nickname) {
        members.computeIfPresent(chatterId, (k, m) -> new Member(m.id(), m.roomId(), nickname, m.createdAt()));
    }

    /** Forgets the details of a chatter that is no longer present (after its LEAVE was queued). */
    public void forget(UUID roomId, UUID chatterId) {
        lock.lock();
        try {
            if (!tracker.isPresent(roomId, chatterId)) {
                members.remove(chatterId);
            }
        } finally {
            lock.unlock();
        }
    }

    public boolean isPresent(UUID roomId, UUID chatterId) {
        lock.lock();
        try {
            return tracker.isPresent(roomId, chatterId);
        } finally {
            lock.unlock();
        }
    }

    public int presentCount(UUID roomId) {
        lock.lock();
        try {
            return tracker.presentCount(roomId);
        } finally {
            lock.unlock();
        }
    }

    /** The present chatters of a room, in join order. */
    public List<Member> present(UUID roomId) {
        lock.lock();
        try {
            List<Member> out = new ArrayList<>();
            for (UUID id : tracker.present(roomId)) {
                Member m = members.get(id);
                if (m != null) {
                    out.add(m);
                }
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** The nicknames of a room's present chatters. */
    public Set<String> nicknames(UUID roomId) {
        Set<String> out = new java.util.HashSet<>();
        for (Member m : present(roomId)) {
            out.add(m.nickname());
        }
        return out;
    }

    /** What is known of a chatter that is present somewhere. */
    public Optional<Member> member(UUID chatterId) {
        return Optional.ofNullable(members.get(chatterId));
    }

    /** The sockets a chatter has joined with. */
    public Set<String> sockets(UUID roomId, UUID chatterId) {
        lock.lock();
        try {
            return Set.copyOf(tracker.sockets(roomId, chatterId));
        } finally {
            lock.unlock();
        }
    }

    private void wakeAt(long deadlineMillis) {
        long delay = Math.max(0, deadlineMillis - clock.millis());
        timers.schedule(this::expireDue, delay, TimeUnit.MILLISECONDS);
    }

    private void expireDue() {
        lock.lock();
        try {
            for (Departure d : tracker.expire(clock.millis())) {
                log.debug("chatter {} left room {} after the grace", d.chatterId(), d.roomId());
                try {
                    onDeparture.accept(d);
                } catch (RuntimeException e) {
                    log.error("departure of chatter {} failed", d.chatterId(), e);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }
}
