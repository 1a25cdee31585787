package io.colachat.engine.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.colachat.engine.eio.EchoEngine;
import io.colachat.engine.eio.RawHttp;
import io.colachat.engine.eio.RawWebSocket;
import io.colachat.engine.testing.RawTcp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each abuse limit of {@link LimitsConfig} against real sockets: over it the connection is refused
 * early, and the server goes on serving everyone else.
 */
class ConnectionLimitsTest {

    private static final Duration WITHIN = Duration.ofSeconds(10);
    private static final String HANDSHAKE = "GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

    private final List<RawTcp> clients = new ArrayList<>();
    private EchoEngine server;

    private EchoEngine start(LimitsConfig.Builder limits) {
        server = EchoEngine.start(UnaryOperator.identity(), limits.build());
        return server;
    }

    @AfterEach
    void stop() {
        clients.forEach(RawTcp::close);
        if (server != null) {
            server.close();
        }
    }

    private RawTcp connect(String from) {
        RawTcp tcp = RawTcp.connect(server.port(), from, 0);
        clients.add(tcp);
        return tcp;
    }

    /** A polling handshake on its own connection from {@code from}; the status it got. */
    private int handshakeFrom(String from) {
        try (RawTcp tcp = RawTcp.connect(server.port(), from, 0)) {
            tcp.send(HANDSHAKE);
            return RawTcp.status(tcp.readHead());
        }
    }

    private void assertServes() {
        RawWebSocket ws = RawWebSocket.open(server);
        ws.sidFromOpenPacket();
        ws.send("4still serving");
        assertThat(ws.nextText()).isEqualTo("4still serving");
    }

    @Test
    void aConnectionOverTheTotalIsAnswered503AndOneIsAdmittedAgainOnceAnotherCloses() {
        start(LimitsConfig.builder().maxConnections(3));
        for (int i = 0; i < 3; i++) {
            connect(null);
        }
        EchoEngine.waiting().until(() -> server.server.openConnections() == 3);

        RawTcp refused = connect(null);
        // The request is already on its way: the refusal must still be readable, not reset.
        refused.send(HANDSHAKE);
        String head = refused.readHead();

        assertThat(RawTcp.status(head)).isEqualTo(503);
        assertThat(RawTcp.header(head, "connection")).isEqualToIgnoringCase("close");
        assertThat(refused.readBody(head)).isEqualTo("Service Unavailable\n");
        assertThat(refused.awaitClosed(WITHIN)).isTrue();
        assertThat(server.engine.sessionCount()).as("nothing of the refused request was read").isZero();
        assertThat(server.server.refusedConnections()).isEqualTo(1);

        clients.get(0).close();
        EchoEngine.waiting().until(() -> server.server.openConnections() == 2);
        assertServes();
    }

    @Test
    void aConnectionOverThePerAddressLimitIsAnswered429WhileAnotherAddressIsServed() {
        start(LimitsConfig.builder().maxConnectionsPerIp(2).perIpLimitsOnLoopback(true));
        connect("127.0.0.1");
        connect("127.0.0.1");
        EchoEngine.waiting().until(() -> server.server.openConnections() == 2);

        RawTcp refused = connect("127.0.0.1").send(HANDSHAKE);
        String head = refused.readHead();

        assertThat(RawTcp.status(head)).isEqualTo(429);
        assertThat(RawTcp.header(head, "retry-after")).isEqualTo("1");
        assertThat(refused.awaitClosed(WITHIN)).isTrue();
        assertThat(handshakeFrom("127.0.0.2")).isEqualTo(200);
    }

    @Test
    void newConnectionsFromOneAddressAreRateLimitedByATokenBucket() {
        // One token a second: four handshakes take far less even on a loaded machine.
        start(LimitsConfig.builder().newConnectionsPerIpBurst(4).newConnectionsPerIpPerSecond(1)
                .perIpLimitsOnLoopback(true));
        for (int i = 0; i < 4; i++) {
            assertThat(handshakeFrom("127.0.0.3")).isEqualTo(200);
        }

        assertThat(handshakeFrom("127.0.0.3")).as("the burst is spent").isEqualTo(429);
        assertThat(handshakeFrom("127.0.0.4")).as("another address").isEqualTo(200);
        // Admitted again within a second or so.
        EchoEngine.waiting().until(() -> handshakeFrom("127.0.0.3") == 200);
    }

    @Test
    void aSlowLorisThatTricklesItsHeadIsClosedAfterTheHeaderTimeout() throws Exception {
        start(LimitsConfig.builder().requestHeaderTimeout(Duration.ofMillis(500)));
        RawTcp loris = connect(null);
        long start = System.nanoTime();
        loris.send("GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\n");
        CompletableFuture<Void> trickle = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 200 && loris.trySend("X-Slow: yes\r\n".getBytes()); i++) {
                sleep(50);
            }
        });

        assertThat(loris.awaitClosed(WITHIN)).isTrue();
        Duration open = Duration.ofNanos(System.nanoTime() - start);
        trickle.get();

        assertThat(open).isGreaterThanOrEqualTo(Duration.ofMillis(450)).isLessThan(WITHIN);
        assertThat(server.engine.sessionCount()).isZero();
        assertServes();
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAfterTheHeaderTimeout() {
        start(LimitsConfig.builder().requestHeaderTimeout(Duration.ofMillis(300)));

        assertThat(connect(null).awaitClosed(WITHIN)).isTrue();
        EchoEngine.waiting().until(() -> server.server.openConnections() == 0);
    }

    @Test
    void aLongPollHeldLongerThanTheHeaderTimeoutIsNotCut() {
        server = EchoEngine.start(b -> b.pingInterval(Duration.ofMillis(1500)).pingTimeout(Duration.ofSeconds(5)),
                LimitsConfig.builder().requestHeaderTimeout(Duration.ofMillis(300)).build());
        String sid = new RawHttp().handshake(server);
        RawTcp poll = connect(null);

        poll.send("GET /socket.io/?EIO=4&transport=polling&sid=" + sid + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        String head = poll.readHead();

        assertThat(RawTcp.status(head)).isEqualTo(200);
        assertThat(poll.readBody(head)).as("held until the ping, 1.5 s").isEqualTo("2");
        // The same connection then waits for its next request head, on the clock again.
        assertThat(poll.awaitClosed(WITHIN)).isTrue();
    }

    @Test
    void headersOverTheConfiguredSizeAreRefused431AndSmallerOnesServed() {
        start(LimitsConfig.builder().maxHeaderSize(1024));
        RawTcp big = connect(null);
        RawTcp small = connect(null);

        big.send("GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: "
                + "c".repeat(2048) + "\r\n\r\n");
        small.send("GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: "
                + "c".repeat(900) + "\r\n\r\n");

        assertThat(RawTcp.status(big.readHead())).isEqualTo(431);
        assertThat(big.awaitClosed(WITHIN)).isTrue();
        assertThat(RawTcp.status(small.readHead())).isEqualTo(200);
    }

    @Test
    void theLimitsApplyToRequestsOutsideTheEnginePathToo() {
        start(LimitsConfig.builder().maxInitialLineLength(128));
        RawTcp tcp = connect(null);

        tcp.send("GET /api/" + "x".repeat(200) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

        assertThat(RawTcp.status(tcp.readHead())).isEqualTo(414);
        assertThat(tcp.awaitClosed(WITHIN)).isTrue();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
