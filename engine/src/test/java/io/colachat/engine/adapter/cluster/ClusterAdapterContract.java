package io.colachat.engine.adapter.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.colachat.engine.Namespace;
import io.colachat.engine.SocketIoConfig;
import io.colachat.engine.SocketIoServer;
import io.colachat.engine.adapter.AdapterFactory;
import io.colachat.engine.adapter.BroadcastOptions;
import io.colachat.engine.eio.EioMessage;
import io.colachat.engine.eio.EngineConfig;
import io.colachat.engine.eio.OriginPolicy;
import io.socket.client.IO;
import io.socket.engineio.client.transports.WebSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every cluster adapter must do, whatever its bus: three real {@link SocketIoServer}s on
 * loopback, one adapter factory each, and official Java clients spread over them. A transport's
 * test extends this class and supplies {@link #adapterFactory}; the in-process bus and Redis
 * both run it.
 */
public abstract class ClusterAdapterContract {

    protected static final int NODES = 3;
    protected static final Duration WAIT = Duration.ofSeconds(15);
    private static final List<String> EVENTS = List.of("news", "marker", "bin", "said");

    protected final List<SocketIoServer> servers = new ArrayList<>();
    protected final List<String> nodeIds = new ArrayList<>();
    private final List<io.socket.client.Socket> clients = Collections.synchronizedList(new ArrayList<>());

    /** The adapter factory of node {@code node} (0 to 2) in a fresh cluster. */
    protected abstract AdapterFactory adapterFactory(int node, ClusterAdapterOptions options);

    /** Waits until an adapter made by {@link #adapterFactory} can receive (its subscription is in place). */
    protected void awaitReady(ClusterAdapter adapter) {
    }

    /** Releases what {@link #adapterFactory} made, after the servers closed. */
    protected void closeCluster() {
    }

    @BeforeEach
    void startCluster() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < NODES; i++) {
            ClusterAdapterOptions options = ClusterAdapterOptions.builder()
                    .nodeId("node-" + i + "-" + run)
                    .heartbeatInterval(Duration.ofMillis(500))
                    .heartbeatTimeout(Duration.ofMillis(1500))
                    .requestTimeout(Duration.ofSeconds(5))
                    .build();
            nodeIds.add(options.nodeId());
            SocketIoServer io = SocketIoServer.create(SocketIoConfig.builder()
                    .engine(EngineConfig.builder().originPolicy(OriginPolicy.any()).build())
                    .adapterFactory(adapterFactory(i, options))
                    .build());
            io.onConnection(socket -> socket.on("say", (args, ack) -> {
                socket.to(args.get(0).asText()).emit("said", args.get(1));
                ack.send("ok");
            }));
            io.of("/other");
            servers.add(io.listen("127.0.0.1", 0, null));
        }
        for (String nsp : List.of("/", "/other")) {
            List<ClusterAdapter> adapters = servers.stream().map(s -> cluster(s.of(nsp))).toList();
            adapters.forEach(this::awaitReady);
            awaitPeers(adapters);
        }
    }

    @AfterEach
    void stopCluster() {
        clients.forEach(io.socket.client.Socket::close);
        servers.forEach(SocketIoServer::close);
        closeCluster();
    }

    // ---------------------------------------------------------------- broadcasting

    @Test
    void aRoomBroadcastFromAnyNodeReachesEveryMemberExactlyOnce() throws Exception {
        List<Member> members = new ArrayList<>();
        List<Member> outsiders = new ArrayList<>();
        for (int node = 0; node < NODES; node++) {
            members.add(connect(node, "/"));
            outsiders.add(connect(node, "/"));
        }
        members.forEach(m -> m.join("room"));

        for (int from = 0; from < NODES; from++) {
            servers.get(from).to("room").emit("news", "from-" + from);
        }
        emitMarkersFromEveryNode();

        for (Member m : members) {
            m.awaitMarkers(NODES);
            assertThat(m.payloads("news")).containsExactlyInAnyOrder("from-0", "from-1", "from-2");
        }
        for (Member m : outsiders) {
            m.awaitMarkers(NODES);
            assertThat(m.payloads("news")).isEmpty();
        }
    }

    @Test
    void oneNodesBroadcastsArriveInTheOrderTheyWereMade() throws Exception {
        List<Member> members = List.of(connect(1, "/"), connect(2, "/"));
        members.forEach(m -> m.join("room"));
        for (int i = 0; i < 200; i++) {
            servers.get(0).to("room").emit("news", Integer.toString(i));
        }
        emitMarkersFromEveryNode();
        List<String> expected = java.util.stream.IntStream.range(0, 200).mapToObj(Integer::toString).toList();
        for (Member m : members) {
            m.awaitMarkers(NODES);
            assertThat(m.payloads("news")).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void exceptLeavesOutSocketsOnOtherNodes() throws Exception {
        Member a = connect(0, "/");
        Member b = connect(1, "/");
        Member c = connect(2, "/");
        List.of(a, b, c).forEach(m -> m.join("room"));
        c.join("muted");

        servers.get(0).to("room").except(b.id, "muted").emit("news", "x");
        emitMarkersFromEveryNode();

        for (Member m : List.of(a, b, c)) {
            m.awaitMarkers(NODES);
        }
        assertThat(a.payloads("news")).containsExactly("x");
        assertThat(b.payloads("news")).isEmpty();
        assertThat(c.payloads("news")).isEmpty();
    }

    @Test
    void aLocalBroadcastStaysOnItsNode() throws Exception {
        List<Member> members = List.of(connect(0, "/"), connect(1, "/"), connect(2, "/"));
        members.forEach(m -> m.join("room"));

        servers.get(1).to("room").local().emit("news", "local");
        emitMarkersFromEveryNode();

        for (Member m : members) {
            m.awaitMarkers(NODES);
        }
        assertThat(members.get(0).payloads("news")).isEmpty();
        assertThat(members.get(1).payloads("news")).containsExactly("local");
        assertThat(members.get(2).payloads("news")).isEmpty();
    }

    @Test
    void aSocketsBroadcastReachesTheOthersOnEveryNodeButNotItself() throws Exception {
        Member sender = connect(0, "/");
        Member b = connect(1, "/");
        Member c = connect(2, "/");
        List.of(sender, b, c).forEach(m -> m.join("room"));

        BlockingQueue<Object> ack = new LinkedBlockingQueue<>();
        sender.client.emit("say", new Object[] {"room", "hi"}, args -> ack.add(args[0]));
        assertThat(ack.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("ok");
        emitMarkersFromEveryNode();

        for (Member m : List.of(sender, b, c)) {
            m.awaitMarkers(NODES);
        }
        assertThat(sender.payloads("said")).isEmpty();
        assertThat(b.payloads("said")).containsExactly("hi");
        assertThat(c.payloads("said")).containsExactly("hi");
    }

    @Test
    void binaryPayloadsCrossNodesIntact() throws Exception {
        Member b = connect(1, "/");
        Member c = connect(2, "/");
        List.of(b, c).forEach(m -> m.join("room"));
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }

        servers.get(0).to("room").emit("bin", "caption", all, Map.of("nested", new byte[] {0, -1, 127}));

        for (Member m : List.of(b, c)) {
            Object[] args = m.next("bin");
            assertThat(args[0]).isEqualTo("caption");
            assertThat((byte[]) args[1]).containsExactly(all);
            org.json.JSONObject nested = (org.json.JSONObject) args[2];
            assertThat((byte[]) nested.get("nested")).containsExactly(0, -1, 127);
        }
    }

    @Test
    void namespacesDoNotLeakIntoEachOther() throws Exception {
        Member inRoot = connect(1, "/");
        Member inOther = connect(2, "/other");
        inRoot.join("room");
        inOther.join("room");

        servers.get(0).to("room").emit("news", "root");
        servers.get(0).of("/other").to("room").emit("news", "other");
        emitMarkersFromEveryNode();
        for (int from = 0; from < NODES; from++) {
            servers.get(from).of("/other").emit("marker", from);
        }

        inRoot.awaitMarkers(NODES);
        inOther.awaitMarkers(NODES);
        assertThat(inRoot.payloads("news")).containsExactly("root");
        assertThat(inOther.payloads("news")).containsExactly("other");
    }

    /** The bytes a remote node writes are the bytes the origin encoded, text and binary frames alike. */
    @Test
    void remoteSocketsAreWrittenTheOriginsBytes() throws Exception {
        List<FakeNamespace> nsps = new ArrayList<>();
        List<ClusterAdapter> adapters = new ArrayList<>();
        String name = "/bytes-" + UUID.randomUUID();
        for (int node = 0; node < NODES; node++) {
            FakeNamespace nsp = new FakeNamespace(name);
            ClusterAdapter adapter = (ClusterAdapter) servers.get(node).config().adapterFactory().create(nsp);
            nsps.add(nsp);
            adapters.add(adapter);
        }
        try {
            adapters.forEach(this::awaitReady);
            awaitPeers(adapters);
            List<FakeNamespace.FakeSocket> sockets = new ArrayList<>();
            for (int node = 0; node < NODES; node++) {
                FakeNamespace.FakeSocket s = nsps.get(node).connect("s" + node, adapters.get(node));
                adapters.get(node).addAll(s.id(), Set.of("room"));
                sockets.add(s);
            }
            byte[] binary = {0, 1, (byte) 0xFF, (byte) 0x80, 10, 13};
            List<EioMessage> packet = List.of(
                    EioMessage.text("51-" + name + ",[\"bytes\",\"é\",{\"_placeholder\":true,\"num\":0}]"),
                    EioMessage.binary(binary));

            adapters.get(0).broadcast(packet, new BroadcastOptions(Set.of("room"), Set.of(), false, false));

            for (FakeNamespace.FakeSocket s : sockets) {
                List<EioMessage> got = s.received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(got).as("delivery to %s", s.id()).isNotNull().hasSize(2);
                for (int i = 0; i < 2; i++) {
                    assertThat(got.get(i).isBinary()).isEqualTo(packet.get(i).isBinary());
                    assertThat(got.get(i).frameBytes()).containsExactly(packet.get(i).frameBytes());
                }
            }
        } finally {
            adapters.forEach(ClusterAdapter::close);
        }
    }

    // ---------------------------------------------------------------- rooms and disconnection

    @Test
    void socketsJoinAndLeaveApplyOnEveryNode() throws Exception {
        List<Member> members = List.of(connect(0, "/"), connect(1, "/"), connect(2, "/"));
        members.forEach(m -> m.join("a"));
        Member outsider = connect(2, "/");

        servers.get(0).to("a").socketsJoin("b", "c");
        await().atMost(WAIT).untilAsserted(() -> {
            for (Member m : members) {
                assertThat(m.rooms()).contains("a", "b", "c");
            }
        });
        assertThat(outsider.rooms()).doesNotContain("b", "c");

        servers.get(1).to("b").socketsLeave("a");
        await().atMost(WAIT).untilAsserted(() -> {
            for (Member m : members) {
                assertThat(m.rooms()).contains("b", "c").doesNotContain("a");
            }
        });
    }

    @Test
    void disconnectSocketsAppliesOnEveryNode() throws Exception {
        List<Member> members = List.of(connect(0, "/"), connect(1, "/"), connect(2, "/"));
        members.forEach(m -> m.join("doomed"));
        Member survivor = connect(1, "/");

        servers.get(2).to("doomed").disconnectSockets(false);

        for (Member m : members) {
            assertThat(m.disconnects.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("io server disconnect");
        }
        await().atMost(WAIT).until(() -> servers.stream().allMatch(s -> s.sockets().sockets().size()
                == (s == servers.get(1) ? 1 : 0)));
        assertThat(survivor.client.connected()).isTrue();
    }

    // ---------------------------------------------------------------- requests

    @Test
    void fetchSocketsAndCountSocketsSeeEveryNode() throws Exception {
        List<Member> members = List.of(connect(0, "/"), connect(1, "/"), connect(2, "/"), connect(2, "/"));
        members.forEach(m -> m.join("room"));
        connect(1, "/");
        ClusterAdapter asker = cluster(servers.get(1).sockets());
        BroadcastOptions room = new BroadcastOptions(Set.of("room"), Set.of(), false, false);

        List<ClusterSocket> found = asker.fetchSockets(room).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(found).extracting(ClusterSocket::id)
                .containsExactlyInAnyOrderElementsOf(members.stream().map(m -> m.id).toList());
        for (ClusterSocket s : found) {
            Member m = members.stream().filter(x -> x.id.equals(s.id())).findFirst().orElseThrow();
            assertThat(s.nodeId()).isEqualTo(nodeIds.get(m.node));
            assertThat(s.rooms()).containsExactlyInAnyOrder(m.id, "room");
        }
        assertThat(asker.countSockets(room).get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(4L);
        assertThat(asker.countSockets(BroadcastOptions.ALL).get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(5L);
        BroadcastOptions localRoom = new BroadcastOptions(Set.of("room"), Set.of(), false, true);
        assertThat(asker.countSockets(localRoom).get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1L);
        BroadcastOptions roomExceptOne = new BroadcastOptions(Set.of("room"), Set.of(members.get(3).id), false, false);
        assertThat(asker.countSockets(roomExceptOne).get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(3L);
    }

    @Test
    void everyNodeLearnsItsPeersAndForgetsOneThatCloses() {
        ClusterAdapter leaving = cluster(servers.get(2).sockets());
        leaving.close();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(cluster(servers.get(0).sockets()).peers()).containsExactly(nodeIds.get(1));
            assertThat(cluster(servers.get(1).sockets()).peers()).containsExactly(nodeIds.get(0));
        });
    }

    // ---------------------------------------------------------------- helpers

    protected static ClusterAdapter cluster(Namespace nsp) {
        return (ClusterAdapter) nsp.adapter();
    }

    protected static void awaitPeers(List<ClusterAdapter> adapters) {
        Set<String> all = adapters.stream().map(ClusterAdapter::nodeId).collect(Collectors.toSet());
        await().atMost(WAIT).untilAsserted(() -> {
            for (ClusterAdapter a : adapters) {
                Set<String> others = all.stream().filter(id -> !id.equals(a.nodeId())).collect(Collectors.toSet());
                assertThat(a.peers()).as("peers of %s", a.nodeId()).containsAll(others);
            }
        });
    }

    /** Emits a marker from every node to everyone: once a socket has them all, everything sent before has arrived. */
    protected void emitMarkersFromEveryNode() {
        for (int from = 0; from < NODES; from++) {
            servers.get(from).emit("marker", from);
        }
    }

    /** An official Java client connected over websocket to node {@code node}'s namespace {@code nsp}. */
    protected Member connect(int node, String nsp) throws InterruptedException {
        IO.Options opts = IO.Options.builder()
                .setForceNew(true)
                .setReconnection(false)
                .setTransports(new String[] {WebSocket.NAME})
                .build();
        io.socket.client.Socket client = IO.socket(URI.create("http://127.0.0.1:" + servers.get(node).port() + nsp), opts);
        clients.add(client);
        Member m = new Member(node, nsp, client);
        CountDownLatch connected = new CountDownLatch(1);
        client.on(io.socket.client.Socket.EVENT_CONNECT, args -> connected.countDown());
        client.connect();
        assertThat(connected.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("client connected to node %d", node).isTrue();
        m.id = client.id();
        await().atMost(WAIT).until(() -> servers.get(node).of(nsp).socket(m.id) != null);
        return m;
    }

    /** One client: what it received, by event. */
    protected final class Member {
        public final int node;
        public final String nsp;
        public final io.socket.client.Socket client;
        public volatile String id;
        private final Map<String, BlockingQueue<Object[]>> inbox = new java.util.concurrent.ConcurrentHashMap<>();
        final BlockingQueue<String> disconnects = new LinkedBlockingQueue<>();

        Member(int node, String nsp, io.socket.client.Socket client) {
            this.node = node;
            this.nsp = nsp;
            this.client = client;
            for (String event : EVENTS) {
                BlockingQueue<Object[]> q = new LinkedBlockingQueue<>();
                inbox.put(event, q);
                client.on(event, q::add);
            }
            client.on(io.socket.client.Socket.EVENT_DISCONNECT, args -> disconnects.add(String.valueOf(args[0])));
        }

        public void join(String room) {
            servers.get(node).of(nsp).socket(id).join(room);
        }

        public Set<String> rooms() {
            return servers.get(node).of(nsp).adapter().socketRooms(id);
        }

        public Object[] next(String event) throws InterruptedException {
            Object[] args = inbox.get(event).poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(args).as("'%s' reached %s on node %d", event, id, node).isNotNull();
            return args;
        }

        public void awaitMarkers(int n) {
            await().atMost(WAIT).until(() -> inbox.get("marker").size() >= n);
        }

        /** The first argument of every '{@code event}' received so far, as strings. */
        public List<String> payloads(String event) {
            return inbox.get(event).stream().map(args -> String.valueOf(args[0])).toList();
        }
    }
}
