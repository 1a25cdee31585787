package io.colachat.engine.eio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UpgradeTest {

    private final RawHttp http = new RawHttp();
    private EchoEngine server;

    @BeforeEach
    void start() {
        server = EchoEngine.start(b -> b.upgradeTimeout(Duration.ofMillis(300)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RawWebSocket probe(String sid) {
        return RawWebSocket.connect(server.ws("EIO=4&transport=websocket&sid=" + sid));
    }

    @Test
    void upgradesFromPollingToWebsocket() {
        String sid = http.handshake(server);
        RawWebSocket ws = probe(sid);

        ws.send("2probe");
        assertThat(ws.nextText()).isEqualTo("3probe");
        // The poll the client sends while probing is ended at once so it can send the upgrade.
        assertThat(http.get(server.poll(sid)).body()).isEqualTo("6");
        EioSocket socket = server.awaitSocket(sid);
        socket.send(EioMessage.text("queued while probing"));
        ws.send("5");

        assertThat(ws.nextText()).isEqualTo("4queued while probing");
        ws.send("4hello");
        assertThat(ws.nextText()).isEqualTo("4hello");
        assertThat(socket.transport()).isEqualTo("websocket");
        assertThat(socket.isOpen()).isTrue();
    }

    @Test
    void aProbeReleasesAPollThatIsAlreadyWaiting() {
        String sid = http.handshake(server);
        CompletableFuture<HttpResponse<String>> poll = http.getAsync(server.poll(sid));
        server.awaitPollWaiting(sid);
        RawWebSocket ws = probe(sid);

        ws.send("2probe");

        assertThat(ws.nextText()).isEqualTo("3probe");
        assertThat(poll.join().body()).isEqualTo("6");
    }

    @Test
    void pollingRequestsAfterTheUpgradeAreRefused() {
        String sid = http.handshake(server);
        RawWebSocket ws = probe(sid);
        ws.send("2probe");
        assertThat(ws.nextText()).isEqualTo("3probe");
        ws.send("5");
        ws.send("4hello");
        assertThat(ws.nextText()).isEqualTo("4hello");

        RawHttp.assertError(http.get(server.poll(sid)), 400, 3, "Bad request");
        RawHttp.assertError(http.post(server.poll(sid), "4x"), 400, 3, "Bad request");
        assertThat(server.awaitSocket(sid).isOpen()).isTrue();
    }

    @Test
    void aSecondWebsocketForAnUpgradedSessionIsRefused() {
        String sid = http.handshake(server);
        RawWebSocket ws = probe(sid);
        ws.send("2probe");
        assertThat(ws.nextText()).isEqualTo("3probe");
        ws.send("5");
        ws.send("4hello");
        assertThat(ws.nextText()).isEqualTo("4hello");

        assertThatThrownBy(() -> probe(sid))
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(400));
        ws.send("4still here");
        assertThat(ws.nextText()).isEqualTo("4still here");
    }

    @Test
    void anUnfinishedProbeIsDroppedAfterTheUpgradeTimeout() {
        String sid = http.handshake(server);
        RawWebSocket ws = probe(sid);
        ws.send("2probe");
        assertThat(ws.nextText()).isEqualTo("3probe");

        ws.awaitClosed();

        EioSocket socket = server.awaitSocket(sid);
        assertThat(socket.isOpen()).isTrue();
        assertThat(socket.transport()).isEqualTo("polling");
        http.post(server.poll(sid), "4still polling");
        assertThat(http.get(server.poll(sid)).body()).isEqualTo("4still polling");
    }

    @Test
    void anUnexpectedPacketOnTheProbeDropsIt() {
        String sid = http.handshake(server);
        RawWebSocket ws = probe(sid);

        ws.send("4too early");

        ws.awaitClosed();
        assertThat(server.awaitSocket(sid).transport()).isEqualTo("polling");
        assertThat(server.awaitSocket(sid).isOpen()).isTrue();
    }
}
