package io.colachat.engine.eio;

import static org.awaitility.Awaitility.await;

import io.colachat.engine.netty.HttpHandler;
import io.colachat.engine.netty.LimitsConfig;
import io.colachat.engine.netty.NettyServer;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.awaitility.core.ConditionFactory;

/**
 * A real {@link NettyServer} on a free port with an Engine.IO echo server: every text or binary
 * message a session receives is sent back to it. Records each session and how it closed.
 */
public final class EchoEngine implements AutoCloseable {

    /** Heartbeats slow enough never to interfere with tests that are not about them. */
    public static final Duration QUIET_PING_INTERVAL = Duration.ofSeconds(20);

    public final EioServer engine;
    public final NettyServer server;
    public final Map<String, EioSocket> sockets = new ConcurrentHashMap<>();
    public final Map<String, EioCloseReason> closes = new ConcurrentHashMap<>();

    private EchoEngine(EngineConfig config, HttpHandler http, boolean nativeTransport, LimitsConfig limits) {
        this.engine = new EioServer(config, socket -> {
            sockets.put(socket.id(), socket);
            socket.setListener(new EioSocketListener() {
                @Override
                public void onMessage(EioSocket s, String text) {
                    s.send(EioMessage.text(text));
                }

                @Override
                public void onBinary(EioSocket s, byte[] data) {
                    s.send(EioMessage.binary(data));
                }

                @Override
                public void onClose(EioSocket s, EioCloseReason reason) {
                    closes.put(s.id(), reason);
                }
            });
        });
        NettyServer.Builder b = NettyServer.builder().host("127.0.0.1").port(0).engine(engine)
                .eventLoopThreads(2).nativeTransport(nativeTransport).limits(limits);
        if (http != null) {
            b.httpHandler(http);
        }
        this.server = b.build();
        server.start();
    }

    /** An echo server with quiet heartbeats, any origin unless {@code config} says otherwise. */
    public static EchoEngine start(UnaryOperator<EngineConfig.Builder> config) {
        return start(config, null, true);
    }

    public static EchoEngine start(UnaryOperator<EngineConfig.Builder> config, HttpHandler http, boolean nativeTransport) {
        return start(config, http, nativeTransport, LimitsConfig.defaults());
    }

    /** An echo server with these limits. */
    public static EchoEngine start(UnaryOperator<EngineConfig.Builder> config, LimitsConfig limits) {
        return start(config, null, true, limits);
    }

    public static EchoEngine start(UnaryOperator<EngineConfig.Builder> config, HttpHandler http, boolean nativeTransport,
            LimitsConfig limits) {
        EngineConfig.Builder b = EngineConfig.builder()
                .pingInterval(QUIET_PING_INTERVAL)
                .pingTimeout(QUIET_PING_INTERVAL)
                .originPolicy(OriginPolicy.any());
        return new EchoEngine(config.apply(b).build(), http, nativeTransport, limits);
    }

    public static EchoEngine start() {
        return start(UnaryOperator.identity());
    }

    public int port() {
        return server.port();
    }

    /** {@code http://127.0.0.1:PORT/socket.io/?} followed by {@code query}. */
    public URI http(String query) {
        return URI.create("http://127.0.0.1:" + port() + engine.config().path() + "?" + query);
    }

    /** The polling URI of a session. */
    public URI poll(String sid) {
        return http("EIO=4&transport=polling&sid=" + sid);
    }

    /** {@code ws://127.0.0.1:PORT/socket.io/?} followed by {@code query}. */
    public URI ws(String query) {
        return URI.create("ws://127.0.0.1:" + port() + engine.config().path() + "?" + query);
    }

    /** Awaitility with a 5 s deadline, checking every few milliseconds rather than every 100. */
    public static ConditionFactory waiting() {
        return await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5));
    }

    /** Waits until the session has closed and returns why. */
    public EioCloseReason awaitClose(String sid) {
        waiting().until(() -> closes.containsKey(sid));
        return closes.get(sid);
    }

    /** Waits until the session exists on the server and returns it. */
    public EioSocket awaitSocket(String sid) {
        waiting().until(() -> sockets.containsKey(sid));
        return sockets.get(sid);
    }

    /** Waits until a poll of the session is held open by the server. */
    public void awaitPollWaiting(String sid) {
        waiting().until(() -> {
            EioSession s = engine.session(sid);
            return s != null && s.eventLoop().submit(s::isTransportWritable).get();
        });
    }

    @Override
    public void close() {
        server.close();
    }
}
