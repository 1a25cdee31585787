package io.colachat.engine.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.colachat.engine.eio.EchoEngine;
import io.colachat.engine.eio.EioCloseReason;
import io.colachat.engine.eio.EioServer;
import io.colachat.engine.eio.EngineConfig;
import io.colachat.engine.eio.RawHttp;
import io.colachat.engine.eio.RawWebSocket;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class NettyServerTest {

    private final RawHttp http = new RawHttp();

    /** Answers with the method, URI and body length it was given. */
    private static HttpHandler describing(List<String> seen) {
        return (ctx, request) -> {
            String description = request.method() + " " + request.uri() + " " + request.content().readableBytes();
            request.release();
            seen.add(description);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.copiedBuffer(description, StandardCharsets.UTF_8));
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            ctx.writeAndFlush(response);
        };
    }

    @Test
    void requestsOutsideTheEnginePathGoToTheHttpHandler() {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (EchoEngine server = EchoEngine.start(UnaryOperator.identity(), describing(seen), true)) {
            String base = "http://127.0.0.1:" + server.port();

            HttpResponse<String> get = http.get(java.net.URI.create(base + "/api/rooms?x=1"));
            HttpResponse<String> post = http.post(java.net.URI.create(base + "/api/rooms"), "{\"name\":\"a\"}");
            // The same keep-alive connection then serves the engine.
            String sid = http.handshake(server);

            assertThat(get.body()).isEqualTo("GET /api/rooms?x=1 0");
            assertThat(post.body()).isEqualTo("POST /api/rooms 12");
            assertThat(seen).hasSize(2);
            assertThat(sid).hasSize(20);
        }
    }

    @Test
    void theDefaultHandlerAnswers404() {
        try (EchoEngine server = EchoEngine.start()) {
            HttpResponse<String> response = http.get(java.net.URI.create("http://127.0.0.1:" + server.port() + "/nothing"));

            assertThat(response.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void bodiesOverHttpMaxContentLengthAre413() {
        List<String> seen = new CopyOnWriteArrayList<>();
        EioServer engine = new EioServer(EngineConfig.builder().build(), socket -> { });
        NettyServer server = NettyServer.builder().host("127.0.0.1").engine(engine)
                .httpHandler(describing(seen)).httpMaxContentLength(100).build();
        try (server) {
            server.start();
            java.net.URI uri = java.net.URI.create("http://127.0.0.1:" + server.port() + "/upload");

            assertThat(http.post(uri, "y".repeat(101)).statusCode()).isEqualTo(413);
            assertThat(http.post(uri, "y".repeat(100)).statusCode()).isEqualTo(200);
            assertThat(seen).containsExactly("POST /upload 100");
        }
    }

    @Test
    void closeEndsEverySessionWithServerShutdownAndIsIdempotent() throws Exception {
        EchoEngine server = EchoEngine.start();
        String pollingSid = http.handshake(server);
        RawWebSocket ws = RawWebSocket.open(server);
        String websocketSid = ws.sidFromOpenPacket();
        server.awaitSocket(websocketSid);
        int port = server.port();

        server.close();

        assertThat(server.closes).containsEntry(pollingSid, EioCloseReason.SERVER_SHUTDOWN)
                .containsEntry(websocketSid, EioCloseReason.SERVER_SHUTDOWN);
        assertThat(server.engine.sessionCount()).isZero();
        assertThat(ws.awaitClosed()).isIn(1000, -1);
        server.close();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void servesOverNioWhenTheNativeTransportIsOff() {
        try (EchoEngine server = EchoEngine.start(UnaryOperator.identity(), null, false)) {
            String sid = http.handshake(server);
            http.post(server.poll(sid), "4over nio");
            assertThat(http.get(server.poll(sid)).body()).isEqualTo("4over nio");

            RawWebSocket ws = RawWebSocket.open(server);
            ws.sidFromOpenPacket();
            ws.send("4over nio");
            assertThat(ws.nextText()).isEqualTo("4over nio");
        }
    }

    @Test
    void startFailsWhenThePortIsTaken() {
        try (EchoEngine first = EchoEngine.start()) {
            NettyServer second = NettyServer.builder().host("127.0.0.1").port(first.port()).build();

            assertThatThrownBy(second::start).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining(String.valueOf(first.port()));
            second.close();
        }
    }

    @Test
    void rejectsABadPort() {
        assertThatThrownBy(() -> NettyServer.builder().port(70_000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void afterStopAcceptingNewConnectionsAreRefusedWhileOpenOnesAreStillServed() throws Exception {
        NettyServer server = NettyServer.builder().host("127.0.0.1").port(0)
                .httpHandler((ctx, req) -> {
                    req.release();
                    io.netty.handler.codec.http.FullHttpResponse res = new io.netty.handler.codec.http.DefaultFullHttpResponse(
                            io.netty.handler.codec.http.HttpVersion.HTTP_1_1, io.netty.handler.codec.http.HttpResponseStatus.OK,
                            io.netty.buffer.Unpooled.copiedBuffer("still here", java.nio.charset.StandardCharsets.US_ASCII));
                    io.netty.handler.codec.http.HttpUtil.setContentLength(res, res.content().readableBytes());
                    ctx.writeAndFlush(res);
                })
                .build();
        server.start();
        try (java.net.Socket open = new java.net.Socket("127.0.0.1", server.port())) {
            open.setSoTimeout(10_000);
            // One exchange first: the server has accepted this connection (a connection still in
            // the kernel's backlog when the listener closes is reset, and its client retries).
            assertExchange(open);
            server.stopAccepting();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", server.port()).close())
                    .isInstanceOf(java.net.ConnectException.class);
            assertExchange(open);
        } finally {
            server.close();
        }
    }

    private static void assertExchange(java.net.Socket open) throws java.io.IOException {
        open.getOutputStream().write("GET /x HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] buf = new byte[512];
        int n = open.getInputStream().read(buf);
        org.assertj.core.api.Assertions.assertThat(new String(buf, 0, n, java.nio.charset.StandardCharsets.US_ASCII))
                .startsWith("HTTP/1.1 200").endsWith("still here");
    }
}
