package io.colachat.engine.adapter.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.colachat.engine.adapter.AdapterFactory;
import io.colachat.engine.adapter.BroadcastOptions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The cluster adapter's contract on three servers sharing an in-process bus, plus injected bus faults. */
class InProcessBusClusterTests extends ClusterAdapterContract {

    private final InProcessBus bus = new InProcessBus();

    @Override
    protected AdapterFactory adapterFactory(int node, ClusterAdapterOptions options) {
        return bus.factory(options);
    }

    @Override
    protected void closeCluster() {
        bus.close();
    }

    @Test
    void aRefusedPublishIsCountedAndReportedWhileLocalMembersStillReceive() throws Exception {
        Member local = connect(0, "/");
        Member remote = connect(1, "/");
        local.join("room");
        remote.join("room");
        ClusterAdapter adapter = cluster(servers.get(0).sockets());
        BlockingQueue<MessageType> failed = new LinkedBlockingQueue<>();
        adapter.addClusterListener(new ClusterListener() {
            @Override
            public void publishFailed(String namespace, MessageType type, Throwable cause) {
                failed.add(type);
            }
        });
        long before = adapter.publishFailures();

        bus.refusePublishes(true);
        servers.get(0).to("room").emit("news", "during-outage");

        assertThat(local.next("news")[0]).isEqualTo("during-outage");
        assertThat(failed.poll(5, TimeUnit.SECONDS)).isEqualTo(MessageType.BROADCAST);
        assertThat(adapter.publishFailures()).isEqualTo(before + 1);

        bus.refusePublishes(false);
        servers.get(0).to("room").emit("news", "after");
        // The first broadcast to arrive is the one after the outage: the failed one is gone, not late.
        assertThat(remote.next("news")[0]).isEqualTo("after");
    }

    @Test
    void aRequestToADeafNodeTimesOutNamingIt() throws Exception {
        connect(2, "/");
        ClusterAdapter asker = cluster(servers.get(0).sockets());
        bus.setDeaf(nodeIds.get(2), true);

        CompletableFuture<Long> count = asker.countSockets(BroadcastOptions.ALL, Duration.ofMillis(300));

        assertThatThrownBy(() -> count.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(ClusterTimeoutException.class)
                .hasMessageContaining("COUNT_SOCKETS")
                .hasMessageContaining("no answer from 1 of 2 nodes")
                .satisfies(e -> assertThat(((ClusterTimeoutException) e).missingNodes()).containsExactly(nodeIds.get(2)));
    }

    @Test
    void aPendingRequestStopsWaitingForAPeerThatFallsSilent() throws Exception {
        connect(1, "/");
        connect(2, "/");
        ClusterAdapter asker = cluster(servers.get(0).sockets());
        BlockingQueue<String> down = new LinkedBlockingQueue<>();
        asker.addClusterListener(new ClusterListener() {
            @Override
            public void nodeDown(String namespace, String nodeId) {
                down.add(nodeId);
            }
        });
        bus.setMute(nodeIds.get(2), true);

        CompletableFuture<Long> count = asker.countSockets(BroadcastOptions.ALL, Duration.ofSeconds(30));

        assertThat(count.get(10, TimeUnit.SECONDS)).isEqualTo(1L);
        assertThat(down.poll(1, TimeUnit.SECONDS)).isEqualTo(nodeIds.get(2));
        assertThat(asker.peers()).containsExactly(nodeIds.get(1));

        bus.setMute(nodeIds.get(2), false);
        await().atMost(WAIT).until(() -> asker.peers().size() == 2);
        assertThat(asker.countSockets(BroadcastOptions.ALL).get(10, TimeUnit.SECONDS)).isEqualTo(2L);
    }

    @Test
    void closingAnAdapterFailsItsPendingRequests() {
        ClusterAdapter asker = cluster(servers.get(0).sockets());
        bus.setDeaf(nodeIds.get(1), true);
        CompletableFuture<List<ClusterSocket>> pending =
                asker.fetchSockets(new BroadcastOptions(Set.of("x"), Set.of(), false, false), Duration.ofSeconds(30));

        asker.close();

        assertThatThrownBy(() -> pending.get(5, TimeUnit.SECONDS))
                .cause()
                .isInstanceOf(ClusterException.class)
                .hasMessageContaining("abandoned: the adapter closed");
    }

    @Test
    void garbageOnTheBusIsDroppedAndCounted() throws Exception {
        Member m = connect(1, "/");
        InProcessBus.BusAdapter target = (InProcessBus.BusAdapter) cluster(servers.get(1).sockets());
        long before = target.droppedMessages();

        target.receive(new byte[] {1, 3, 0});
        target.receive(new byte[] {42});

        assertThat(target.droppedMessages()).isEqualTo(before + 2);
        servers.get(0).emit("news", "still-fine");
        assertThat(m.next("news")[0]).isEqualTo("still-fine");
    }
}
