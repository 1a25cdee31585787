package io.colachat.engine.eio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The settings of Socket.IO's compliance suite: ping every 300 ms, pong within 200 ms. */
class HeartbeatTest {

    private final RawHttp http = new RawHttp();
    private EchoEngine server;

    @BeforeEach
    void start() {
        server = EchoEngine.start(b -> b.pingInterval(Duration.ofMillis(300)).pingTimeout(Duration.ofMillis(200)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aPollingSessionThatPongsIsPingedAndStaysOpen() {
        String sid = http.handshake(server);

        for (int i = 0; i < 3; i++) {
            assertThat(http.get(server.poll(sid)).body()).isEqualTo("2");
            assertThat(http.post(server.poll(sid), "3").body()).isEqualTo("ok");
        }

        assertThat(server.awaitSocket(sid).isOpen()).isTrue();
    }

    @Test
    void aPollingSessionThatDoesNotPongClosesWithPingTimeout() {
        String sid = http.handshake(server);

        assertThat(server.awaitClose(sid)).isEqualTo(EioCloseReason.PING_TIMEOUT);

        RawHttp.assertError(http.get(server.poll(sid)), 400, 1, "Session ID unknown");
        assertThat(server.engine.sessionCount()).isZero();
    }

    @Test
    void aWebsocketSessionThatPongsIsPingedAndStaysOpen() {
        RawWebSocket ws = RawWebSocket.open(server);
        String sid = ws.sidFromOpenPacket();

        for (int i = 0; i < 3; i++) {
            assertThat(ws.nextText()).isEqualTo("2");
            ws.send("3");
        }

        assertThat(server.awaitSocket(sid).isOpen()).isTrue();
        assertThat(ws.closed).isNotDone();
    }

    @Test
    void aWebsocketSessionThatDoesNotPongClosesWithPingTimeout() {
        RawWebSocket ws = RawWebSocket.open(server);
        String sid = ws.sidFromOpenPacket();

        assertThat(ws.nextText()).isEqualTo("2");
        ws.awaitClosed();

        assertThat(server.awaitClose(sid)).isEqualTo(EioCloseReason.PING_TIMEOUT);
        assertThat(server.engine.sessionCount()).isZero();
    }
}
