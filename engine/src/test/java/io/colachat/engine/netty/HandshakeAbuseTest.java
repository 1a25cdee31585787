package io.colachat.engine.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.colachat.engine.eio.EchoEngine;
import io.colachat.engine.eio.OriginPolicy;
import io.colachat.engine.eio.RawHttp;
import io.colachat.engine.eio.RawWebSocket;
import io.colachat.engine.testing.RawTcp;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Handshakes that are malformed on purpose: each ends its own connection, opens no session, and
 * the server goes on serving a well-behaved client next to it.
 */
class HandshakeAbuseTest {

    private static final Duration CLOSE_WITHIN = Duration.ofSeconds(10);
    private static final String WS_PATH = "/socket.io/?EIO=4&transport=websocket";

    private final RawHttp http = new RawHttp();
    private EchoEngine server;

    @BeforeEach
    void start() {
        server = EchoEngine.start(b -> b);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A well-behaved websocket client gets a session and an echo. */
    private void assertStillServing() {
        RawWebSocket ws = RawWebSocket.open(server);
        ws.sidFromOpenPacket();
        ws.send("4still serving");
        assertThat(ws.nextText()).isEqualTo("4still serving");
    }

    private String upgrade(String extraHeaders) {
        return RawTcp.upgradeHead(WS_PATH, server.port(), extraHeaders);
    }

    @Test
    void anUpgradeRequestCarryingABodyIsRefused400AndOpensNoSession() {
        try (RawTcp tcp = RawTcp.connect(server.port())) {
            tcp.send(upgrade("Content-Length: 10\r\n") + "0123456789");

            String head = tcp.readHead();

            assertThat(RawTcp.status(head)).isEqualTo(400);
            assertThat(tcp.readBody(head)).isEqualTo("{\"code\":3,\"message\":\"Bad request\"}");
            assertThat(tcp.awaitClosed(CLOSE_WITHIN)).isTrue();
        }
        assertThat(server.engine.sessionCount()).isZero();
        assertStillServing();
    }

    @Test
    void garbageRightAfterTheHandshakeEndsOnlyThatConnection() {
        try (RawTcp tcp = RawTcp.connect(server.port())) {
            // In the same write as the handshake: RFC 6455 says wait for the 101.
            tcp.send(upgrade("") + "GARBAGE\r\n\r\n\u0000\u00ff not a frame");

            assertThat(tcp.readHead()).startsWith("HTTP/1.1 101");
            assertThat(tcp.awaitClosed(CLOSE_WITHIN)).isTrue();
        }
        EchoEngine.waiting().until(() -> server.engine.sessionCount() == 0);
        assertStillServing();
    }

    @Test
    void garbageAfterTheHandshakeAnswerEndsOnlyThatConnection() {
        try (RawTcp tcp = RawTcp.connect(server.port())) {
            tcp.upgrade(WS_PATH, server.port());
            String sid = RawHttp.openPacket(tcp.readText()).get("sid").asText();

            tcp.send("GET / HTTP/1.1\r\n\r\n"); // unmasked, reserved bits: not a client frame

            assertThat(tcp.readCloseStatus()).isIn(1002, -1);
            assertThat(tcp.awaitClosed(CLOSE_WITHIN)).isTrue();
            assertThat(server.awaitClose(sid)).isNotNull();
        }
        assertStillServing();
    }

    @ParameterizedTest(name = "Upgrade: {0}")
    @ValueSource(strings = {"foo", "websocket2", "h2c", "web socket"})
    void aBogusUpgradeHeaderIsABadRequestAndOpensNoSession(String upgrade) {
        try (RawTcp tcp = RawTcp.connect(server.port())) {
            tcp.send(upgrade("").replace("Upgrade: websocket", "Upgrade: " + upgrade));

            String head = tcp.readHead();

            assertThat(RawTcp.status(head)).isEqualTo(400);
            assertThat(tcp.readBody(head)).isEqualTo("{\"code\":3,\"message\":\"Bad request\"}");
        }
        assertThat(server.engine.sessionCount()).isZero();
        assertStillServing();
    }

    @Test
    void anUpgradeWithoutAKeyIsRefusedAndOpensNoSession() {
        try (RawTcp tcp = RawTcp.connect(server.port())) {
            tcp.send("GET " + WS_PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n");

            String head = tcp.readHead();

            assertThat(RawTcp.status(head)).isEqualTo(400);
            assertThat(tcp.awaitClosed(CLOSE_WITHIN)).isTrue();
        }
        assertThat(server.engine.sessionCount()).isZero();
        assertStillServing();
    }

    @Test
    void anUpgradeWithoutConnectionUpgradeIsRefused() {
        try (RawTcp tcp = RawTcp.connect(server.port())) {
            tcp.send(upgrade("").replace("Connection: Upgrade", "Connection: keep-alive"));

            assertThat(RawTcp.status(tcp.readHead())).isEqualTo(400);
        }
        assertThat(server.engine.sessionCount()).isZero();
    }

    @ParameterizedTest(name = "Sec-WebSocket-Version: {0}")
    @ValueSource(strings = {"8", "7", "0", "", "13, 8"})
    void anythingButWebSocketVersion13IsAnswered426(String version) {
        try (RawTcp tcp = RawTcp.connect(server.port())) {
            String head = upgrade("").replace("Sec-WebSocket-Version: 13\r\n",
                    version.isEmpty() ? "" : "Sec-WebSocket-Version: " + version + "\r\n");
            tcp.send(head);

            String answer = tcp.readHead();

            assertThat(RawTcp.status(answer)).isEqualTo(426);
            assertThat(RawTcp.header(answer, "sec-websocket-version")).isEqualTo("13");
            assertThat(tcp.awaitClosed(CLOSE_WITHIN)).isTrue();
        }
        assertThat(server.engine.sessionCount()).isZero();
    }

    @Test
    void aHandshakeWith2000HeadersIsRefused431() {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            headers.append("X-H").append(i).append(": v\r\n");
        }
        try (RawTcp tcp = RawTcp.connect(server.port())) {
            tcp.send(upgrade(headers.toString()));

            assertThat(RawTcp.status(tcp.readHead())).isEqualTo(431);
            assertThat(tcp.awaitClosed(CLOSE_WITHIN)).isTrue();
        }
        assertThat(server.engine.sessionCount()).isZero();
        assertStillServing();
    }

    @Test
    void aHugeSecWebSocketProtocolListIsRefused431() {
        StringBuilder protocols = new StringBuilder("Sec-WebSocket-Protocol: p0");
        for (int i = 1; i < 10_000; i++) {
            protocols.append(", p").append(i);
        }
        try (RawTcp tcp = RawTcp.connect(server.port())) {
            tcp.send(upgrade(protocols + "\r\n"));

            assertThat(RawTcp.status(tcp.readHead())).isEqualTo(431);
            assertThat(tcp.awaitClosed(CLOSE_WITHIN)).isTrue();
        }
        assertThat(server.engine.sessionCount()).isZero();
        assertStillServing();
    }

    @Test
    void aSubprotocolListWithinTheLimitIsIgnoredAndTheHandshakeSucceeds() {
        try (RawTcp tcp = RawTcp.connect(server.port())) {
            tcp.send(upgrade("Sec-WebSocket-Protocol: chat, superchat, mqtt\r\n"));

            String head = tcp.readHead();

            assertThat(head).startsWith("HTTP/1.1 101");
            assertThat(RawTcp.header(head, "sec-websocket-protocol")).isNull();
            assertThat(tcp.readText()).startsWith("0{\"sid\":");
        }
    }

    @Test
    void aRequestLineOverTheLimitIsRefused414() {
        try (RawTcp tcp = RawTcp.connect(server.port())) {
            tcp.send("GET /socket.io/?EIO=4&transport=polling&pad=" + "a".repeat(8000) + " HTTP/1.1\r\nHost: x\r\n\r\n");

            assertThat(RawTcp.status(tcp.readHead())).isEqualTo(414);
            assertThat(tcp.awaitClosed(CLOSE_WITHIN)).isTrue();
        }
        assertStillServing();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"EIO=4&transport=%zz", "EIO=4&transport=polling&x=%", "EIO=%E0%A4%A&transport=polling"})
    void aQueryWithABadPercentEscapeIsABadRequest(String query) {
        try (RawTcp tcp = RawTcp.connect(server.port())) {
            tcp.send("GET /socket.io/?" + query + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

            String head = tcp.readHead();

            assertThat(RawTcp.status(head)).isEqualTo(400);
            assertThat(tcp.readBody(head)).isEqualTo("{\"code\":3,\"message\":\"Bad request\"}");
        }
        assertThat(server.engine.sessionCount()).isZero();
    }

    @Test
    void aMalformedRequestHeadIsRefused400() {
        try (RawTcp tcp = RawTcp.connect(server.port())) {
            tcp.send("GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost 127.0.0.1\r\n: x\r\n\r\n");

            assertThat(RawTcp.status(tcp.readHead())).isEqualTo(400);
            assertThat(tcp.awaitClosed(CLOSE_WITHIN)).isTrue();
        }
        assertStillServing();
    }

    @Test
    void pollingAndWebSocketHandshakesFromAForeignOriginAre403UnderTheSameOriginPolicy() {
        try (EchoEngine sameOrigin = EchoEngine.start(b -> b.originPolicy(OriginPolicy.sameOrigin()))) {
            String evil = "https://evil.example";

            HttpResponse<String> polling = http.get(sameOrigin.http("EIO=4&transport=polling"), "Origin", evil);
            RawHttp.assertError(polling, 403, 4, "Forbidden");
            assertThat(polling.headers().firstValue("access-control-allow-origin")).isEmpty();
            assertThatThrownBy(() -> RawWebSocket.connect(sameOrigin.ws("EIO=4&transport=websocket"), Map.of("Origin", evil)))
                    .isInstanceOf(CompletionException.class)
                    .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                            e -> assertThat(e.getResponse().statusCode()).isEqualTo(403));
            try (RawTcp tcp = RawTcp.connect(sameOrigin.port())) {
                tcp.send(RawTcp.upgradeHead(WS_PATH, sameOrigin.port(), "Origin: " + evil + "\r\n"));
                String head = tcp.readHead();
                assertThat(RawTcp.status(head)).isEqualTo(403);
                assertThat(tcp.readBody(head)).isEqualTo("{\"code\":4,\"message\":\"Forbidden\"}");
            }
            assertThat(sameOrigin.engine.sessionCount()).isZero();
            // The page's own origin is still welcome.
            String self = "http://127.0.0.1:" + sameOrigin.port();
            assertThat(http.get(sameOrigin.http("EIO=4&transport=polling"), "Origin", self).statusCode()).isEqualTo(200);
        }
    }

    @ParameterizedTest(name = "?{0}")
    @ValueSource(strings = {"EIO=4&transport=__proto__", "EIO=4&transport=constructor", "EIO=4&transport=toString",
        "EIO=4&transport=flashsocket"})
    void aWebSocketUpgradeForAnUnknownTransportIs400TransportUnknown(String query) {
        try (RawTcp tcp = RawTcp.connect(server.port())) {
            tcp.send(RawTcp.upgradeHead("/socket.io/?" + query, server.port(), ""));

            String head = tcp.readHead();

            assertThat(RawTcp.status(head)).isEqualTo(400);
            assertThat(tcp.readBody(head)).isEqualTo("{\"code\":0,\"message\":\"Transport unknown\"}");
        }
        assertThat(server.engine.sessionCount()).isZero();
    }
}
