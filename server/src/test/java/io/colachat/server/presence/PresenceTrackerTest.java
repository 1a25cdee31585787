package io.colachat.server.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The rules of the protocol's section 6, one test each, on the pure tracker driven by a fake
 * clock (a plain {@code long} the test advances). Grouped by feature.
 */
class PresenceTrackerTest {

    static final long GRACE = 3_000;
    static final int ROOMY = 100;

    final UUID room = UUID.randomUUID();
    final UUID otherRoom = UUID.randomUUID();
    final UUID otter = UUID.randomUUID();
    final UUID fox = UUID.randomUUID();
    final UUID owl = UUID.randomUUID();

    PresenceTracker sut = new PresenceTracker(GRACE);
    long now = 1_000_000;

    void advance(long millis) {
        now += millis;
    }

    JoinOutcome join(UUID chatter, String socket) {
        return join(room, chatter, socket, ROOMY);
    }

    JoinOutcome join(UUID inRoom, UUID chatter, String socket, int capacity) {
        return sut.join(inRoom, chatter, socket, capacity, now);
    }

    @AfterEach
    void invariantsHold() {
        sut.checkInvariants();
    }

    void assertNothingInMemory() {
        assertThat(sut.trackedRooms()).isZero();
        assertThat(sut.trackedChatters()).isZero();
        assertThat(sut.trackedSockets()).isZero();
        assertThat(sut.pendingGraces()).isZero();
        assertThat(sut.nextDeadline()).isEmpty();
    }

    @Nested
    class Joining {

        @Test
        void firstJoinOfAChatterIsNew() {
            assertThat(join(otter, "s1")).isEqualTo(JoinOutcome.NEW);

            assertThat(sut.isPresent(room, otter)).isTrue();
            assertThat(sut.sockets(room, otter)).containsExactly("s1");
            assertThat(sut.presentCount(room)).isEqualTo(1);
        }

        @Test
        void secondTabOfAPresentChatterIsResumedWithNoAlert() {
            join(otter, "s1");

            assertThat(join(otter, "s2")).isEqualTo(JoinOutcome.RESUMED);
            assertThat(sut.sockets(room, otter)).containsExactly("s1", "s2");
            assertThat(sut.presentCount(room)).isEqualTo(1);
        }

        @Test
        void sameSocketJoiningTwiceIsResumedAndChangesNothing() {
            join(otter, "s1");

            assertThat(join(otter, "s1")).isEqualTo(JoinOutcome.RESUMED);
            assertThat(sut.sockets(room, otter)).containsExactly("s1");
            assertThat(sut.trackedSockets()).isEqualTo(1);
        }

        @Test
        void presentListsChattersInFirstJoinOrderAndAResumeKeepsItsPlace() {
            join(otter, "s1");
            join(fox, "s2");
            join(owl, "s3");
            sut.socketGone(room, otter, "s1", now);
            join(otter, "s4");

            assertThat(sut.present(room)).containsExactly(otter, fox, owl);

            sut.leave(room, otter, now);
            join(otter, "s5");
            assertThat(sut.present(room)).containsExactly(fox, owl, otter);
        }

        @Test
        void snapshotsDoNotChangeWithTheTrackerAndCannotBeModified() {
            join(otter, "s1");
            var present = sut.present(room);
            var sockets = sut.sockets(room, otter);

            join(fox, "s2");
            join(otter, "s3");

            assertThat(present).containsExactly(otter);
            assertThat(sockets).containsExactly("s1");
            assertThatThrownBy(() -> present.add(fox)).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void unknownRoomsAndChattersAreEmptyNotNull() {
            assertThat(sut.present(room)).isEmpty();
            assertThat(sut.presentCount(room)).isZero();
            assertThat(sut.sockets(room, otter)).isEmpty();
            assertThat(sut.isPresent(room, otter)).isFalse();
        }
    }

    @Nested
    class Grace {

        @Test
        void lastSocketGoneStartsTheGraceAndNothingIsAnnouncedAtOnce() {
            join(otter, "s1");

            assertThat(sut.socketGone(room, otter, "s1", now)).hasValue(now + GRACE);
            assertThat(sut.expire(now)).isEmpty();
            assertThat(sut.isPresent(room, otter)).isTrue();
            assertThat(sut.sockets(room, otter)).isEmpty();
            assertThat(sut.nextDeadline()).hasValue(now + GRACE);
        }

        @Test
        void closingOneOfTwoTabsStartsNoGrace() {
            join(otter, "s1");
            join(otter, "s2");

            assertThat(sut.socketGone(room, otter, "s1", now)).isEmpty();
            assertThat(sut.nextDeadline()).isEmpty();
            assertThat(sut.sockets(room, otter)).containsExactly("s2");
        }

        @Test
        void pageRefreshWithinTheGraceIsResumedWithNoAlert() {
            join(otter, "s1");
            sut.socketGone(room, otter, "s1", now);
            advance(400);

            assertThat(join(otter, "s2")).isEqualTo(JoinOutcome.RESUMED);
            advance(10 * GRACE);
            assertThat(sut.expire(now)).isEmpty();
            assertThat(sut.isPresent(room, otter)).isTrue();
        }

        @Test
        void lastSocketGoneThenTheGracePassesGivesExactlyOneDeparture() {
            join(otter, "s1");
            long deadline = sut.socketGone(room, otter, "s1", now).getAsLong();
            advance(GRACE);

            assertThat(sut.expire(now)).containsExactly(new Departure(room, otter, deadline));
            assertThat(sut.isPresent(room, otter)).isFalse();
            advance(GRACE);
            assertThat(sut.expire(now)).isEmpty();
            assertNothingInMemory();
        }

        @Test
        void expireBeforeTheDeadlineReturnsNothing() {
            join(otter, "s1");
            sut.socketGone(room, otter, "s1", now);
            advance(GRACE - 1);

            assertThat(sut.expire(now)).isEmpty();
            assertThat(sut.isPresent(room, otter)).isTrue();
        }

        @Test
        void rejoinOneMillisecondBeforeTheGraceEndsIsResumedAndNothingExpiresLater() {
            join(otter, "s1");
            sut.socketGone(room, otter, "s1", now);
            advance(GRACE - 1);
            sut.expire(now);

            assertThat(join(otter, "s2")).isEqualTo(JoinOutcome.RESUMED);
            advance(1);
            assertThat(sut.expire(now)).isEmpty();
            advance(10 * GRACE);
            assertThat(sut.expire(now)).isEmpty();
            assertThat(sut.present(room)).containsExactly(otter);
        }

        @Test
        void joinAtExactlyTheDeadlineAfterExpireRanIsNew() {
            join(otter, "s1");
            sut.socketGone(room, otter, "s1", now);
            advance(GRACE);

            assertThat(sut.expire(now)).hasSize(1);
            assertThat(join(otter, "s2")).isEqualTo(JoinOutcome.NEW);
        }

        @Test
        void joinAtExactlyTheDeadlineBeforeExpireRanIsResumedAndNothingDeparts() {
            join(otter, "s1");
            sut.socketGone(room, otter, "s1", now);
            advance(GRACE);

            assertThat(join(otter, "s2")).isEqualTo(JoinOutcome.RESUMED);
            assertThat(sut.expire(now)).isEmpty();
        }

        @Test
        void departuresComeInDeadlineOrderAndTiesInTheOrderTheGracesStarted() {
            join(otter, "s1");
            join(fox, "s2");
            join(owl, "s3");
            sut.socketGone(room, owl, "s3", now);
            advance(100);
            sut.socketGone(room, fox, "s2", now);
            sut.socketGone(room, otter, "s1", now);
            advance(GRACE);

            assertThat(sut.expire(now)).extracting(Departure::chatterId).containsExactly(owl, fox, otter);
        }

        @Test
        void expireReturnsOnlyWhatIsDue() {
            join(otter, "s1");
            join(fox, "s2");
            sut.socketGone(room, otter, "s1", now);
            advance(1_000);
            sut.socketGone(room, fox, "s2", now);
            advance(GRACE - 1_000);

            assertThat(sut.expire(now)).extracting(Departure::chatterId).containsExactly(otter);
            assertThat(sut.isPresent(room, fox)).isTrue();
            assertThat(sut.nextDeadline()).hasValue(now + 1_000);
        }

        @Test
        void aZeroGraceMakesADropALeaveAtTheNextExpire() {
            sut = new PresenceTracker(0);
            join(otter, "s1");

            assertThat(sut.socketGone(room, otter, "s1", now)).hasValue(now);
            assertThat(sut.expire(now)).containsExactly(new Departure(room, otter, now));
        }
    }

    @Nested
    class ExplicitLeave {

        @Test
        void explicitLeaveIsImmediateAndExpireReturnsNothingLater() {
            join(otter, "s1");

            assertThat(sut.leave(room, otter, now).wasPresent()).isTrue();
            assertThat(sut.isPresent(room, otter)).isFalse();
            advance(10 * GRACE);
            assertThat(sut.expire(now)).isEmpty();
            assertNothingInMemory();
        }

        @Test
        void leaveDetachesTheOtherTabsAndReturnsThemInJoinOrder() {
            join(otter, "s1");
            join(otter, "s2");
            join(otter, "s3");

            LeaveOutcome outcome = sut.leave(room, otter, now);

            assertThat(outcome.detachedSockets()).containsExactly("s1", "s2", "s3");
            assertThat(sut.trackedSockets()).isZero();
        }

        @Test
        void leaveDuringTheGraceIsTheOnlyLeaveAndCancelsTheGrace() {
            join(otter, "s1");
            sut.socketGone(room, otter, "s1", now);
            advance(GRACE / 2);

            LeaveOutcome outcome = sut.leave(room, otter, now);

            assertThat(outcome.wasPresent()).isTrue();
            assertThat(outcome.detachedSockets()).isEmpty();
            assertThat(sut.nextDeadline()).isEmpty();
            advance(GRACE);
            assertThat(sut.expire(now)).isEmpty();
        }

        @Test
        void leaveWhenNotPresentIsFalse() {
            assertThat(sut.leave(room, otter, now)).isEqualTo(LeaveOutcome.NOT_PRESENT);

            join(otter, "s1");
            sut.leave(room, otter, now);
            assertThat(sut.leave(room, otter, now).wasPresent()).isFalse();
        }

        @Test
        void socketGoneForASocketDetachedByLeaveIsANoOp() {
            join(otter, "s1");
            join(otter, "s2");
            sut.leave(room, otter, now);

            assertThat(sut.socketGone(room, otter, "s1", now)).isEmpty();
            assertThat(sut.socketGone(room, otter, "s2", now)).isEmpty();
            assertThat(sut.isPresent(room, otter)).isFalse();
            assertNothingInMemory();
        }

        @Test
        void joiningAgainAfterALeaveIsNew() {
            join(otter, "s1");
            sut.leave(room, otter, now);

            assertThat(join(otter, "s1")).isEqualTo(JoinOutcome.NEW);
        }
    }

    @Nested
    class Capacity {

        @Test
        void fullWhenThePresentOthersEqualTheCapacityAndNothingChanges() {
            join(room, otter, "s1", 2);
            join(room, fox, "s2", 2);

            assertThat(join(room, owl, "s3", 2)).isEqualTo(JoinOutcome.FULL);
            assertThat(sut.isPresent(room, owl)).isFalse();
            assertThat(sut.trackedSockets()).isEqualTo(2);
            assertThat(sut.present(room)).containsExactly(otter, fox);
        }

        @Test
        void notFullWhileTheOthersAreBelowTheCapacity() {
            join(room, otter, "s1", 2);

            assertThat(join(room, fox, "s2", 2)).isEqualTo(JoinOutcome.NEW);
        }

        @Test
        void aResumingChatterIsNeverFull() {
            join(room, otter, "s1", 2);
            join(room, fox, "s2", 2);
            sut.socketGone(room, otter, "s1", now);

            assertThat(join(room, otter, "s3", 2)).isEqualTo(JoinOutcome.RESUMED);
            assertThat(join(room, fox, "s4", 2)).isEqualTo(JoinOutcome.RESUMED);
            assertThat(join(room, fox, "s5", 1)).isEqualTo(JoinOutcome.RESUMED);
        }

        @Test
        void chattersInGraceCountTowardTheCapacity() {
            join(room, otter, "s1", 2);
            join(room, fox, "s2", 2);
            sut.socketGone(room, otter, "s1", now);
            sut.socketGone(room, fox, "s2", now);

            assertThat(join(room, owl, "s3", 2)).isEqualTo(JoinOutcome.FULL);
        }

        @Test
        void aSeatFreedByAnExpiredGraceCanBeTaken() {
            join(room, otter, "s1", 2);
            join(room, fox, "s2", 2);
            sut.socketGone(room, otter, "s1", now);
            advance(GRACE);
            sut.expire(now);

            assertThat(join(room, owl, "s3", 2)).isEqualTo(JoinOutcome.NEW);
        }

        @Test
        void capacityIsPerRoom() {
            join(room, otter, "s1", 1);

            assertThat(join(otherRoom, fox, "s2", 1)).isEqualTo(JoinOutcome.NEW);
        }

        @Test
        void aNegativeCapacityIsRefused() {
            assertThatThrownBy(() -> join(room, otter, "s1", -1)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Restart {

        @Test
        void aRestoredChatterThatNeverJoinsDepartsOnceAfterTheGrace() {
            assertThat(sut.restore(room, otter, now)).hasValue(now + GRACE);
            assertThat(sut.isPresent(room, otter)).isTrue();
            assertThat(sut.expire(now + GRACE - 1)).isEmpty();
            advance(GRACE);

            assertThat(sut.expire(now)).containsExactly(new Departure(room, otter, now));
            advance(GRACE);
            assertThat(sut.expire(now)).isEmpty();
            assertNothingInMemory();
        }

        @Test
        void aRestoredChatterThatJoinsWithinTheGraceIsResumed() {
            sut.restore(room, otter, now);
            advance(GRACE - 1);

            assertThat(join(otter, "s1")).isEqualTo(JoinOutcome.RESUMED);
            advance(10 * GRACE);
            assertThat(sut.expire(now)).isEmpty();
        }

        @Test
        void restoringAPresentChatterChangesNothing() {
            join(otter, "s1");

            assertThat(sut.restore(room, otter, now)).isEmpty();
            assertThat(sut.sockets(room, otter)).containsExactly("s1");
            assertThat(sut.nextDeadline()).isEmpty();
        }

        @Test
        void restoreIgnoresTheCapacityButTheRestoredCountTowardIt() {
            sut.restore(room, otter, now);
            sut.restore(room, fox, now);
            sut.restore(room, owl, now);

            assertThat(sut.presentCount(room)).isEqualTo(3);
            assertThat(join(room, UUID.randomUUID(), "s1", 3)).isEqualTo(JoinOutcome.FULL);
            assertThat(join(room, fox, "s2", 2)).isEqualTo(JoinOutcome.RESUMED);
        }
    }

    @Nested
    class Hazards {

        @Test
        void aSocketJoiningASecondRoomIsRefusedAndTheStateIsUntouched() {
            join(otter, "s1");

            assertThatThrownBy(() -> join(otherRoom, otter, "s1", ROOMY))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("s1");
            assertThat(sut.present(otherRoom)).isEmpty();
            assertThat(sut.trackedRooms()).isEqualTo(1);
            assertThat(sut.sockets(room, otter)).containsExactly("s1");
        }

        @Test
        void aSocketJoiningAsAnotherChatterIsRefused() {
            join(otter, "s1");

            assertThatThrownBy(() -> join(fox, "s1")).isInstanceOf(IllegalStateException.class);
            assertThat(sut.isPresent(room, fox)).isFalse();
        }

        @Test
        void aSocketMayJoinAgainOnceItsChatterLeft() {
            join(otter, "s1");
            sut.leave(room, otter, now);

            assertThat(join(otherRoom, fox, "s1", ROOMY)).isEqualTo(JoinOutcome.NEW);
        }

        @Test
        void socketGoneNamingTheWrongRoomIsRefusedAndTheStateIsUntouched() {
            join(otter, "s1");

            assertThatThrownBy(() -> sut.socketGone(otherRoom, otter, "s1", now))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(sut.sockets(room, otter)).containsExactly("s1");
        }

        @Test
        void socketGoneForAnUnknownOrAlreadyGoneSocketIsANoOp() {
            assertThat(sut.socketGone(room, otter, "never", now)).isEmpty();

            join(otter, "s1");
            sut.socketGone(room, otter, "s1", now);
            long deadline = sut.nextDeadline().getAsLong();
            advance(1_000);

            assertThat(sut.socketGone(room, otter, "s1", now)).isEmpty();
            assertThat(sut.nextDeadline()).hasValue(deadline);
        }

        @Test
        void aNegativeGraceIsRefused() {
            assertThatThrownBy(() -> new PresenceTracker(-1)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Timers {

        @Test
        void nextDeadlineIsTheEarliestPendingGrace() {
            assertThat(sut.nextDeadline()).isEmpty();
            join(otter, "s1");
            join(fox, "s2");
            sut.socketGone(room, fox, "s2", now);
            long first = now + GRACE;
            advance(500);
            sut.socketGone(room, otter, "s1", now);

            assertThat(sut.nextDeadline()).hasValue(first);
        }

        @Test
        void nextDeadlineForgetsACancelledGrace() {
            join(otter, "s1");
            join(fox, "s2");
            sut.socketGone(room, otter, "s1", now);
            advance(500);
            sut.socketGone(room, fox, "s2", now);
            long foxDeadline = now + GRACE;

            join(otter, "s3");
            assertThat(sut.nextDeadline()).hasValue(foxDeadline);
            sut.leave(room, fox, now);
            assertThat(sut.nextDeadline()).isEmpty();
        }

        @Test
        void aFloodOfRefreshesKeepsOneTimerEntry() {
            join(otter, "s0");
            for (int i = 1; i <= 100_000; i++) {
                sut.socketGone(room, otter, "s" + (i - 1), now);
                advance(1);
                assertThat(join(otter, "s" + i)).isEqualTo(JoinOutcome.RESUMED);
                assertThat(sut.pendingGraces()).isZero();
            }
            sut.socketGone(room, otter, "s100000", now);

            assertThat(sut.pendingGraces()).isEqualTo(1);
            assertThat(sut.nextDeadline()).hasValue(now + GRACE);
        }
    }

    @Nested
    class Memory {

        @Test
        void nothingStaysInMemoryOnceEveryoneHasLeftByEveryRoute() {
            join(otter, "s1");
            join(otter, "s2");
            join(fox, "s3");
            join(otherRoom, owl, "s4", ROOMY);
            UUID restored = UUID.randomUUID();
            sut.restore(otherRoom, restored, now);

            sut.leave(room, otter, now);
            sut.socketGone(room, fox, "s3", now);
            sut.socketGone(otherRoom, owl, "s4", now);
            advance(GRACE);
            List<Departure> departures = new ArrayList<>(sut.expire(now));

            assertThat(departures).extracting(Departure::chatterId).containsExactly(restored, fox, owl);
            assertNothingInMemory();
        }

        @Test
        void removeRoomReturnsItsChattersAndForgetsTheirSocketsAndGraces() {
            join(otter, "s1");
            join(fox, "s2");
            sut.socketGone(room, fox, "s2", now);
            join(otherRoom, owl, "s3", ROOMY);

            assertThat(sut.removeRoom(room)).containsExactly(otter, fox);
            assertThat(sut.nextDeadline()).isEmpty();
            assertThat(sut.socketGone(room, otter, "s1", now)).isEmpty();
            assertThat(sut.present(otherRoom)).containsExactly(owl);
            advance(GRACE);
            assertThat(sut.expire(now)).isEmpty();

            assertThat(sut.removeRoom(otherRoom)).containsExactly(owl);
            assertThat(sut.removeRoom(otherRoom)).isEmpty();
            assertNothingInMemory();
        }
    }
}
