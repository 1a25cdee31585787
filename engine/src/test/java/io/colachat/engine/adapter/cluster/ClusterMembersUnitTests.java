package io.colachat.engine.adapter.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Peer bookkeeping on a fake clock. */
class ClusterMembersUnitTests {

    private final ClusterMembers sut = new ClusterMembers();

    @Test
    void shouldReportANodeAsNewOnlyOnItsFirstMessage() {
        assertThat(sut.seen("a", 0)).isTrue();
        assertThat(sut.seen("a", 10)).isFalse();
        assertThat(sut.snapshot()).containsExactly("a");
    }

    @Test
    void shouldExpireOnlyNodesSilentForLongerThanTheTimeout() {
        sut.seen("a", 0);
        sut.seen("b", 50);

        assertThat(sut.expire(100, 100)).isEmpty();
        assertThat(sut.expire(101, 100)).containsExactly("a");
        assertThat(sut.snapshot()).containsExactly("b");
        assertThat(sut.seen("a", 102)).as("a node heard from again is new again").isTrue();
    }

    @Test
    void shouldForgetAClosedNodeOnce() {
        sut.seen("a", 0);
        assertThat(sut.remove("a")).isTrue();
        assertThat(sut.remove("a")).isFalse();
        assertThat(sut.snapshot()).isEmpty();
    }
}
