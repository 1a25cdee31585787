package io.colachat.engine.eio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A plain websocket client (the JDK's) that queues whole messages: String for text, byte[] for binary. */
public final class RawWebSocket implements WebSocket.Listener {

    private static final long WAIT_SECONDS = 5;

    private final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    /** The close status the server sent, or -1 when the connection just ended. */
    public final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    private WebSocket ws;

    private RawWebSocket() {
    }

    public static RawWebSocket connect(URI uri) {
        return connect(uri, Map.of());
    }

    /** Connects; fails with the handshake's exception (a {@code WebSocketHandshakeException} for an HTTP error). */
    public static RawWebSocket connect(URI uri, Map<String, String> headers) {
        RawWebSocket client = new RawWebSocket();
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(b::header);
        client.ws = b.buildAsync(uri, client).orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
        return client;
    }

    /** Connects to a new websocket session and consumes its open packet, returning the sid. */
    public static RawWebSocket open(EchoEngine server) {
        return connect(server.ws("EIO=4&transport=websocket"));
    }

    /**
     * Opens a websocket session on a Socket.IO server's port and connects it to the main namespace;
     * returns the socket and its namespace socket id from the CONNECT ack ({@code 40{"sid":"..."}}).
     */
    public static Joined joinMainNamespace(int port) {
        RawWebSocket ws = connect(URI.create("ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket"));
        ws.sidFromOpenPacket();
        ws.send("40");
        String ack = ws.nextText();
        String prefix = "40{\"sid\":\"";
        if (!ack.startsWith(prefix)) {
            throw new AssertionError("expected a CONNECT ack to the main namespace, got " + ack);
        }
        return new Joined(ws, ack.substring(prefix.length(), ack.indexOf('"', prefix.length())));
    }

    /** A websocket joined to the main namespace, and its socket id there. */
    public record Joined(RawWebSocket ws, String id) {
    }

    public String sidFromOpenPacket() {
        return RawHttp.openPacket(nextText()).get("sid").asText();
    }

    public void send(String message) {
        ws.sendText(message, true).orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
    }

    public void sendFragment(String part, boolean last) {
        ws.sendText(part, last).orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
    }

    public void send(byte[] message) {
        ws.sendBinary(ByteBuffer.wrap(message), true).orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
    }

    public Object next() {
        try {
            Object m = messages.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(m).as("a message within %d s", WAIT_SECONDS).isNotNull();
            return m;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String nextText() {
        return (String) next();
    }

    public byte[] nextBinary() {
        return (byte[]) next();
    }

    /** Waits for the server to end the connection and returns the close status (-1 without one). */
    public int awaitClosed() {
        return closed.orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
    }

    public void abort() {
        ws.abort();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            messages.add(text.toString());
            text.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        binary.writeBytes(chunk);
        if (last) {
            messages.add(binary.toByteArray());
            binary.reset();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
    }
}
