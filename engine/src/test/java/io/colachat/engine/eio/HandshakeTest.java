package io.colachat.engine.eio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HandshakeTest {

    private final RawHttp http = new RawHttp();
    private EchoEngine server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void pollingHandshakeAnswersTheOpenPacketWithTheConfiguredSettings() {
        server = EchoEngine.start(b -> b.pingInterval(Duration.ofMillis(25_000)).pingTimeout(Duration.ofMillis(20_000)));

        HttpResponse<String> response = http.get(server.http("EIO=4&transport=polling"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/plain; charset=UTF-8");
        JsonNode open = RawHttp.openPacket(response.body());
        assertThat(open.get("sid").asText()).matches("[A-Za-z0-9_-]{20}");
        assertThat(open.get("upgrades").toString()).isEqualTo("[\"websocket\"]");
        assertThat(open.get("pingInterval").asInt()).isEqualTo(25_000);
        assertThat(open.get("pingTimeout").asInt()).isEqualTo(20_000);
        assertThat(open.get("maxPayload").asInt()).isEqualTo(1_000_000);
        assertThat(open.size()).isEqualTo(5);
        assertThat(server.engine.sessionCount()).isEqualTo(1);
        EioSocket socket = server.awaitSocket(open.get("sid").asText());
        assertThat(socket.transport()).isEqualTo("polling");
        assertThat(socket.handshake().queryParam("EIO")).isEqualTo("4");
        assertThat(socket.handshake().remoteAddress().getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void pollingHandshakeOffersNoUpgradeWhenUpgradesAreDisabled() {
        server = EchoEngine.start(b -> b.allowUpgrades(false));

        JsonNode open = RawHttp.openPacket(http.get(server.http("EIO=4&transport=polling")).body());

        assertThat(open.get("upgrades").toString()).isEqualTo("[]");
    }

    @Test
    void pollingHandshakeOffersNoUpgradeWhenWebsocketIsNotATransport() {
        server = EchoEngine.start(b -> b.transports(Set.of("polling")));

        JsonNode open = RawHttp.openPacket(http.get(server.http("EIO=4&transport=polling")).body());

        assertThat(open.get("upgrades").toString()).isEqualTo("[]");
    }

    @Test
    void websocketHandshakeSendsTheOpenPacketAsTheFirstFrame() {
        server = EchoEngine.start();

        RawWebSocket ws = RawWebSocket.open(server);
        JsonNode open = RawHttp.openPacket(ws.nextText());

        assertThat(open.get("upgrades").toString()).isEqualTo("[]");
        assertThat(open.get("maxPayload").asInt()).isEqualTo(1_000_000);
        assertThat(server.awaitSocket(open.get("sid").asText()).transport()).isEqualTo("websocket");
        assertThat(server.engine.sessionCount()).isEqualTo(1);
    }
}
