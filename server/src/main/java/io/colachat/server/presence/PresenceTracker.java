package io.colachat.server.presence;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Who is present in which room: the presence algorithm of the protocol's section 6 as pure
 * state. It decides; its driver stores alerts, broadcasts and runs the timer.
 *
 * <h2>Model</h2>
 *
 * A chatter is <em>present</em> in a room while at least one of its sockets has joined the room,
 * and for {@code graceMillis} (the {@code leave-grace-ms} setting, default 3000) after its last
 * socket went away. Each (room, chatter) pair is in exactly one of three states:
 *
 * <pre>
 *                    join: NEW (JOIN alert)
 *        ┌──────────────────────────────────────────┐
 *        │                                          ▼
 *     ABSENT ◀── leave(): wasPresent (LEAVE) ─── CONNECTED (≥ 1 socket)
 *      ▲ ▲                                        │   ▲
 *      │ │          last socketGone():            │   │ join: RESUMED
 *      │ │          deadline = now + graceMillis  ▼   │ (no alert)
 *      │ └────── leave(): wasPresent (LEAVE) ──── GRACE (no socket, one deadline)
 *      │                                          │
 *      └──────── expire(): Departure (LEAVE) ─────┘
 *
 *   restore(): ABSENT → GRACE with no alert (its JOIN was stored before the restart).
 *   CONNECTED → CONNECTED: join of another tab (RESUMED), socketGone of a socket not the last.
 * </pre>
 *
 * Present means CONNECTED or GRACE. Every JOIN alert the caller stores comes from an
 * ABSENT → present edge ({@link JoinOutcome#NEW}) and every LEAVE alert from a present → ABSENT
 * edge ({@link LeaveOutcome#wasPresent()} or a {@link Departure}); no other edge carries an
 * alert. That is why a room's alerts for one chatter alternate JOIN, LEAVE, JOIN, … whatever
 * the interleaving of joins, refreshes, drops, tab closes and leaves.
 *
 * <h2>Invariants</h2>
 *
 * <ol>
 *   <li><b>One truth per chatter.</b> A (room, chatter) pair has at most one entry, and each
 *       tracked entry has either at least one socket or exactly one pending grace, never both
 *       and never neither: an entry with no socket and no grace is removed at once, and so is a
 *       room with no entry. After everyone has left, nothing remains in memory.
 *   <li><b>One place per socket.</b> A socket id is attached to at most one (room, chatter).
 *       The caller enforces one room per socket; the tracker checks it and refuses a conflicting
 *       join with an {@link IllegalStateException}, leaving its state untouched.
 *   <li><b>One timer per grace.</b> The deadline queue holds exactly one entry per chatter in
 *       GRACE; a cancelled grace is removed from it at once, so {@link #nextDeadline()} never
 *       reports a cancelled deadline.
 * </ol>
 *
 * <h2>Grace, and the race at the deadline</h2>
 *
 * The {@link #socketGone} of a chatter's last socket returns {@code deadline = now +
 * graceMillis}; the driver arms its timer for {@link #nextDeadline()} and calls {@link #expire}
 * when it fires. A deadline is the earliest moment of a departure, not a departure: the chatter
 * stays present until an {@code expire(now)} with {@code now >= deadline} removes it. So a join at exactly the deadline (or a
 * little after, while the driver's timer is late) is decided by call order, and both orders keep
 * the alternation:
 *
 * <ul>
 *   <li>{@code expire(t)} then {@code join(t)}: a {@link Departure} (LEAVE) then {@link
 *       JoinOutcome#NEW} (JOIN);
 *   <li>{@code join(t)} then {@code expire(t)}: {@link JoinOutcome#RESUMED}, and no departure.
 * </ul>
 *
 * A driver that wants the grace to be exact calls {@code expire(now)} before every other call;
 * it costs O(1) when nothing is due. A grace of 0 makes every drop a leave at the next {@code
 * expire}. The clock is the caller's: it should be monotonic (for example {@code
 * System.nanoTime() / 1_000_000}) so a wall-clock jump neither cuts a grace short nor stretches
 * it.
 *
 * <h2>Restart and dead nodes</h2>
 *
 * Memory dies with the process; the stored alerts do not. On start the driver asks the database
 * which chatters were present (their last alert is a JOIN) and calls {@link #restore} for each:
 * they are present, in GRACE, with no socket, until {@code now + graceMillis}. A chatter whose
 * client reconnects within that grace resumes silently ({@link JoinOutcome#RESUMED}); every
 * other one comes back from {@link #expire} as one {@link Departure}, so its JOIN gets exactly
 * one LEAVE, never a second JOIN. Restore before admitting any join to the room: a join that
 * came first would be {@link JoinOutcome#NEW}, a second JOIN in a row. {@code restore} ignores
 * capacity: those chatters were admitted before.
 *
 * <p>One tracker sees one process. In a cluster the same call lets a surviving node adopt the
 * chatters of a node found dead: they leave {@code graceMillis} after the death is detected,
 * so at most (detection time + {@code graceMillis}) after the node died, unless they come back
 * first. Whether a chatter is present on <em>any</em> node is the shared store's truth: the
 * driver confirms each edge there (store a JOIN only if absent, a LEAVE only if present), and
 * this class supplies the local edges and the grace timing.
 *
 * <h2>Hazards handled</h2>
 *
 * <ul>
 *   <li>The same socket joining the same room for the same chatter twice: {@link
 *       JoinOutcome#RESUMED}, nothing changes.
 *   <li>A socket joining while attached elsewhere (a second room, or another chatter):
 *       refused with {@link IllegalStateException}, nothing changes.
 *   <li>{@link #socketGone} for a socket the tracker no longer holds (detached by {@link
 *       #leave}, dropped by {@link #removeRoom}, already gone, or never joined): a no-op.
 *   <li>{@link #leave} during GRACE: the chatter is present, so it leaves now with one LEAVE,
 *       and the grace is cancelled, so {@link #expire} will not produce a second one.
 * </ul>
 *
 * <h2>Cost and threading</h2>
 *
 * {@link #join}, {@link #socketGone} and {@link #leave} are O(log g), g the number of
 * chatters in grace (plus the chatter's own sockets for {@code leave}); {@link #expire} is
 * O(log g) per departure and O(1) when nothing is due; {@link #present} is O(room size).
 * The tracker reads no clock, starts no thread and does no I/O: every method takes {@code
 * nowMillis}, so tests drive it with a plain {@code long}. It is <b>not thread-safe</b>: the
 * driver serialises all calls (one lock, or one tracker per room on that room's executor).
 *
 * <pre>{@code
 * PresenceTracker tracker = new PresenceTracker(3_000);
 * tracker.join(room, otter, "sid-1", 8, 0);    // NEW: store and broadcast "Brave Otter joined."
 * tracker.socketGone(room, otter, "sid-1", 10); // OptionalLong[3010]: arm the timer
 * tracker.join(room, otter, "sid-2", 8, 900);  // RESUMED: a page refresh, no alert
 * tracker.leave(room, otter, 5_000);           // wasPresent: store "Brave Otter left."
 * }</pre>
 */
public final class PresenceTracker {

    private final long graceMillis;

    /** Rooms with at least one tracked chatter; within a room, chatters in first-join order. */
    private final Map<UUID, LinkedHashMap<UUID, Member>> rooms = new HashMap<>();

    /** Where each attached socket is; enforces "one place per socket" and finds it again. */
    private final Map<String, Member> socketIndex = new HashMap<>();

    /**
     * Pending graces, earliest deadline first. Entries are removed eagerly when a grace is
     * cancelled (O(log g) in a TreeSet, unlike a PriorityQueue's O(g) remove), so the queue is
     * bounded by the number of chatters in GRACE: a flood of refreshes by one chatter keeps at
     * most one entry, and no compaction pass is ever needed.
     */
    private final NavigableSet<Grace> graces = new TreeSet<>();

    /** Breaks ties between equal deadlines: the grace that started first expires first. */
    private long graceSequence;

    /**
     * @param graceMillis how long a chatter stays present after its last socket went away;
     *     0 or more (the protocol's {@code leave-grace-ms}, default 3000: long enough for a page
     *     refresh or a brief network drop, short enough that others see a real leave soon)
     */
    public PresenceTracker(long graceMillis) {
        if (graceMillis < 0) {
            throw new IllegalArgumentException("graceMillis must be 0 or more, was " + graceMillis);
        }
        this.graceMillis = graceMillis;
    }

    /** The grace this tracker was built with, in milliseconds. */
    public long graceMillis() {
        return graceMillis;
    }

    // ---------------------------------------------------------------- decisions

    /**
     * A socket joins the room for a chatter.
     *
     * <p>Capacity counts the present chatters (connected or in grace) <em>other</em> than this
     * one, so a chatter already present (a second tab, a refresh within the grace) never gets
     * {@link JoinOutcome#FULL}.
     *
     * <pre>{@code
     * if (tracker.join(roomId, chatterId, socket.id(), room.capacity(), now) == JoinOutcome.NEW) {
     *     storeJoinAlertThenBroadcast();
     * }
     * }</pre>
     *
     * @param roomId the room, not null
     * @param chatterId the chatter, not null
     * @param socketId the joining socket, not null
     * @param capacity the most present chatters the room admits, 0 or more
     * @param nowMillis the caller's clock; no decision here depends on it
     * @return {@link JoinOutcome#FULL} (nothing changed), {@link JoinOutcome#NEW} (was absent,
     *     now present: one JOIN alert) or {@link JoinOutcome#RESUMED} (was present: pending leave
     *     cancelled, no alert), never null
     * @throws IllegalStateException if the socket is attached to another room or chatter; the
     *     tracker is unchanged
     */
    public JoinOutcome join(UUID roomId, UUID chatterId, String socketId, int capacity, long nowMillis) {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(chatterId, "chatterId");
        Objects.requireNonNull(socketId, "socketId");
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be 0 or more, was " + capacity);
        }
        Member attached = socketIndex.get(socketId);
        if (attached != null) {
            if (attached.is(roomId, chatterId)) {
                return JoinOutcome.RESUMED; // the same join delivered twice: nothing to do
            }
            // Attaching it here too would leave the socket in two places, and its one disconnect
            // could then release only one of them: a chatter present forever.
            throw new IllegalStateException("socket " + socketId + " is already joined to room "
                    + attached.roomId + " as chatter " + attached.chatterId
                    + "; it cannot join room " + roomId + " as chatter " + chatterId);
        }
        LinkedHashMap<UUID, Member> room = rooms.get(roomId);
        Member member = room == null ? null : room.get(chatterId);
        JoinOutcome outcome;
        if (member != null) {
            cancelGrace(member);
            outcome = JoinOutcome.RESUMED;
        } else {
            int others = room == null ? 0 : room.size();
            if (others >= capacity) {
                return JoinOutcome.FULL;
            }
            if (room == null) {
                room = new LinkedHashMap<>();
                rooms.put(roomId, room);
            }
            member = new Member(roomId, chatterId);
            room.put(chatterId, member);
            outcome = JoinOutcome.NEW;
        }
        member.sockets.add(socketId);
        socketIndex.put(socketId, member);
        return outcome;
    }

    /**
     * A socket that had joined went away without {@code leaveRoom} (disconnect, closed tab,
     * dropped network). When it was the chatter's last socket the grace starts.
     *
     * <pre>{@code
     * tracker.socketGone(roomId, chatterId, socket.id(), now)
     *         .ifPresent(deadline -> armTimer(tracker.nextDeadline()));
     * }</pre>
     *
     * @param roomId the room the socket joined, not null
     * @param chatterId the chatter it joined as, not null
     * @param socketId the socket, not null
     * @param nowMillis the caller's clock; the grace ends at {@code nowMillis + graceMillis}
     * @return the new grace deadline when this was the chatter's last socket, else empty; empty
     *     too, with nothing changed, for a socket the tracker does not hold (never joined, already
     *     gone, or detached by {@link #leave} or {@link #removeRoom})
     * @throws IllegalStateException if the socket is attached to a different room or chatter
     *     than the caller says; the tracker is unchanged
     */
    public OptionalLong socketGone(UUID roomId, UUID chatterId, String socketId, long nowMillis) {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(chatterId, "chatterId");
        Objects.requireNonNull(socketId, "socketId");
        Member member = socketIndex.get(socketId);
        if (member == null) {
            return OptionalLong.empty();
        }
        if (!member.is(roomId, chatterId)) {
            throw new IllegalStateException("socket " + socketId + " is joined to room "
                    + member.roomId + " as chatter " + member.chatterId + ", not to room "
                    + roomId + " as chatter " + chatterId);
        }
        socketIndex.remove(socketId);
        member.sockets.remove(socketId);
        if (!member.sockets.isEmpty()) {
            return OptionalLong.empty(); // another tab still holds the chatter in the room
        }
        Grace grace = new Grace(nowMillis + graceMillis, graceSequence++, member);
        member.grace = grace;
        graces.add(grace);
        return OptionalLong.of(grace.deadlineMillis);
    }

    /**
     * An explicit {@code leaveRoom}: the chatter stops being present now, with no grace, whatever
     * its other sockets; those are detached and returned so the caller makes them leave the room.
     * A pending grace is cancelled, so this is the chatter's only LEAVE.
     *
     * <pre>{@code
     * LeaveOutcome out = tracker.leave(roomId, chatterId, now);
     * if (out.wasPresent()) storeLeaveAlertThenBroadcast();
     * out.detachedSockets().forEach(sid -> adapter.del(sid, roomKey));
     * }</pre>
     *
     * @param nowMillis the caller's clock; no decision here depends on it
     * @return {@link LeaveOutcome#NOT_PRESENT} when the chatter was not present, else the
     *     detached sockets; never null
     */
    public LeaveOutcome leave(UUID roomId, UUID chatterId, long nowMillis) {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(chatterId, "chatterId");
        Member member = member(roomId, chatterId);
        if (member == null) {
            return LeaveOutcome.NOT_PRESENT;
        }
        Set<String> detached = Collections.unmodifiableSet(new LinkedHashSet<>(member.sockets));
        forget(member);
        return new LeaveOutcome(true, detached);
    }

    /**
     * Ends every grace whose deadline is at or before {@code nowMillis}: those chatters are no
     * longer present. The driver calls it when its timer fires (and may call it before any
     * other call to make deadlines exact, see the class comment).
     *
     * @return the departures in deadline order (ties: the grace that started first), each to be
     *     announced with one LEAVE alert; empty, never null, when nothing is due
     */
    public List<Departure> expire(long nowMillis) {
        List<Departure> departures = null;
        while (!graces.isEmpty() && graces.first().deadlineMillis <= nowMillis) {
            Grace grace = graces.pollFirst();
            Member member = grace.member;
            member.grace = null;
            removeEntry(member);
            if (departures == null) {
                departures = new ArrayList<>();
            }
            departures.add(new Departure(member.roomId, member.chatterId, grace.deadlineMillis));
        }
        return departures == null ? List.of() : Collections.unmodifiableList(departures);
    }

    /**
     * Restart recovery (and adoption of a dead node's chatters): the chatter was present when
     * its process stopped, per the stored alerts, and has no socket now. It becomes present in
     * GRACE until {@code nowMillis + graceMillis}: a join within the grace is {@link
     * JoinOutcome#RESUMED}, otherwise {@link #expire} returns it once. No alert now, and
     * capacity is not checked. A chatter already present is left as it is.
     *
     * @return the grace deadline, or empty when the chatter was already present
     */
    public OptionalLong restore(UUID roomId, UUID chatterId, long nowMillis) {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(chatterId, "chatterId");
        if (member(roomId, chatterId) != null) {
            return OptionalLong.empty();
        }
        Member member = new Member(roomId, chatterId);
        rooms.computeIfAbsent(roomId, id -> new LinkedHashMap<>()).put(chatterId, member);
        Grace grace = new Grace(nowMillis + graceMillis, graceSequence++, member);
        member.grace = grace;
        graces.add(grace);
        return OptionalLong.of(grace.deadlineMillis);
    }

    /**
     * Forgets a whole room (it expired): its chatters, sockets and graces. No departures are
     * produced for it later; the caller announces the expiry its own way.
     *
     * @return the chatters that were present, in first-join order; empty if none
     */
    public Set<UUID> removeRoom(UUID roomId) {
        Objects.requireNonNull(roomId, "roomId");
        LinkedHashMap<UUID, Member> room = rooms.remove(roomId);
        if (room == null) {
            return Set.of();
        }
        for (Member member : room.values()) {
            cancelGrace(member);
            member.sockets.forEach(socketIndex::remove);
        }
        return Collections.unmodifiableSet(new LinkedHashSet<>(room.keySet()));
    }

    // ---------------------------------------------------------------- queries

    /** The earliest pending grace deadline, for the driver's timer; empty when none is pending. */
    public OptionalLong nextDeadline() {
        return graces.isEmpty() ? OptionalLong.empty() : OptionalLong.of(graces.first().deadlineMillis);
    }

    /** True while the chatter is present in the room: connected, or in grace not yet expired. */
    public boolean isPresent(UUID roomId, UUID chatterId) {
        return member(roomId, chatterId) != null;
    }

    /** A snapshot of the room's present chatters in first-join order (a resume keeps its place). */
    public Set<UUID> present(UUID roomId) {
        LinkedHashMap<UUID, Member> room = rooms.get(roomId);
        return room == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(room.keySet()));
    }

    /** How many chatters are present in the room (the Room's {@code onlineCount}). */
    public int presentCount(UUID roomId) {
        LinkedHashMap<UUID, Member> room = rooms.get(roomId);
        return room == null ? 0 : room.size();
    }

    /** A snapshot of the chatter's joined sockets in the room, in join order; empty in grace. */
    public Set<String> sockets(UUID roomId, UUID chatterId) {
        Member member = member(roomId, chatterId);
        return member == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(member.sockets));
    }

    // ---------------------------------------------------------------- package methods (tests)

    /** Rooms held in memory. */
    int trackedRooms() {
        return rooms.size();
    }

    /** (room, chatter) entries held in memory. */
    int trackedChatters() {
        int n = 0;
        for (Map<UUID, Member> room : rooms.values()) {
            n += room.size();
        }
        return n;
    }

    /** Sockets held in memory. */
    int trackedSockets() {
        return socketIndex.size();
    }

    /** Entries in the deadline queue. */
    int pendingGraces() {
        return graces.size();
    }

    /** Checks the invariants of the class comment; O(size). Throws IllegalStateException. */
    void checkInvariants() {
        int sockets = 0;
        int inGrace = 0;
        for (Map.Entry<UUID, LinkedHashMap<UUID, Member>> room : rooms.entrySet()) {
            check(!room.getValue().isEmpty(), "empty room kept: " + room.getKey());
            for (Member member : room.getValue().values()) {
                check(member.roomId.equals(room.getKey()), "entry filed under the wrong room");
                check(member.sockets.isEmpty() == (member.grace != null),
                        "chatter " + member.chatterId + " must have sockets xor a grace");
                for (String socketId : member.sockets) {
                    check(socketIndex.get(socketId) == member, "socket index disagrees for " + socketId);
                }
                sockets += member.sockets.size();
                if (member.grace != null) {
                    check(graces.contains(member.grace), "grace of " + member.chatterId + " not queued");
                    inGrace++;
                }
            }
        }
        check(sockets == socketIndex.size(), "socket index holds detached sockets");
        check(inGrace == graces.size(), "deadline queue holds cancelled graces");
    }

    private static void check(boolean condition, String violation) {
        if (!condition) {
            throw new IllegalStateException(violation);
        }
    }

    // ---------------------------------------------------------------- private methods

    private Member member(UUID roomId, UUID chatterId) {
        Map<UUID, Member> room = rooms.get(roomId);
        return room == null ? null : room.get(chatterId);
    }

    private void cancelGrace(Member member) {
        if (member.grace != null) {
            graces.remove(member.grace);
            member.grace = null;
        }
    }

    /** Drops the entry with its sockets and grace: the chatter is absent from here on. */
    private void forget(Member member) {
        cancelGrace(member);
        member.sockets.forEach(socketIndex::remove);
        member.sockets.clear();
        removeEntry(member);
    }

    /** Removes the entry from its room, and the room when it was the last one (no leak). */
    private void removeEntry(Member member) {
        LinkedHashMap<UUID, Member> room = rooms.get(member.roomId);
        room.remove(member.chatterId);
        if (room.isEmpty()) {
            rooms.remove(member.roomId);
        }
    }

    /** One present chatter in one room: its joined sockets, or its pending grace. */
    private static final class Member {
        final UUID roomId;
        final UUID chatterId;
        final Set<String> sockets = new LinkedHashSet<>(4);
        /** Non-null exactly while the chatter is in GRACE (no socket). */
        Grace grace;

        Member(UUID roomId, UUID chatterId) {
            this.roomId = roomId;
            this.chatterId = chatterId;
        }

        boolean is(UUID roomId, UUID chatterId) {
            return this.roomId.equals(roomId) && this.chatterId.equals(chatterId);
        }
    }

    /** A pending grace; ordered by deadline, then by start, so no two compare equal. */
    private static final class Grace implements Comparable<Grace> {
        final long deadlineMillis;
        final long sequence;
        final Member member;

        Grace(long deadlineMillis, long sequence, Member member) {
            this.deadlineMillis = deadlineMillis;
            this.sequence = sequence;
            this.member = member;
        }

        @Override
        public int compareTo(Grace other) {
            int byDeadline = Long.compare(deadlineMillis, other.deadlineMillis);
            return byDeadline != 0 ? byDeadline : Long.compare(sequence, other.sequence);
        }
    }
}
