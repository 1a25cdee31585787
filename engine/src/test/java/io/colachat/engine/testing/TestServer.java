package io.colachat.engine.testing;

import io.colachat.engine.SocketIoConfig;
import io.colachat.engine.SocketIoServer;
import io.colachat.engine.eio.EngineConfig;
import io.colachat.engine.eio.OriginPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The server the engine's client tests talk to: the conformance behaviour plus rooms,
 * broadcasts, server-side acks, middleware and dynamic namespaces.
 */
public final class TestServer {

    private TestServer() {
    }

    public static SocketIoServer start() {
        SocketIoServer io = SocketIoServer.create(SocketIoConfig.builder()
                .engine(EngineConfig.builder()
                        .pingInterval(Duration.ofMillis(1000))
                        .pingTimeout(Duration.ofMillis(1000))
                        .originPolicy(OriginPolicy.any())
                        .build())
                .connectTimeout(Duration.ofMillis(2000))
                .build());
        io.onConnection(socket -> {
            socket.emit("auth", socket.auth());
            socket.on("message", (args, ack) -> socket.emit("message-back", args.toArray()));
            socket.on("message-with-ack", (args, ack) -> ack.send(args.toArray()));
            socket.on("join", (args, ack) -> {
                socket.join(args.get(0).asText());
                ack.send("joined");
            });
            socket.on("leave", (args, ack) -> {
                socket.leave(args.get(0).asText());
                ack.send("left");
            });
            socket.on("to-room", (args, ack) -> {
                io.to(args.get(0).asText()).emit("room-message", args.get(1));
                ack.send("sent");
            });
            socket.on("to-others", (args, ack) -> {
                socket.broadcast().emit("others", args.get(0));
                ack.send("sent");
            });
            socket.on("ask-client", (args, ack) -> socket.emitWithAck(Duration.ofSeconds(5), "question", args.get(0))
                    .whenComplete((reply, err) -> socket.emit("answer",
                            err == null ? reply.get(0) : Map.of("error", err.getClass().getSimpleName()))));
            socket.on("transport", (args, ack) -> ack.send(socket.transport()));
        });
        io.of("/custom").onConnection(socket -> socket.emit("auth", socket.auth()));
        io.of("/private").use((socket, next) -> {
            if ("secret".equals(socket.auth().path("token").asText())) {
                next.proceed();
            } else {
                next.refuse("not authorized", Map.of("reason", "token"));
            }
        }).onConnection(socket -> socket.emit("welcome", "private"));
        io.of(Pattern.compile("^/dyn-\\d+$")).onConnection(socket -> socket.emit("hello", socket.namespace().name()));
        return io.listen("127.0.0.1", 0, null);
    }
}
