package io.colachat.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.colachat.engine.eio.EchoEngine;
import io.colachat.engine.eio.EngineConfig;
import io.colachat.engine.eio.OriginPolicy;
import io.colachat.engine.eio.RawHttp;
import io.colachat.engine.eio.RawWebSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Socket.IO packets that have broken other servers, sent over a real websocket to a real server:
 * each is refused by closing that connection (or treated as the ordinary data it is), no
 * exception escapes to a listener, and the server goes on serving the others.
 */
class HostilePacketsTest {

    private static final int MAX_PAYLOAD = 2 << 20;
    /** Reserved in Node's EventEmitter or in Socket.IO itself; here they are just names. */
    private static final String[] RESERVED = {"error", "connect", "disconnect", "disconnecting", "newListener",
        "removeListener", "connect_error", "__proto__", "constructor"};

    private static SocketIoServer io;
    private static ScheduledExecutorService timer;
    private static final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private static final List<String> disconnects = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        timer = Executors.newSingleThreadScheduledExecutor();
        io = SocketIoServer.create(SocketIoConfig.builder()
                .engine(EngineConfig.builder().maxPayload(MAX_PAYLOAD).originPolicy(OriginPolicy.any())
                        .pingInterval(EchoEngine.QUIET_PING_INTERVAL).pingTimeout(EchoEngine.QUIET_PING_INTERVAL)
                        .build())
                .maxNamespacesPerConnection(2)
                .build());
        io.onConnection(socket -> {
            socket.onAny((event, args) -> events.add(event + " " + args.size()));
            for (String name : RESERVED) {
                socket.on(name, (args, ack) -> events.add("listener " + name + " " + args.get(0).asText()));
            }
            socket.on("echo", (args, ack) -> socket.emit("echo", args.get(0)));
            socket.on("big", (args, ack) -> socket.emit("size", args.get(0).asText().length()));
            socket.on("upload", (args, ack) -> socket.emit("uploaded", args.size()));
            socket.onDisconnecting((s, reason) -> disconnects.add(s.id() + " disconnecting " + reason.wireName()));
            socket.onDisconnect((s, reason) -> disconnects.add(s.id() + " disconnect " + reason.wireName()));
        });
        io.of("/a");
        io.of("/b");
        io.of("/slow").use((socket, next) -> timer.schedule(next::proceed, 300, TimeUnit.MILLISECONDS));
        io.listen("127.0.0.1", 0, null);
    }

    @AfterAll
    static void stop() {
        io.close();
        timer.shutdownNow();
    }

    @BeforeEach
    void clear() {
        events.clear();
        disconnects.clear();
    }

    /** A raw websocket that has joined the main namespace, and its socket id there. */
    private record Client(RawWebSocket ws, String id) {
        void send(String text) {
            ws.send(text);
        }

        void send(byte[] binary) {
            ws.send(binary);
        }

        String nextText() {
            return ws.nextText();
        }
    }

    private static Client join() {
        RawWebSocket.Joined joined = RawWebSocket.joinMainNamespace(io.port());
        return new Client(joined.ws(), joined.id());
    }

    /** Another client still gets its echo. */
    private static void assertStillServing() {
        Client other = join();
        other.send("42[\"echo\",\"still serving\"]");
        assertThat(other.nextText()).isEqualTo("42[\"echo\",\"still serving\"]");
        other.ws().abort();
    }

    private static void assertRefused(Client c) {
        assertThat(c.ws().awaitClosed()).isIn(1000, -1);
        EchoEngine.waiting().until(() -> disconnects.contains(c.id() + " disconnect parse error"));
        assertThat(events).as("no listener saw the packet").isEmpty();
    }

    @ParameterizedTest(name = "num {0}")
    @ValueSource(strings = {"\"splice\"", "\"0\"", "-1", "1", "1.5", "null", "{}", "[0]", "true", "99999999999",
        "1e0"})
    void aPlaceholderWhoseNumIsNotAnIntegerInRangeClosesTheConnection(String num) {
        Client ws = join();

        ws.send("451-[\"upload\",{\"_placeholder\":true,\"num\":" + num + "}]");

        assertRefused(ws);
        assertStillServing();
    }

    @ParameterizedTest(name = "{0} attachments")
    @ValueSource(strings = {"99999999", "11", "999999999999999999999", "0"})
    void aBinaryEventAnnouncingTooManyAttachmentsClosesTheConnection(String count) {
        Client ws = join();

        ws.send("45" + count + "-[\"upload\",{\"_placeholder\":true,\"num\":0}]");

        assertRefused(ws);
        assertStillServing();
    }

    @Test
    void tenAttachmentsAreAccepted() {
        Client ws = join();
        StringBuilder packet = new StringBuilder("4510-[\"upload\"");
        for (int i = 0; i < 10; i++) {
            packet.append(",{\"_placeholder\":true,\"num\":").append(i).append('}');
        }

        ws.send(packet.append(']').toString());
        for (int i = 0; i < 10; i++) {
            ws.send(new byte[] {(byte) i});
        }

        assertThat(ws.nextText()).isEqualTo("42[\"uploaded\",10]");
    }

    @Test
    void attachmentsTogetherOverMaxPayloadCloseTheConnection() {
        Client ws = join();

        ws.send("452-[\"upload\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
        ws.send(new byte[MAX_PAYLOAD * 3 / 4]);
        ws.send(new byte[MAX_PAYLOAD * 3 / 4]);

        assertRefused(ws);
        assertStillServing();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"42[{\"toString\":\"foo\"}]", "42[]", "42{}", "42\"foo\"", "42[1]", "42[null]",
        "42[[\"a\"]]", "42", "42[true]", "42[\"a\"", "42[\"a\"]x", "43[\"no id\"]", "40/a,7{}", "4\"x\""})
    void malformedEventsAreRefusedAndCloseTheConnection(String packet) {
        Client ws = join();

        ws.send(packet);

        assertRefused(ws);
        assertStillServing();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"error", "connect", "disconnect", "disconnecting", "newListener", "removeListener",
        "connect_error", "__proto__", "constructor"})
    void eventsNamedLikeInternalOnesAreOrdinaryEvents(String name) throws Exception {
        Client ws = join();

        ws.send("42[\"" + name + "\",\"payload\"]");

        assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo(name + " 1");
        assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("listener " + name + " payload");
        ws.send("42[\"echo\",\"after\"]");
        assertThat(ws.nextText()).as("the socket is still connected").isEqualTo("42[\"echo\",\"after\"]");
        assertThat(disconnects).as("nothing internal fired").noneMatch(d -> d.startsWith(ws.id()));
        ws.ws().abort();
    }

    @Test
    void aOneMegabyteEventIsDecodedOverWebSocketAndOverPolling() {
        String big = "x".repeat(1 << 20);
        Client ws = join();

        ws.send("42[\"big\",\"" + big + "\"]");
        assertThat(ws.nextText()).isEqualTo("42[\"size\",1048576]");

        RawHttp http = new RawHttp();
        URI base = URI.create("http://127.0.0.1:" + io.port() + "/socket.io/?EIO=4&transport=polling");
        JsonNode open = RawHttp.openPacket(http.get(base).body());
        URI session = URI.create(base + "&sid=" + open.get("sid").asText());
        http.post(session, "40");
        assertThat(http.get(session).body()).startsWith("40{\"sid\":");
        assertThat(http.post(session, "42[\"big\",\"" + big + "\"]").body()).isEqualTo("ok");
        assertThat(http.get(session).body()).isEqualTo("42[\"size\",1048576]");
    }

    @Test
    void aConnectionJoinsAtMostMaxNamespacesAndAFurtherConnectIsAnsweredConnectError() {
        Client ws = join();

        ws.send("40/a,");
        assertThat(ws.nextText()).startsWith("40/a,{\"sid\":");
        ws.send("40/b,");
        assertThat(ws.nextText()).isEqualTo("44/b,{\"message\":\"Too many namespaces\"}");

        ws.send("42[\"echo\",\"still here\"]");
        assertThat(ws.nextText()).as("the connection stays").isEqualTo("42[\"echo\",\"still here\"]");
        ws.send("41/a,");
        ws.send("40/b,");
        assertThat(ws.nextText()).startsWith("40/b,{\"sid\":");
        ws.ws().abort();
    }

    @Test
    void aSecondConnectWhileTheFirstIsInMiddlewareLeavesNoSocketBehind() {
        Client ws = join();

        ws.send("40/slow,");
        ws.send("40/slow,");
        assertThat(ws.nextText()).startsWith("40/slow,{\"sid\":");
        ws.send("42[\"echo\",\"marker\"]");
        assertThat(ws.nextText()).as("no second CONNECT answer came first").isEqualTo("42[\"echo\",\"marker\"]");
        assertThat(io.of("/slow").sockets()).hasSize(1);

        ws.ws().abort();

        EchoEngine.waiting().atMost(Duration.ofSeconds(10)).until(() -> io.of("/slow").sockets().isEmpty());
        assertThat(io.of("/slow").sockets()).isEmpty();
    }

    @Test
    void aConnectForAnUnknownNamespaceIsAnsweredConnectErrorAndTheConnectionStays() {
        Client ws = join();

        ws.send("40/nope,{\"token\":\"x\"}");

        assertThat(ws.nextText()).isEqualTo("44/nope,{\"message\":\"Invalid namespace\"}");
        ws.send("42[\"echo\",\"ok\"]");
        assertThat(ws.nextText()).isEqualTo("42[\"echo\",\"ok\"]");
        ws.ws().abort();
    }
}
