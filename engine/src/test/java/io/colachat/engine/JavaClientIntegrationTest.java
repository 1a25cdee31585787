package io.colachat.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.colachat.engine.testing.TestServer;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.engineio.client.transports.Polling;
import io.socket.engineio.client.transports.WebSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The official Java client (io.socket:socket.io-client) against the engine. */
@Tag("integration")
class JavaClientIntegrationTest {

    private static SocketIoServer server;
    private final List<io.socket.client.Socket> clients = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(io.socket.client.Socket::close);
    }

    private io.socket.client.Socket client(String namespace, String[] transports, Map<String, String> auth) {
        IO.Options opts = IO.Options.builder()
                .setForceNew(true)
                .setReconnection(false)
                .setTransports(transports)
                .setAuth(auth)
                .build();
        io.socket.client.Socket s = IO.socket(URI.create("http://127.0.0.1:" + server.port() + namespace), opts);
        clients.add(s);
        return s;
    }

    private static <T> T poll(BlockingQueue<T> q) throws InterruptedException {
        T v = q.poll(10, TimeUnit.SECONDS);
        assertThat(v).as("nothing arrived within 10 s").isNotNull();
        return v;
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "polling"})
    void eventsAcksAndBinaryRoundTrip(String transport) throws Exception {
        String[] transports = {transport.equals("websocket") ? WebSocket.NAME : Polling.NAME};
        io.socket.client.Socket s = client("/", transports, Map.of("token", "j-1"));
        BlockingQueue<Object[]> auth = new ArrayBlockingQueue<>(1);
        BlockingQueue<Object[]> back = new ArrayBlockingQueue<>(1);
        BlockingQueue<Object[]> acked = new ArrayBlockingQueue<>(1);
        BlockingQueue<Object[]> answer = new ArrayBlockingQueue<>(1);
        s.on("auth", auth::add);
        s.on("message-back", back::add);
        s.on("answer", answer::add);
        s.on("question", args -> ((Ack) args[args.length - 1]).call(((Number) args[0]).intValue() * 2));
        s.connect();

        assertThat(poll(auth)[0].toString()).isEqualTo("{\"token\":\"j-1\"}");

        s.emit("message", 1, "2", new JSONObject("{\"three\":[4]}"), new byte[] {5, 6, 7});
        Object[] echoed = poll(back);
        assertThat(echoed).hasSize(4);
        assertThat(echoed[0]).isEqualTo(1);
        assertThat(echoed[1]).isEqualTo("2");
        assertThat(echoed[2].toString()).isEqualTo("{\"three\":[4]}");
        assertThat((byte[]) echoed[3]).containsExactly(5, 6, 7);

        s.emit("message-with-ack", new Object[] {"x", new byte[] {9}}, (Ack) acked::add);
        Object[] ack = poll(acked);
        assertThat(ack[0]).isEqualTo("x");
        assertThat((byte[]) ack[1]).containsExactly(9);

        s.emit("ask-client", 21);
        assertThat(poll(answer)[0]).isEqualTo(42);
    }

    @Test
    void pollingUpgradesToWebsocket() throws Exception {
        io.socket.client.Socket s = client("/", new String[] {Polling.NAME, WebSocket.NAME}, Map.of());
        BlockingQueue<Object[]> back = new ArrayBlockingQueue<>(1);
        s.on("message-back", back::add);
        s.connect();
        BlockingQueue<Object> transport = new ArrayBlockingQueue<>(1);
        org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS).pollInterval(50, TimeUnit.MILLISECONDS)
                .until(() -> {
                    s.emit("transport", new Object[0], (Ack) args -> transport.offer(args[0]));
                    Object t = transport.poll(1, TimeUnit.SECONDS);
                    return "websocket".equals(t);
                });
        s.emit("message", "after");
        assertThat(poll(back)[0]).isEqualTo("after");
    }

    @Test
    void middlewareRefusalReachesTheClientWithItsData() throws Exception {
        io.socket.client.Socket s = client("/private", new String[] {WebSocket.NAME}, Map.of("token", "nope"));
        BlockingQueue<Object[]> errors = new ArrayBlockingQueue<>(1);
        s.on(io.socket.client.Socket.EVENT_CONNECT_ERROR, errors::add);
        s.connect();
        JSONObject err = (JSONObject) poll(errors)[0];
        assertThat(err.getString("message")).isEqualTo("not authorized");
        assertThat(err.getJSONObject("data").getString("reason")).isEqualTo("token");
    }

    @Test
    void unknownNamespaceIsRefused() throws Exception {
        io.socket.client.Socket s = client("/nowhere", new String[] {WebSocket.NAME}, Map.of());
        BlockingQueue<Object[]> errors = new ArrayBlockingQueue<>(1);
        s.on(io.socket.client.Socket.EVENT_CONNECT_ERROR, errors::add);
        s.connect();
        assertThat(((JSONObject) poll(errors)[0]).getString("message")).isEqualTo("Invalid namespace");
    }

    @Test
    void roomBroadcastReachesMembersOnlyAndBroadcastSkipsTheSender() throws Exception {
        BlockingQueue<String> gotA = new ArrayBlockingQueue<>(10);
        BlockingQueue<String> gotB = new ArrayBlockingQueue<>(10);
        io.socket.client.Socket a = client("/", new String[] {WebSocket.NAME}, Map.of());
        io.socket.client.Socket b = client("/", new String[] {WebSocket.NAME}, Map.of());
        a.on("room-message", args -> gotA.add("room:" + args[0]));
        b.on("room-message", args -> gotB.add("room:" + args[0]));
        a.on("others", args -> gotA.add("others:" + args[0]));
        b.on("others", args -> gotB.add("others:" + args[0]));
        a.connect();
        b.connect();
        BlockingQueue<Object[]> acks = new ArrayBlockingQueue<>(10);
        a.emit("join", new Object[] {"r"}, (Ack) acks::add);
        assertThat(poll(acks)[0]).isEqualTo("joined");
        b.emit("to-room", new Object[] {"r", "hi"}, (Ack) acks::add);
        assertThat(poll(acks)[0]).isEqualTo("sent");
        assertThat(poll(gotA)).isEqualTo("room:hi");
        a.emit("to-others", new Object[] {new JSONArray("[1]")}, (Ack) acks::add);
        assertThat(poll(acks)[0]).isEqualTo("sent");
        assertThat(poll(gotB)).isEqualTo("others:[1]");
        // b was never in the room, and a never hears its own broadcast.
        a.emit("transport", new Object[0], (Ack) acks::add);
        poll(acks);
        assertThat(gotA).isEmpty();
        assertThat(gotB).isEmpty();
    }

    /**
     * A broadcast to many websocket members goes out as one shared frame in direct memory
     * ({@code EioMessage.shareForBroadcast}, done off the event loops, as here from the test
     * thread, and as the server's lanes do); every member gets every message whole and in order,
     * at each of the three websocket length encodings.
     */
    @Test
    void aBroadcastToManyWebsocketMembersArrivesWholeAtEach() throws Exception {
        int members = 12;
        List<String> texts = List.of("short", "m".repeat(300), "l".repeat(70_000));
        List<BlockingQueue<String>> got = new ArrayList<>();
        BlockingQueue<Object[]> acks = new ArrayBlockingQueue<>(members + texts.size());
        for (int i = 0; i < members; i++) {
            BlockingQueue<String> q = new ArrayBlockingQueue<>(texts.size());
            got.add(q);
            io.socket.client.Socket s = client("/", new String[] {WebSocket.NAME}, Map.of());
            s.on("room-message", args -> q.add((String) args[0]));
            s.connect();
            s.emit("join", new Object[] {"many"}, (Ack) acks::add);
            assertThat(poll(acks)[0]).isEqualTo("joined");
        }
        for (String text : texts) {
            server.of("/").to("many").emit("room-message", text);
        }
        for (BlockingQueue<String> q : got) {
            for (String text : texts) {
                assertThat(poll(q)).isEqualTo(text);
            }
        }
    }
}
