package io.colachat.engine.example;

import io.colachat.engine.SocketIoConfig;
import io.colachat.engine.SocketIoServer;
import io.colachat.engine.eio.EioCloseReason;
import io.colachat.engine.eio.EioMessage;
import io.colachat.engine.eio.EioServer;
import io.colachat.engine.eio.EioSocket;
import io.colachat.engine.eio.EioSocketListener;
import io.colachat.engine.eio.EngineConfig;
import io.colachat.engine.eio.OriginPolicy;
import io.colachat.engine.netty.NettyServer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The server the Socket.IO protocol's compliance suite expects: port 3000, pingInterval 300 ms,
 * pingTimeout 200 ms, maxPayload 1,000,000, connectTimeout 1000 ms, any origin.
 * <ul>
 *   <li>on connection to {@code /} and {@code /custom}: emit {@code auth} with the handshake's auth;</li>
 *   <li>on {@code message}: emit {@code message-back} with the same arguments;</li>
 *   <li>on {@code message-with-ack}: acknowledge with the same arguments.</li>
 * </ul>
 * With {@code --engine-echo}, a bare Engine.IO server that sends every message back instead.
 *
 * <pre>
 * java -cp server/target/colachat.jar io.colachat.engine.example.ConformanceServer [--port 3000] [--engine-echo]
 * </pre>
 */
public final class ConformanceServer {

    private ConformanceServer() {
    }

    /** The compliance suite's Engine.IO settings. */
    public static EngineConfig engineConfig() {
        return EngineConfig.builder()
                .pingInterval(Duration.ofMillis(300))
                .pingTimeout(Duration.ofMillis(200))
                .maxPayload(1_000_000)
                .originPolicy(OriginPolicy.any())
                .build();
    }

    /** The Socket.IO conformance server, not yet listening. */
    public static SocketIoServer socketIo() {
        SocketIoServer io = SocketIoServer.create(SocketIoConfig.builder()
                .engine(engineConfig())
                .connectTimeout(Duration.ofMillis(1000))
                .build());
        io.onConnection(socket -> {
            socket.emit("auth", socket.auth());
            socket.on("message", (args, ack) -> socket.emit("message-back", args.toArray()));
            socket.on("message-with-ack", (args, ack) -> ack.send(args.toArray()));
        });
        io.of("/custom").onConnection(socket -> socket.emit("auth", socket.auth()));
        return io;
    }

    /** The bare Engine.IO echo server, not yet listening. */
    public static EioServer engineEcho() {
        return new EioServer(engineConfig(), socket -> socket.setListener(new EioSocketListener() {
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
            }
        }));
    }

    public static void main(String[] args) throws InterruptedException {
        int port = 3000;
        boolean echo = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--engine-echo" -> echo = true;
                default -> {
                    System.err.println("usage: ConformanceServer [--port N] [--engine-echo]");
                    System.exit(2);
                }
            }
        }
        CountDownLatch forever = new CountDownLatch(1);
        if (echo) {
            NettyServer server = NettyServer.builder().port(port).engine(engineEcho()).build();
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            System.out.println("Engine.IO echo server on port " + server.port());
        } else {
            SocketIoServer io = socketIo().listen(port);
            Runtime.getRuntime().addShutdownHook(new Thread(io::close));
            System.out.println("Socket.IO conformance server on port " + io.port());
        }
        forever.await();
    }
}
