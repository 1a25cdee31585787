package io.colachat.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.colachat.engine.eio.EchoEngine;
import io.colachat.engine.eio.EngineConfig;
import io.colachat.engine.eio.OriginPolicy;
import io.colachat.engine.eio.RawWebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A socket's listeners: every kind runs, in registration order, onAny before the event's own,
 * disconnecting before disconnect; and a listener added from another thread while events arrive
 * is neither lost nor able to drop one added beside it.
 */
class SocketListenersTest {

    private SocketIoServer io;
    private final BlockingQueue<String> calls = new LinkedBlockingQueue<>();
    private final BlockingQueue<Socket> connected = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() {
        io = SocketIoServer.create(SocketIoConfig.builder()
                .engine(EngineConfig.builder().originPolicy(OriginPolicy.any())
                        .pingInterval(EchoEngine.QUIET_PING_INTERVAL).pingTimeout(EchoEngine.QUIET_PING_INTERVAL)
                        .build())
                .build());
        io.onConnection(socket -> {
            socket.on("x", (args, ack) -> calls.add("x first " + args.get(0).asText()));
            socket.onAny((event, args) -> calls.add("any " + event));
            socket.on("y", (args, ack) -> calls.add("y"));
            socket.on("x", (args, ack) -> calls.add("x second"));
            socket.onDisconnect((s, reason) -> calls.add("disconnect first"));
            socket.onDisconnecting((s, reason) -> calls.add("disconnecting " + s.rooms().contains(s.id())));
            socket.onDisconnect((s, reason) -> calls.add("disconnect second"));
            connected.add(socket);
        });
        io.listen("127.0.0.1", 0, null);
    }

    @AfterEach
    void stop() {
        io.close();
    }

    private RawWebSocket join() {
        return RawWebSocket.joinMainNamespace(io.port()).ws();
    }

    private List<String> take(int n) throws InterruptedException {
        List<String> got = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String call = calls.poll(10, TimeUnit.SECONDS);
            assertThat(call).as("call %d of %d, after %s", i + 1, n, got).isNotNull();
            got.add(call);
        }
        return got;
    }

    @Test
    void listeners_run_in_registration_order_and_each_kind_runs() throws Exception {
        RawWebSocket ws = join();
        ws.send("42[\"x\",\"a\"]");
        ws.send("42[\"y\"]");
        ws.send("42[\"unheard\"]");
        assertThat(take(6)).containsExactly("any x", "x first a", "x second", "any y", "y", "any unheard");

        ws.send("41");
        assertThat(take(3)).containsExactly("disconnecting true", "disconnect first", "disconnect second");
        ws.abort();
        assertThat(calls.poll(200, TimeUnit.MILLISECONDS)).as("a disconnect runs its listeners once").isNull();
    }

    @Test
    void listeners_added_from_other_threads_while_events_flow_are_all_kept() throws Exception {
        RawWebSocket ws = join();
        Socket socket = connected.poll(10, TimeUnit.SECONDS);
        assertThat(socket).isNotNull();
        int threads = 4;
        int perThread = 50;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> adders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread adder = new Thread(() -> {
                await(go);
                for (int i = 0; i < perThread; i++) {
                    socket.on("late", (args, ack) -> calls.add("late"));
                    if (i % 10 == 0) {
                        socket.onAny((event, args) -> calls.add("late any " + thread));
                    }
                }
            });
            adder.start();
            adders.add(adder);
        }
        go.countDown();
        for (int i = 0; i < 20; i++) {
            ws.send("42[\"y\"]");
        }
        for (Thread adder : adders) {
            adder.join(10_000);
        }
        // Drain the y events: each ends with its own listener's call.
        for (int ys = 0; ys < 20; ) {
            String call = calls.poll(10, TimeUnit.SECONDS);
            assertThat(call).as("the y events' calls").isNotNull();
            ys += call.equals("y") ? 1 : 0;
        }
        ws.send("42[\"late\"]");
        int lateAny = threads * (perThread / 10);
        List<String> got = take(1 + lateAny + threads * perThread);
        assertThat(got.stream().filter("late"::equals)).hasSize(threads * perThread);
        assertThat(got.stream().filter(c -> c.startsWith("late any "))).hasSize(lateAny);
        assertThat(got.get(0)).isEqualTo("any late");
        ws.abort();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
