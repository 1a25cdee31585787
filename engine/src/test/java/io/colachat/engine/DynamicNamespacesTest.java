package io.colachat.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.colachat.engine.eio.EngineConfig;
import io.colachat.engine.eio.OriginPolicy;
import io.socket.client.IO;
import io.socket.engineio.client.transports.WebSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Dynamic namespaces exist while they have sockets: connecting to new names cannot pile them up. */
@Tag("integration")
class DynamicNamespacesTest {

    private SocketIoServer server;
    private Namespace parent;

    @BeforeEach
    void start() {
        server = SocketIoServer.create(SocketIoConfig.builder()
                .engine(EngineConfig.builder().originPolicy(OriginPolicy.any()).build()).build());
        parent = server.of(Pattern.compile("^/dyn-\\d+$"));
        parent.onConnection(socket -> socket.emit("hello", socket.namespace().name()));
        server.listen("127.0.0.1", 0, null);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String hello(String namespace) throws InterruptedException {
        IO.Options opts = IO.Options.builder().setForceNew(true).setReconnection(false)
                .setTransports(new String[] {WebSocket.NAME}).build();
        io.socket.client.Socket s = IO.socket(URI.create("http://127.0.0.1:" + server.port() + namespace), opts);
        BlockingQueue<Object> got = new ArrayBlockingQueue<>(1);
        s.on("hello", args -> got.offer(args[0]));
        s.connect();
        try {
            return String.valueOf(got.poll(10, TimeUnit.SECONDS));
        } finally {
            s.close();
        }
    }

    @Test
    void emptyDynamicNamespacesAreRetiredAndComeBackOnDemand() throws Exception {
        for (int i = 0; i < 40; i++) {
            assertThat(hello("/dyn-" + i)).isEqualTo("/dyn-" + i);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> parent.children().isEmpty());
        assertThat(server.namespace("/dyn-7")).isNotNull(); // made again on demand, for a broadcast
        assertThat(hello("/dyn-7")).isEqualTo("/dyn-7");
        await().atMost(Duration.ofSeconds(10)).until(() -> parent.children().size() <= 1);
    }
}
