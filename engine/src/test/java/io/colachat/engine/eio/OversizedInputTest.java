package io.colachat.engine.eio;

import static org.assertj.core.api.Assertions.assertThat;

import io.colachat.engine.testing.Memory;
import io.colachat.engine.testing.RawTcp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Inputs far over the limits are refused before they are buffered, and the server's memory
 * stays flat while an attacker keeps sending (real sockets, a real server).
 */
class OversizedInputTest {

    /** 2 MiB, so that a 1 MiB packet is legal. */
    private static final int MAX_PAYLOAD = 2 << 20;
    /** What "flat" means against attacks of 64 MiB and more. */
    private static final long FLAT = 24L << 20;
    private static final Duration CLOSE_WITHIN = Duration.ofSeconds(10);

    private final RawHttp http = new RawHttp();
    private EchoEngine server;

    @BeforeEach
    void start() {
        server = EchoEngine.start(b -> b.maxPayload(MAX_PAYLOAD));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String postHead(String sid, String lengthHeader) {
        return "POST /socket.io/?EIO=4&transport=polling&sid=" + sid + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + server.port() + "\r\n"
                + "Content-Type: text/plain;charset=UTF-8\r\n"
                + lengthHeader + "\r\n\r\n";
    }

    @Test
    void aPollingPostAnnouncingAGigabyteIsRefused413BeforeItsBodyIsSent() {
        String sid = http.handshake(server);
        try (RawTcp tcp = RawTcp.connect(server.port())) {
            tcp.send(postHead(sid, "Content-Length: 1000000000"));

            // Answered on the head alone: not a byte of the body has been sent.
            String head = tcp.readHead();

            assertThat(RawTcp.status(head)).isEqualTo(413);
            assertThat(RawTcp.header(head, "connection")).isEqualToIgnoringCase("close");
            assertThat(tcp.awaitClosed(CLOSE_WITHIN)).as("the connection closes after the 413").isTrue();
        }
        assertThat(server.awaitClose(sid)).isEqualTo(EioCloseReason.TRANSPORT_ERROR);
    }

    @Test
    void aChunkedPollingPostStreaming64MegabytesIsRefused413AndMemoryStaysFlat() throws Exception {
        String sid = http.handshake(server);
        long before = Memory.held();
        try (RawTcp tcp = RawTcp.connect(server.port())) {
            tcp.send(postHead(sid, "Transfer-Encoding: chunked"));
            byte[] chunk = chunk(64 << 10);
            CompletableFuture<Boolean> writer = CompletableFuture.supplyAsync(() -> {
                boolean allSent = true;
                for (int i = 0; i < 1024 && allSent; i++) {
                    allSent = tcp.trySend(chunk);
                }
                return allSent;
            });

            String head = tcp.readHead();
            writer.get(60, TimeUnit.SECONDS);
            long during = Memory.held();

            assertThat(RawTcp.status(head)).isEqualTo(413);
            assertThat(during - before).as("bytes held after streaming 64 MiB").isLessThan(FLAT);
        }
        assertThat(server.awaitClose(sid)).isEqualTo(EioCloseReason.TRANSPORT_ERROR);
    }

    @Test
    void aWebSocketFrameAnnouncingATerabyteIsClosedWith1009BeforeItsPayloadIsRead() {
        try (RawTcp tcp = RawTcp.connect(server.port())) {
            tcp.upgrade("/socket.io/?EIO=4&transport=websocket", server.port());
            String sid = RawHttp.openPacket(tcp.readText()).get("sid").asText();

            tcp.send(RawTcp.frameHeader(RawTcp.TEXT, true, 1L << 40, "4abc".getBytes(StandardCharsets.US_ASCII)));

            assertThat(tcp.readCloseStatus()).isEqualTo(1009);
            assertThat(tcp.awaitClosed(CLOSE_WITHIN)).isTrue();
            assertThat(server.awaitClose(sid)).isEqualTo(EioCloseReason.TRANSPORT_ERROR);
        }
    }

    @Test
    void aOneMegabytePacketIsDecodedOverWebSocketAndOverPolling() {
        String big = "4" + "é".repeat(1 << 19); // 1 MiB of UTF-8 after the type
        RawWebSocket ws = RawWebSocket.open(server);
        ws.sidFromOpenPacket();
        long start = System.nanoTime();

        ws.send(big);
        assertThat(ws.nextText()).isEqualTo(big);
        String sid = http.handshake(server);
        assertThat(http.post(server.poll(sid), big).body()).isEqualTo("ok");
        assertThat(http.get(server.poll(sid)).body()).isEqualTo(big);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("linear, not quadratic").isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void a100000OneByteContinuationFramesCloseTheConnectionAndMemoryStaysFlat() throws Exception {
        long before = Memory.held();
        try (RawTcp tcp = RawTcp.connect(server.port())) {
            tcp.upgrade("/socket.io/?EIO=4&transport=websocket", server.port());
            String sid = RawHttp.openPacket(tcp.readText()).get("sid").asText();
            byte[] one = RawTcp.frame(RawTcp.CONTINUATION, false, new byte[] {'x'});
            byte[] burst = new byte[one.length * 1000];
            for (int j = 0; j < 1000; j++) {
                System.arraycopy(one, 0, burst, j * one.length, one.length);
            }
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                if (!tcp.trySend(RawTcp.frame(RawTcp.TEXT, false, new byte[] {'4'}))) {
                    return;
                }
                for (int i = 0; i < 100; i++) {
                    if (!tcp.trySend(burst)) {
                        return;
                    }
                }
            });

            assertThat(tcp.readCloseStatus()).isEqualTo(1009);
            assertThat(server.awaitClose(sid)).isEqualTo(EioCloseReason.TRANSPORT_ERROR);
            writer.get(30, TimeUnit.SECONDS);
        }
        assertThat(Memory.held() - before).isLessThan(FLAT);
        RawWebSocket other = RawWebSocket.open(server);
        other.sidFromOpenPacket();
        other.send("4still serving");
        assertThat(other.nextText()).isEqualTo("4still serving");
    }

    @Test
    void aFragmentedMessageWithinTheFrameLimitIsReassembled() {
        try (RawTcp tcp = RawTcp.connect(server.port())) {
            tcp.upgrade("/socket.io/?EIO=4&transport=websocket", server.port());
            tcp.readText();

            tcp.send(RawTcp.frame(RawTcp.TEXT, false, new byte[] {'4'}));
            for (int i = 0; i < 254; i++) {
                tcp.send(RawTcp.frame(RawTcp.CONTINUATION, false, new byte[] {'a'}));
            }
            tcp.send(RawTcp.frame(RawTcp.CONTINUATION, true, new byte[] {'z'}));

            assertThat(tcp.readText()).isEqualTo("4" + "a".repeat(254) + "z");
        }
    }

    @Test
    void pingsFromAClientThatNeverReadsDoNotGrowServerMemory() throws Exception {
        long before = Memory.held();
        try (RawTcp tcp = RawTcp.connect(server.port(), null, 4096)) {
            tcp.upgrade("/socket.io/?EIO=4&transport=websocket", server.port());
            byte[] ping = RawTcp.frame(RawTcp.PING, true, new byte[125]);
            byte[] burst = new byte[ping.length * 1000];
            for (int j = 0; j < 1000; j++) {
                System.arraycopy(ping, 0, burst, j * ping.length, ping.length);
            }
            // 200,000 pings: 25 MB of pongs if every one were answered and kept.
            for (int i = 0; i < 200; i++) {
                tcp.send(burst);
            }
            long during = Memory.held();

            assertThat(during - before).isLessThan(FLAT);
            assertThat(server.engine.sessionCount()).as("the session is still open").isEqualTo(1);
        }
    }

    private static byte[] chunk(int size) {
        byte[] data = ("4" + "x".repeat(size - 1)).getBytes(StandardCharsets.US_ASCII);
        byte[] head = (Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + size + 2];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(data, 0, out, head.length, size);
        out[out.length - 2] = '\r';
        out[out.length - 1] = '\n';
        return out;
    }
}
