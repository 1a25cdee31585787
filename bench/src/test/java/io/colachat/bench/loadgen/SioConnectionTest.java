package io.colachat.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client's Engine.IO / Socket.IO state machine and accounting, driven frame by frame. */
class SioConnectionTest {

    private LoadClient client;
    private SioConnection sut;
    private EmbeddedChannel channel;

    @BeforeEach
    void setUp() {
        client = new LoadClient(URI.create("http://127.0.0.1:1"), "anonymous", Dialect.SOCKET_IO, 1,
                ClientListener.NONE);
        sut = new SioConnection(0, client);
        channel = new EmbeddedChannel(sut);
    }

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
        client.close();
    }

    private void receive(String text) {
        channel.writeInbound(new TextWebSocketFrame(text));
    }

    private String sent() {
        TextWebSocketFrame f = channel.readOutbound();
        try {
            return f.text();
        } finally {
            f.release();
        }
    }

    @Test
    void shouldConnectTheNamespaceAfterTheOpenPacketAndAnswerPings() {
        receive("0{\"sid\":\"abc\",\"upgrades\":[],\"pingInterval\":25000,\"pingTimeout\":20000,\"maxPayload\":1000000}");
        assertThat(sent()).isEqualTo("40/anonymous,");

        receive("40/anonymous,{\"sid\":\"xyz\"}");
        assertThat(sut.isReady()).isTrue();
        assertThat(client.stats().connected.sum()).isEqualTo(1);

        receive("2");
        assertThat(sent()).isEqualTo("3");
    }

    @Test
    void shouldCountAcksBySuccess() {
        receive("43/anonymous,1[{\"success\":true,\"message\":\"OK\",\"data\":{\"id\":\"c1\",\"token\":\"t\"}}]");
        receive("43/anonymous,2[{\"success\":false,\"message\":\"slow down\",\"code\":\"RATE_LIMITED\",\"data\":null}]");
        receive("43/anonymous,2[{\"success\":true,\"message\":\"OK\",\"data\":{\"id\":7}}]");

        assertThat(client.stats().joinOk.sum()).isEqualTo(1);
        assertThat(client.stats().sendOk.sum()).isEqualTo(1);
        assertThat(client.stats().sendFailed.sum()).isEqualTo(1);
    }

    @Test
    void shouldMeasureLatencyFromTheTimestampInTheContentAndCheckIdOrder() {
        long t = System.nanoTime() - 5_000_000;
        receive("42/anonymous,[\"sendMessage\",{\"id\":41,\"type\":\"MESSAGE\",\"content\":\"t=" + t
                + "\",\"chatter\":{\"id\":\"u-1\",\"nickname\":\"Brave Otter\"}}]");
        receive("42/anonymous,[\"sendAlert\",{\"id\":42,\"type\":\"ALERT\",\"content\":\"Calm Fox joined.\"}]");
        receive("42/anonymous,[\"sendMessage\",{\"id\":40,\"content\":\"t=" + t + "\"}]");

        assertThat(client.stats().deliveries.sum()).isEqualTo(2);
        assertThat(client.stats().alerts.sum()).isEqualTo(1);
        assertThat(client.stats().orderViolations.sum()).isEqualTo(1);
        assertThat(client.stats().takeLatency().getValueAtPercentile(50)).isGreaterThanOrEqualTo(5_000);
    }

    @Test
    void shouldFindTheMessageIdWhereverTheServerPutsIt() {
        receive("42/anonymous,[\"sendMessage\",{\"type\":\"MESSAGE\",\"chatter\":{\"id\":\"u-1\"},\"content\":\"t=1\","
                + "\"id\":5}]");
        assertThat(sut.lastMessageId()).isEqualTo(5);
    }

    @Test
    void shouldTrackThePresenceViewFromFullListsAndDiffs() {
        client.stats().presenceTarget = 3;
        receive("42/anonymous,[\"returnChatters\",[{\"id\":\"a\",\"nickname\":\"A\"},{\"id\":\"b\",\"nickname\":\"B\"}]]");
        assertThat(sut.presenceView()).isEqualTo(2);

        receive("42/anonymous,[\"presenceDiff\",{\"joined\":[{\"id\":\"c\",\"nickname\":\"C\"}],\"left\":[],"
                + "\"renamed\":[]}]");
        assertThat(sut.presenceView()).isEqualTo(3);
        assertThat(client.stats().presenceSettled.sum()).isEqualTo(1);

        receive("42/anonymous,[\"presenceDiff\",{\"joined\":[],\"left\":[\"a\",\"b\"],\"renamed\":[]}]");
        assertThat(sut.presenceView()).isEqualTo(1);
    }

    @Test
    void shouldWriteTimestampedMessagesIntoTheTargetRoom() {
        sut.targetRoom("r-1");
        sut.sendTimestamped(true);

        String frame = sent();
        assertThat(frame).startsWith("42/anonymous,2[\"sendMessage\",{\"roomId\":\"r-1\",\"content\":\"t=")
                .endsWith("\"}]");
        String digits = frame.substring(frame.indexOf("t=") + 2, frame.length() - 3);
        assertThat(Long.parseLong(digits)).isPositive();
        assertThat(frame.getBytes(StandardCharsets.UTF_8)).hasSize(frame.length());
    }
}
