package io.colachat.engine.netty;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.colachat.engine.SocketIoConfig;
import io.colachat.engine.SocketIoServer;
import io.colachat.engine.eio.EngineConfig;
import io.colachat.engine.testing.FuzzBudget;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.slf4j.LoggerFactory;

/**
 * Coverage-guided fuzzing of a whole connection: any bytes through the production pipeline (the
 * limits, the HTTP codec, the head guard, the router, polling and the websocket upgrade, frames,
 * Engine.IO and Socket.IO) of a real {@link SocketIoServer} whose sockets echo every event.
 *
 * <p>The input is reads separated by the cut mark {@code "\n-8<-\n"}; before each read,
 * {@code $SID} is replaced by the last session id the server handed out, so that polling requests
 * can reach their session. After the last read the clock moves on a minute, so timeouts fire too.
 *
 * <p>Properties: no exception reaches the end of the pipeline, nothing is logged at WARN or above
 * (a handler or listener failure, a double response, a leak), and bounded time and allocation
 * ({@link FuzzBudget}): a Content-Length, a frame length or an attachment count only announced costs
 * nothing.
 */
class EnginePipelineFuzzTest {

    private static final byte[] CUT = "\n-8<-\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final Pattern SID = Pattern.compile("\"sid\":\"([A-Za-z0-9_-]{20})\"");
    /** Large, so that a buffer sized by an announced length stands out against the input. */
    private static final int MAX_PAYLOAD = 8 << 20;
    private static final SocketIoConfig CONFIG = SocketIoConfig.builder()
            .engine(EngineConfig.builder().maxPayload(MAX_PAYLOAD).build())
            .build();

    private static final ListAppender<ILoggingEvent> warnings = new ListAppender<>();
    private static Level rootLevel;

    @BeforeAll
    static void captureWarnings() {
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        // Debug logging of every fuzzed connection would cost more than the connection.
        root.setLevel(Level.WARN);
        warnings.start();
        root.addAppender(warnings);
        run(("GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\n\r\n\n-8<-\n"
                + "POST /socket.io/?EIO=4&transport=polling&sid=$SID HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n40")
                .getBytes(StandardCharsets.ISO_8859_1));
    }

    @AfterAll
    static void restoreLogging() {
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(warnings);
        root.setLevel(rootLevel);
    }

    @FuzzTest(maxDuration = "10s")
    @DictionaryFile(resourcePath = "EnginePipelineFuzzTest.dict")
    void answersAnyBytesWithAResponseOrAClose(byte[] input) {
        warnings.list.clear();
        // Each request, session and frame costs some kilobytes; what matters is that nothing costs
        // what a header or a frame merely announces (up to maxPayload, 8 MiB).
        FuzzBudget.check(input.length, 512 << 10, 2048, () -> run(input));
        if (!warnings.list.isEmpty()) {
            ILoggingEvent first = warnings.list.get(0);
            throw new AssertionError("logged " + first.getLevel() + " " + first.getLoggerName() + ": "
                    + first.getFormattedMessage()
                    + (first.getThrowableProxy() == null ? "" : " / " + first.getThrowableProxy().getClassName()
                            + ": " + first.getThrowableProxy().getMessage()));
        }
    }

    private static void run(byte[] input) {
        SocketIoServer io = SocketIoServer.create(CONFIG);
        io.onConnection(socket -> socket.onAny((event, args) -> socket.emit(event, args.toArray())));
        String sid = "AAAAAAAAAAAAAAAAAAAA";
        try (EmbeddedEngine connection = new EmbeddedEngine(io.engine(), LimitsConfig.defaults())) {
            for (byte[] read : split(input)) {
                if (!connection.write(withSid(read, sid))) {
                    break;
                }
                Matcher m = SID.matcher(connection.drainOutbound());
                while (m.find()) {
                    sid = m.group(1);
                }
            }
            connection.channel.advanceTimeBy(60, TimeUnit.SECONDS);
            connection.channel.runScheduledPendingTasks();
            connection.channel.runPendingTasks();
            connection.drainOutbound();
            connection.channel.checkException();
        }
    }

    private static List<byte[]> split(byte[] input) {
        List<byte[]> reads = new ArrayList<>();
        int from = 0;
        for (int i = 0; i + CUT.length <= input.length; i++) {
            if (matches(input, i)) {
                reads.add(java.util.Arrays.copyOfRange(input, from, i));
                from = i + CUT.length;
                i = from - 1;
            }
        }
        reads.add(java.util.Arrays.copyOfRange(input, from, input.length));
        return reads;
    }

    private static boolean matches(byte[] input, int at) {
        for (int j = 0; j < CUT.length; j++) {
            if (input[at + j] != CUT[j]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] withSid(byte[] read, String sid) {
        String text = new String(read, StandardCharsets.ISO_8859_1);
        return text.contains("$SID") ? text.replace("$SID", sid).getBytes(StandardCharsets.ISO_8859_1) : read;
    }
}
