package io.colachat.server.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Random interleavings of joins, refreshes, drops, tab closes, explicit leaves, timer firings,
 * restarts and time advances around the grace, checked step by step against a deliberately
 * naive reference model, and checked for the contract's promise: per chatter, the alerts the
 * caller would store alternate JOIN, LEAVE, JOIN, ... starting with JOIN.
 *
 * <p>A failure names its seed; rerun just that seed with {@code -Dpresence.seed=N}.
 */
class PresenceTrackerModelTest {

    static final long GRACE = 3_000;
    static final int SEEDS = 200;
    static final int OPERATIONS = 500;
    static final int CHATTERS = 10;
    static final int TABS = 3;
    /** Room 0 holds 5 chatters with room for 4, so FULL happens; room 1 never fills. */
    static final int[] CAPACITY = {4, 10};

    @Test
    void randomInterleavingsMatchTheReferenceModelAndAlertsAlternate() {
        Long only = Long.getLong("presence.seed");
        long first = only != null ? only : 1;
        long last = only != null ? only : SEEDS;
        for (long seed = first; seed <= last; seed++) {
            Simulation simulation = new Simulation(seed);
            try {
                simulation.run();
            } catch (AssertionError | RuntimeException failure) {
                throw new AssertionError("seed " + seed + " failed (rerun with -Dpresence.seed=" + seed
                        + "): " + failure.getMessage() + "\nlast operations:\n"
                        + String.join("\n", simulation.trace), failure);
            }
        }
    }

    /** One seeded run: a simulated caller driving the tracker and the reference side by side. */
    static final class Simulation {

        final Random random;
        final UUID[] rooms = {new UUID(1, 0), new UUID(1, 1)};
        final UUID[] chatters = new UUID[CHATTERS];
        /** tabs[c][k]: the socket id joined in chatter c's tab k, or null. */
        final String[][] tabs = new String[CHATTERS][TABS];
        /** Socket ids that joined once and are no longer joined: their late disconnects. */
        final List<String[]> retired = new ArrayList<>();
        final Map<UUID, List<String>> alerts = new TreeMap<>();
        /** Global position of each chatter's latest JOIN alert: the order a database would give. */
        final Map<UUID, Long> lastJoinAt = new TreeMap<>();
        final Deque<String> trace = new ArrayDeque<>();
        long alertSequence;
        int socketSequence;
        long now;
        PresenceTracker sut = new PresenceTracker(GRACE);
        final Reference reference = new Reference(GRACE);

        Simulation(long seed) {
            random = new Random(seed);
            now = random.nextInt(1_000_000);
            for (int c = 0; c < CHATTERS; c++) {
                chatters[c] = new UUID(2, c);
                alerts.put(chatters[c], new ArrayList<>());
            }
        }

        UUID roomOf(int c) {
            return rooms[c % 2];
        }

        void run() {
            for (int i = 0; i < OPERATIONS; i++) {
                step(i);
                compare();
            }
            now += GRACE;
            log("final advance and expire at " + now);
            expire();
            compare();
            for (int r = 0; r < rooms.length; r++) {
                Set<UUID> joined = new HashSet<>();
                for (int c = r; c < CHATTERS; c += 2) {
                    for (String socket : tabs[c]) {
                        if (socket != null) {
                            joined.add(chatters[c]);
                        }
                    }
                }
                assertThat(sut.present(rooms[r])).as("present after the grace, room %d", r)
                        .containsExactlyInAnyOrderElementsOf(joined);
            }
            for (int c = 0; c < CHATTERS; c++) {
                List<String> mine = alerts.get(chatters[c]);
                boolean lastIsJoin = !mine.isEmpty() && mine.get(mine.size() - 1).equals("JOIN");
                assertThat(sut.isPresent(roomOf(c), chatters[c])).as("present iff last alert is JOIN, chatter %d", c)
                        .isEqualTo(lastIsJoin);
                leave(c);
            }
            assertThat(sut.trackedRooms() + sut.trackedChatters() + sut.trackedSockets() + sut.pendingGraces())
                    .as("memory after everyone left").isZero();
        }

        void step(int i) {
            int dice = random.nextInt(100);
            int c = random.nextInt(CHATTERS);
            int k = random.nextInt(TABS);
            if (dice < 22) {
                join(c, k);
            } else if (dice < 36) {
                refresh(c, k);
            } else if (dice < 44) {
                for (int t = 0; t < TABS; t++) {
                    gone(c, t); // the network drops: every tab at once
                }
            } else if (dice < 54) {
                gone(c, k); // one tab closes
            } else if (dice < 61) {
                leave(c);
            } else if (dice < 65) {
                lateDisconnect();
            } else if (dice < 86) {
                advance();
            } else if (dice < 99) {
                log("expire at " + now);
                expire();
            } else {
                restart();
            }
        }

        void join(int c, int k) {
            boolean again = tabs[c][k] != null;
            String socket = again ? tabs[c][k] : "s" + socketSequence++;
            JoinOutcome actual = sut.join(roomOf(c), chatters[c], socket, CAPACITY[c % 2], now);
            log("join c" + c + " " + socket + (again ? " (again)" : "") + " -> " + actual);
            JoinOutcome expected = reference.join(roomOf(c), chatters[c], socket, CAPACITY[c % 2]);
            assertThat(actual).as("join outcome").isEqualTo(expected);
            if (again) {
                assertThat(actual).as("the same socket joining twice").isEqualTo(JoinOutcome.RESUMED);
            }
            if (actual == JoinOutcome.NEW) {
                alert(chatters[c], "JOIN");
            }
            if (actual.admitted()) {
                tabs[c][k] = socket;
            }
        }

        void refresh(int c, int k) {
            if (tabs[c][k] == null) {
                join(c, k);
                return;
            }
            gone(c, k);
            join(c, k);
        }

        void gone(int c, int k) {
            String socket = tabs[c][k];
            if (socket == null) {
                return;
            }
            OptionalLong actual = sut.socketGone(roomOf(c), chatters[c], socket, now);
            log("gone c" + c + " " + socket + " -> " + actual);
            assertThat(actual).as("grace deadline").isEqualTo(reference.gone(chatters[c], socket, now));
            tabs[c][k] = null;
            retired.add(new String[] {Integer.toString(c), socket});
        }

        void leave(int c) {
            LeaveOutcome actual = sut.leave(roomOf(c), chatters[c], now);
            log("leave c" + c + " -> " + actual);
            Set<String> joined = new LinkedHashSet<>();
            for (int k = 0; k < TABS; k++) {
                if (tabs[c][k] != null) {
                    joined.add(tabs[c][k]);
                    retired.add(new String[] {Integer.toString(c), tabs[c][k]});
                    tabs[c][k] = null;
                }
            }
            LeaveOutcome expected = reference.leave(chatters[c]);
            assertThat(actual.wasPresent()).as("leave: was present").isEqualTo(expected.wasPresent());
            assertThat(actual.detachedSockets()).as("leave: detached sockets")
                    .containsExactlyElementsOf(expected.detachedSockets())
                    .containsExactlyInAnyOrderElementsOf(joined);
            if (actual.wasPresent()) {
                alert(chatters[c], "LEAVE");
            }
        }

        /** A disconnect arriving for a socket already gone, or detached by a leave: a no-op. */
        void lateDisconnect() {
            if (retired.isEmpty()) {
                return;
            }
            String[] late = retired.get(random.nextInt(retired.size()));
            int c = Integer.parseInt(late[0]);
            OptionalLong actual = sut.socketGone(roomOf(c), chatters[c], late[1], now);
            log("late disconnect c" + c + " " + late[1] + " -> " + actual);
            assertThat(actual).as("late disconnect").isEmpty();
        }

        void advance() {
            long[] steps = {0, 1, GRACE - 1, GRACE, GRACE + 1, random.nextInt(100), random.nextInt((int) (2 * GRACE))};
            long step = steps[random.nextInt(steps.length)];
            now += step;
            log("advance " + step + " to " + now);
        }

        void expire() {
            List<Departure> actual = sut.expire(now);
            List<Departure> expected = reference.expire(now);
            assertThat(actual).as("departures").containsExactlyInAnyOrderElementsOf(expected);
            assertThat(actual).as("departures in deadline order")
                    .isSortedAccordingTo(Comparator.comparingLong(Departure::deadlineMillis));
            for (Departure departure : actual) {
                assertThat(departure.deadlineMillis()).isLessThanOrEqualTo(now);
                alert(departure.chatterId(), "LEAVE");
            }
        }

        /**
         * The process dies: its sockets die with it. The new process restores every chatter whose
         * last stored alert is a JOIN, in the order of those alerts.
         */
        void restart() {
            log("restart at " + now);
            for (int c = 0; c < CHATTERS; c++) {
                for (int k = 0; k < TABS; k++) {
                    if (tabs[c][k] != null) {
                        retired.add(new String[] {Integer.toString(c), tabs[c][k]});
                        tabs[c][k] = null;
                    }
                }
            }
            List<UUID> stillJoined = alerts.entrySet().stream()
                    .filter(e -> !e.getValue().isEmpty() && e.getValue().get(e.getValue().size() - 1).equals("JOIN"))
                    .map(Map.Entry::getKey)
                    .sorted(Comparator.comparing(lastJoinAt::get))
                    .collect(Collectors.toList());
            sut = new PresenceTracker(GRACE);
            reference.restart(now);
            for (UUID chatter : stillJoined) {
                int c = (int) chatter.getLeastSignificantBits();
                assertThat(sut.restore(roomOf(c), chatter, now)).hasValue(now + GRACE);
            }
        }

        void alert(UUID chatter, String kind) {
            List<String> mine = alerts.get(chatter);
            String expected = mine.isEmpty() || mine.get(mine.size() - 1).equals("LEAVE") ? "JOIN" : "LEAVE";
            assertThat(kind).as("alert %d for chatter %s after %s", mine.size(), chatter, mine).isEqualTo(expected);
            mine.add(kind);
            if (kind.equals("JOIN")) {
                lastJoinAt.put(chatter, alertSequence);
            }
            alertSequence++;
        }

        void compare() {
            sut.checkInvariants();
            int joinedSockets = 0;
            for (int c = 0; c < CHATTERS; c++) {
                assertThat(sut.sockets(roomOf(c), chatters[c])).as("sockets of c%d", c)
                        .containsExactlyElementsOf(reference.sockets(chatters[c]));
                for (String socket : tabs[c]) {
                    joinedSockets += socket == null ? 0 : 1;
                }
            }
            for (UUID room : rooms) {
                assertThat(sut.present(room)).as("present").containsExactlyElementsOf(reference.present(room));
                assertThat(sut.presentCount(room)).isEqualTo(reference.present(room).size());
            }
            assertThat(sut.nextDeadline()).as("next deadline").isEqualTo(reference.nextDeadline());
            assertThat(sut.trackedSockets()).as("sockets in memory").isEqualTo(joinedSockets);
            assertThat(sut.pendingGraces()).as("timer entries bounded by chatters").isLessThanOrEqualTo(CHATTERS);
        }

        void log(String line) {
            if (trace.size() == 40) {
                trace.removeFirst();
            }
            trace.addLast(line);
        }
    }

    /**
     * The rules of section 6 written as plainly as possible: a flat record per chatter, linear
     * scans, no indexes, no timer queue.
     */
    static final class Reference {

        static final class State {
            UUID room;
            boolean present;
            final Set<String> sockets = new LinkedHashSet<>();
            Long deadline;
            long order;
        }

        final long grace;
        final Map<UUID, State> chatters = new TreeMap<>();
        long orderSequence;

        Reference(long grace) {
            this.grace = grace;
        }

        State state(UUID chatter) {
            return chatters.computeIfAbsent(chatter, id -> new State());
        }

        JoinOutcome join(UUID room, UUID chatter, String socket, int capacity) {
            State s = state(chatter);
            s.room = room;
            if (s.present) {
                s.sockets.add(socket);
                s.deadline = null;
                return JoinOutcome.RESUMED;
            }
            if (present(room).size() >= capacity) {
                return JoinOutcome.FULL;
            }
            s.present = true;
            s.order = orderSequence++;
            s.sockets.add(socket);
            return JoinOutcome.NEW;
        }

        OptionalLong gone(UUID chatter, String socket, long now) {
            State s = state(chatter);
            if (!s.sockets.remove(socket)) {
                return OptionalLong.empty();
            }
            if (!s.sockets.isEmpty()) {
                return OptionalLong.empty();
            }
            s.deadline = now + grace;
            return OptionalLong.of(s.deadline);
        }

        LeaveOutcome leave(UUID chatter) {
            State s = state(chatter);
            if (!s.present) {
                return LeaveOutcome.NOT_PRESENT;
            }
            LeaveOutcome outcome = new LeaveOutcome(true, new LinkedHashSet<>(s.sockets));
            s.present = false;
            s.sockets.clear();
            s.deadline = null;
            return outcome;
        }

        List<Departure> expire(long now) {
            List<Departure> departures = new ArrayList<>();
            for (Map.Entry<UUID, State> e : chatters.entrySet()) {
                State s = e.getValue();
                if (s.deadline != null && s.deadline <= now) {
                    departures.add(new Departure(s.room, e.getKey(), s.deadline));
                    s.present = false;
                    s.deadline = null;
                }
            }
            return departures;
        }

        /** Every socket died; every present chatter is in a fresh grace, keeping its place. */
        void restart(long now) {
            for (State s : chatters.values()) {
                s.sockets.clear();
                s.deadline = s.present ? now + grace : null;
            }
        }

        List<UUID> present(UUID room) {
            return chatters.entrySet().stream()
                    .filter(e -> e.getValue().present && Objects.equals(e.getValue().room, room))
                    .sorted(Comparator.comparingLong(e -> e.getValue().order))
                    .map(Map.Entry::getKey)
                    .collect(Collectors.toList());
        }

        List<String> sockets(UUID chatter) {
            State s = chatters.get(chatter);
            return s == null ? List.of() : new ArrayList<>(s.sockets);
        }

        OptionalLong nextDeadline() {
            return chatters.values().stream()
                    .filter(s -> s.deadline != null)
                    .mapToLong(s -> s.deadline)
                    .min();
        }
    }
}
