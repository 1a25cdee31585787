package io.colachat.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.colachat.engine.eio.EchoEngine;
import io.colachat.engine.eio.EngineConfig;
import io.colachat.engine.eio.OriginPolicy;
import io.colachat.engine.eio.RawWebSocket;
import io.colachat.engine.testing.Memory;
import io.colachat.engine.testing.RawTcp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading while the server broadcasts: its session is closed as a slow
 * consumer once its buffers pass the high-water mark, so it cannot grow the server's memory, and
 * every other client keeps getting every message.
 */
class SlowConsumerTest {

    private static final int HIGH = 256 << 10;
    private static final String PAYLOAD = "m".repeat(16 << 10);
    /** Messages per round; readers get a round before the next is sent, as in a paced chat. */
    private static final int ROUND = 8;
    private static final int MAX_ROUNDS = 2_000;

    private final Map<String, String> disconnects = new ConcurrentHashMap<>();
    private SocketIoServer io;

    @BeforeEach
    void start() {
        io = SocketIoServer.create(SocketIoConfig.builder()
                .engine(EngineConfig.builder()
                        .outboundLowWaterMark(64 << 10).outboundHighWaterMark(HIGH)
                        .pingInterval(EchoEngine.QUIET_PING_INTERVAL).pingTimeout(EchoEngine.QUIET_PING_INTERVAL)
                        .originPolicy(OriginPolicy.any())
                        .build())
                .build());
        io.onConnection(socket -> socket.onDisconnect((s, reason) -> disconnects.put(s.id(), reason.wireName())));
        io.listen("127.0.0.1", 0, null);
    }

    @AfterEach
    void stop() {
        io.close();
    }

    private RawWebSocket reader() {
        return RawWebSocket.joinMainNamespace(io.port()).ws();
    }

    @Test
    void aWebSocketClientThatNeverReadsIsClosedAsASlowConsumerWhileTheOthersGetEveryMessage() {
        String stalledId;
        long before = Memory.held();
        try (RawTcp stalled = RawTcp.connect(io.port(), null, 4096)) {
            stalled.upgrade("/socket.io/?EIO=4&transport=websocket", io.port());
            stalled.readText();
            stalled.sendText("40");
            String ack = stalled.readText();
            stalledId = ack.substring("40{\"sid\":\"".length(), ack.length() - 2);
            // From here on it reads nothing more.
            List<RawWebSocket> readers = new ArrayList<>(List.of(reader(), reader(), reader()));

            int sent = 0;
            while (!disconnects.containsKey(stalledId) && sent < MAX_ROUNDS * ROUND) {
                for (int i = 0; i < ROUND; i++) {
                    io.emit("news", sent++, PAYLOAD);
                }
                for (RawWebSocket r : readers) {
                    for (int i = sent - ROUND; i < sent; i++) {
                        assertThat(r.nextText()).startsWith("42[\"news\"," + i + ",");
                    }
                }
            }

            EchoEngine.waiting().atMost(Duration.ofSeconds(10)).until(() -> disconnects.containsKey(stalledId));
            assertThat(disconnects).containsEntry(stalledId, "slow consumer").hasSize(1);
            assertThat(sent).as("closed long before the round limit").isLessThan(MAX_ROUNDS * ROUND);
            assertThat(Memory.held() - before).as("memory held by the stalled client").isLessThan(32L << 20);

            // The others are still served, in order and in full.
            io.emit("news", sent, "after");
            for (RawWebSocket r : readers) {
                assertThat(r.nextText()).isEqualTo("42[\"news\"," + sent + ",\"after\"]");
            }
            assertThat(io.engine().sessionCount()).isEqualTo(3);
        }
    }
}
