package io.colachat.engine.netty;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.colachat.engine.eio.EioCloseReason;
import io.colachat.engine.eio.EioServer;
import io.colachat.engine.eio.EioSocket;
import io.colachat.engine.eio.EngineConfig;
import io.colachat.engine.eio.EioSocketListener;
import io.colachat.engine.testing.Allocations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The production pipeline on an embedded channel, where allocations can be counted exactly. */
class EnginePipelineTest {

    private static final String HANDSHAKE = "GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\n\r\n";

    private EmbeddedEngine sut;

    @BeforeEach
    void start() {
        EioServer engine = new EioServer(EngineConfig.builder().maxPayload(1_000_000).build(),
                socket -> socket.setListener(new EioSocketListener() {
                    @Override
                    public void onMessage(EioSocket s, String text) {
                    }

                    @Override
                    public void onBinary(EioSocket s, byte[] data) {
                    }

                    @Override
                    public void onClose(EioSocket s, EioCloseReason reason) {
                    }
                }));
        sut = new EmbeddedEngine(engine, LimitsConfig.defaults());
    }

    @AfterEach
    void stop() {
        sut.close();
    }

    private String handshake() {
        sut.write(HANDSHAKE);
        String response = sut.drainOutbound();
        assertThat(response).startsWith("HTTP/1.1 200");
        int at = response.indexOf("\"sid\":\"") + 7;
        return response.substring(at, response.indexOf('"', at));
    }

    @Test
    void aPostAnnouncingMaxPayloadButCarryingAFewBytesAllocatesForTheBytesNotTheAnnouncement() {
        String sid = handshake();
        String head = "POST /socket.io/?EIO=4&transport=polling&sid=" + sid + " HTTP/1.1\r\nHost: x\r\n"
                + "Content-Length: 999999\r\n\r\n";
        sut.write("POST /socket.io/?EIO=4&transport=polling&sid=" + sid + " HTTP/1.1\r\nHost: x\r\n"
                + "Content-Length: 2\r\n\r\n4a"); // warms the path up
        sut.drainOutbound();

        long allocated = Allocations.of(() -> sut.write(head + "4hi"));

        // Before the fix the body buffer was sized by Content-Length: a megabyte per connection.
        assertThat(allocated).isLessThan(64 << 10);
        assertThat(sut.channel.isOpen()).isTrue();
    }

    @Test
    void aRequestWhoseHeadFailsToDecodeIsAnswered400AndNeverReachesTheApplication() {
        sut.write("GET /x HTTP/1.1\r\nHost: x\r\nContent-Length: 12abc\r\n\r\n");

        assertThat(sut.drainOutbound()).startsWith("HTTP/1.1 400 Bad Request");
        assertThat(sut.channel.inboundMessages()).isEmpty();
        sut.channel.runPendingTasks();
        assertThat(sut.channel.isOpen()).isFalse();
    }

    @Test
    void aClientClosingMidBodyOnAnApplicationRequestIsNotLoggedAsAFailure() {
        // Found by EnginePipelineFuzzTest: the aggregator reports the cut body as an exception,
        // which was logged at WARN with a stack trace, once per connection any client cares to cut.
        Logger adapterLog = (Logger) LoggerFactory.getLogger(HttpHandlerAdapter.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        adapterLog.addAppender(logged);
        try {
            sut.write("POST /api/upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n");
            sut.channel.close();
            sut.channel.runPendingTasks();

            assertThat(logged.list).noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN));
        } finally {
            adapterLog.detachAppender(logged);
        }
    }

    @Test
    void aPollingHandshakeWorksOnTheEmbeddedPipeline() {
        assertThat(handshake()).hasSize(20);
    }
}
