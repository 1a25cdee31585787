package io.colachat.engine.eio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Outbound buffers are bounded: low-water mark 64 KiB, high-water mark 256 KiB. */
class BackpressureTest {

    private static final int LOW = 64 << 10;
    private static final int HIGH = 256 << 10;
    /** Enough to fill the kernel's socket buffers many times over; the loops stop far earlier. */
    private static final int MAX_SENDS = 5_000;

    private final RawHttp http = new RawHttp();
    private final EioMessage big = EioMessage.text("x".repeat(32 << 10));
    private EchoEngine server;

    @BeforeEach
    void start() {
        server = EchoEngine.start(b -> b.outboundLowWaterMark(LOW).outboundHighWaterMark(HIGH));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A websocket client that completes the handshake and then never reads again. */
    private Socket stalledWebSocket() throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + server.port() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed during handshake: " + head);
            }
            head.write(b);
        }
        assertThat(head.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 101");
        return socket;
    }

    /** Sends on the session's own loop, so that each send is flushed before the next one. */
    private static boolean sendOnLoop(EioSocket socket, EioMessage message, boolean isVolatile) throws Exception {
        return socket.eventLoop().submit(() -> socket.send(List.of(message), isVolatile)).get();
    }

    @Test
    void volatileSendsAreDroppedOverTheLowWaterMarkWithoutClosing() throws Exception {
        try (Socket stalled = stalledWebSocket()) {
            EioSocket socket = server.awaitSocket(single());

            int accepted = 0;
            while (accepted < MAX_SENDS && sendOnLoop(socket, big, true)) {
                accepted++;
            }

            assertThat(accepted).isLessThan(MAX_SENDS);
            assertThat(socket.isOpen()).isTrue();
            assertThat(server.closes).isEmpty();
            assertThat(socket.send(List.of(big), true)).as("a volatile send from another thread").isFalse();
        }
    }

    @Test
    void aClientThatDoesNotReadIsClosedAsASlowConsumer() throws Exception {
        try (Socket stalled = stalledWebSocket()) {
            String sid = single();
            EioSocket socket = server.awaitSocket(sid);

            int sends = 0;
            while (sends < MAX_SENDS && sendOnLoop(socket, big, false)) {
                sends++;
            }

            assertThat(sends).isLessThan(MAX_SENDS);
            assertThat(server.awaitClose(sid)).isEqualTo(EioCloseReason.SLOW_CONSUMER);
            assertThat(server.engine.sessionCount()).isZero();
        }
        // The server is unharmed: a new client gets a session and an echo.
        RawWebSocket ws = RawWebSocket.open(server);
        ws.sidFromOpenPacket();
        ws.send("4still serving");
        assertThat(ws.nextText()).isEqualTo("4still serving");
    }

    @Test
    void aPollingClientThatDoesNotPollIsBoundedToo() throws Exception {
        String sid = http.handshake(server);
        EioSocket socket = server.awaitSocket(sid);

        assertThat(sendOnLoop(socket, big, true)).isTrue();
        assertThat(sendOnLoop(socket, big, true)).isTrue();
        assertThat(sendOnLoop(socket, big, true)).as("volatile over the low-water mark").isFalse();
        int sends = 2;
        while (sends < MAX_SENDS && sendOnLoop(socket, big, false)) {
            sends++;
        }

        assertThat(sends).as("32 KiB messages under a 256 KiB high-water mark").isEqualTo(HIGH / big.size());
        assertThat(server.awaitClose(sid)).isEqualTo(EioCloseReason.SLOW_CONSUMER);
    }

    private String single() {
        EchoEngine.waiting().until(() -> server.sockets.size() == 1);
        return server.sockets.keySet().iterator().next();
    }
}
