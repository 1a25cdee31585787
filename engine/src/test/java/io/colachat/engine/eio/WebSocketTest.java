package io.colachat.engine.eio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebSocketTest {

    private EchoEngine server;

    @BeforeEach
    void start() {
        server = EchoEngine.start(b -> b.maxPayload(1000));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void echoesTextAndBinaryMessages() {
        RawWebSocket ws = RawWebSocket.open(server);
        ws.sidFromOpenPacket();

        ws.send("4hello");
        assertThat(ws.nextText()).isEqualTo("4hello");
        ws.send(new byte[] {1, 2, 3, 4});
        assertThat(ws.nextBinary()).containsExactly(1, 2, 3, 4);
        ws.send("bAQID");
        assertThat(ws.nextBinary()).containsExactly(1, 2, 3);
    }

    @Test
    void reassemblesAFragmentedMessageWithinMaxPayload() {
        RawWebSocket ws = RawWebSocket.open(server);
        ws.sidFromOpenPacket();

        ws.sendFragment("4" + "a".repeat(400), false);
        ws.sendFragment("b".repeat(400), true);

        assertThat(ws.nextText()).isEqualTo("4" + "a".repeat(400) + "b".repeat(400));
    }

    @Test
    void aMessageOverMaxPayloadClosesTheConnectionWith1009() {
        RawWebSocket ws = RawWebSocket.open(server);
        String sid = ws.sidFromOpenPacket();

        ws.send("4" + "x".repeat(1000));

        assertThat(ws.awaitClosed()).isEqualTo(1009);
        assertThat(server.awaitClose(sid)).isEqualTo(EioCloseReason.TRANSPORT_ERROR);
    }

    @Test
    void aFragmentedMessageOverMaxPayloadClosesTheConnectionWith1009() {
        RawWebSocket ws = RawWebSocket.open(server);
        String sid = ws.sidFromOpenPacket();

        ws.sendFragment("4" + "a".repeat(600), false);
        ws.sendFragment("b".repeat(600), true);

        assertThat(ws.awaitClosed()).isEqualTo(1009);
        assertThat(server.awaitClose(sid)).isEqualTo(EioCloseReason.TRANSPORT_ERROR);
        assertThat(server.engine.sessionCount()).isZero();
    }

    @Test
    void aMalformedPacketClosesWithParseError() {
        RawWebSocket ws = RawWebSocket.open(server);
        String sid = ws.sidFromOpenPacket();

        ws.send("abc");

        ws.awaitClosed();
        assertThat(server.awaitClose(sid)).isEqualTo(EioCloseReason.PARSE_ERROR);
    }

    @Test
    void aClientPingIsAProtocolError() {
        RawWebSocket ws = RawWebSocket.open(server);
        String sid = ws.sidFromOpenPacket();

        ws.send("2");

        ws.awaitClosed();
        assertThat(server.awaitClose(sid)).isEqualTo(EioCloseReason.TRANSPORT_ERROR);
    }

    @Test
    void aClientClosePacketClosesTheSession() {
        RawWebSocket ws = RawWebSocket.open(server);
        String sid = ws.sidFromOpenPacket();

        ws.send("1");

        ws.awaitClosed();
        assertThat(server.awaitClose(sid)).isEqualTo(EioCloseReason.TRANSPORT_CLOSE);
        assertThat(server.engine.sessionCount()).isZero();
    }

    @Test
    void aDroppedConnectionClosesWithTransportClose() {
        RawWebSocket ws = RawWebSocket.open(server);
        String sid = ws.sidFromOpenPacket();

        ws.abort();

        assertThat(server.awaitClose(sid)).isEqualTo(EioCloseReason.TRANSPORT_CLOSE);
    }

    @Test
    void aServerCloseDeliversWhatIsQueuedThenANormalClose() {
        RawWebSocket ws = RawWebSocket.open(server);
        String sid = ws.sidFromOpenPacket();
        EioSocket socket = server.awaitSocket(sid);

        socket.send(EioMessage.text("bye"));
        socket.close(EioCloseReason.FORCED_CLOSE);

        assertThat(ws.nextText()).isEqualTo("4bye");
        assertThat(ws.awaitClosed()).isEqualTo(1000);
        assertThat(server.awaitClose(sid)).isEqualTo(EioCloseReason.FORCED_CLOSE);
        assertThat(socket.isOpen()).isFalse();
        assertThat(socket.send(EioMessage.text("late"))).isFalse();
    }
}
