package io.colachat.server.testing;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import io.socket.engineio.client.transports.WebSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.json.JSONObject;

/**
 * One browser tab's worth of client: the official Java Socket.IO client on one namespace,
 * recording every event it receives, with blocking helpers that wait with a deadline.
 */
public final class ChatClient implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A received event: name and its first argument as JSON. */
    public record Event(String name, JsonNode payload) {
    }

    private final Socket socket;
    private final List<Event> events = new ArrayList<>();

    private ChatClient(Socket socket) {
        this.socket = socket;
    }

    /** Connects over websocket to {@code /namespace} and waits until connected. */
    public static ChatClient connect(String base, String namespace) {
        IO.Options opts = IO.Options.builder().setForceNew(true).setReconnection(false)
                .setTransports(new String[] {WebSocket.NAME}).build();
        Socket s = IO.socket(URI.create(base + "/" + namespace), opts);
        ChatClient c = new ChatClient(s);
        CompletableFuture<Object> connected = new CompletableFuture<>();
        s.onAnyIncoming(args -> c.record(args));
        s.once(Socket.EVENT_CONNECT, args -> connected.complete(true));
        s.once(Socket.EVENT_CONNECT_ERROR, args -> connected.completeExceptionally(
                new AssertionError("connect error: " + (args.length > 0 ? args[0] : ""))));
        s.connect();
        connected.orTimeout(10, TimeUnit.SECONDS).join();
        return c;
    }

    private void record(Object[] args) {
        String name = String.valueOf(args[0]);
        JsonNode payload = args.length > 1 ? toJson(args[1]) : null;
        synchronized (events) {
            events.add(new Event(name, payload));
        }
    }

    /** Emits an event with a payload and waits for the acknowledgement envelope. */
    public JsonNode call(String event, Object payload) {
        return callAsync(event, payload).orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Emits an event with a payload; the future completes with the acknowledgement envelope. */
    public CompletableFuture<JsonNode> callAsync(String event, Object payload) {
        CompletableFuture<JsonNode> ack = new CompletableFuture<>();
        Object arg = payload instanceof Map<?, ?> m ? new JSONObject(m) : payload;
        socket.emit(event, new Object[] {arg}, (Ack) args -> ack.complete(args.length > 0 ? toJson(args[0]) : null));
        return ack;
    }

    /** joinRoom with these fields; returns the ack envelope. */
    public JsonNode join(Map<String, Object> fields) {
        return call("joinRoom", fields);
    }

    /** sendMessage; returns the ack envelope. */
    public JsonNode send(String roomId, String content) {
        return call("sendMessage", Map.of("roomId", roomId, "content", content));
    }

    /** Every event received so far with this name, in arrival order. */
    public List<JsonNode> received(String name) {
        List<JsonNode> out = new ArrayList<>();
        synchronized (events) {
            for (Event e : events) {
                if (e.name().equals(name)) {
                    out.add(e.payload());
                }
            }
        }
        return out;
    }

    /** Every event received so far. */
    public List<Event> all() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** Waits (at most 10 s) until an event of this name matching {@code test} has arrived; returns it. */
    public JsonNode await(String name, Predicate<JsonNode> test) {
        return await(name, test, Duration.ofSeconds(10));
    }

    /** Waits at most {@code deadline} until an event of this name matching {@code test} has arrived. */
    public JsonNode await(String name, Predicate<JsonNode> test, Duration deadline) {
        JsonNode[] found = new JsonNode[1];
        Awaitility.await().atMost(deadline).pollInterval(Duration.ofMillis(20)).until(() -> {
            for (JsonNode p : received(name)) {
                if (test.test(p)) {
                    found[0] = p;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    /** The alerts received so far, as "KIND nickname". */
    public List<String> alerts() {
        List<String> out = new ArrayList<>();
        for (JsonNode a : received("sendAlert")) {
            out.add(a.path("alert").path("kind").asText() + " " + a.path("alert").path("nickname").asText());
        }
        return out;
    }

    /** Drops the connection without leaveRoom (a closed tab, a refresh, a lost network). */
    @Override
    public void close() {
        socket.close();
    }

    public boolean isConnected() {
        return socket.connected();
    }

    private static JsonNode toJson(Object o) {
        try {
            return MAPPER.readTree(String.valueOf(o));
        } catch (Exception e) {
            return MAPPER.getNodeFactory().textNode(String.valueOf(o));
        }
    }
}
