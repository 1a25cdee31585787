package io.colachat.engine.netty;

import io.colachat.engine.eio.EioError;
import io.colachat.engine.eio.EioServer;
import io.colachat.engine.eio.EngineRequest;
import io.colachat.engine.eio.transport.HttpExchange;
import io.colachat.engine.eio.transport.WebSocketTransport;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an HTTP connection into a websocket for the engine: checks an upgrade request, then
 * rebuilds the pipeline and performs the handshake. One per server, shared by every connection.
 *
 * <p>The request is checked before anything changes, so a refused upgrade opens no session and
 * leaves no half-built pipeline (Netty's handshaker would throw half way through): RFC 6455
 * version 13 only (426 with {@code Sec-WebSocket-Version: 13} otherwise; the drafts and Hixie-76
 * are not spoken), a key, {@code Connection: Upgrade}, and no body (400 and close otherwise).
 *
 * <p>After the upgrade the pipeline reads, top to bottom: the handshaker's frame decoder and
 * encoder, a UTF-8 validator, the fragment limit, a frame aggregator bounded by maxPayload, and the
 * transport. The decoder and validator do not close on a violation themselves: the transport does,
 * with their close status, once every handler has seen the failure.
 */
final class WebSocketUpgrade {

    private static final Logger log = LoggerFactory.getLogger(WebSocketUpgrade.class);

    private static final String VERSION = "13";

    private final EioServer engine;
    private final int maxPayload;
    private final int maxFragments;
    private final WebSocketDecoderConfig decoderConfig;

    WebSocketUpgrade(EioServer engine, LimitsConfig limits) {
        this.engine = engine;
        this.maxPayload = engine.config().maxPayload();
        this.maxFragments = limits.maxWebSocketFragments();
        this.decoderConfig = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(maxPayload)
                .allowExtensions(false)
                .closeOnProtocolViolation(false)
                .build();
    }

    /**
     * Whether an upgrade request (already through {@link EioServer#verify}) may go on to the
     * handshake; when not, it has been answered and the connection closes after the answer.
     */
    boolean accept(ChannelHandlerContext ctx, EngineRequest r, HttpExchange ex) {
        HttpHeaders headers = r.request().headers();
        String version = headers.get(HttpHeaderNames.SEC_WEBSOCKET_VERSION);
        if (!VERSION.equals(version)) {
            log.debug("{} websocket version {} refused", ctx.channel(), version);
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel())
                    .addListener(ChannelFutureListener.CLOSE);
            return false;
        }
        String key = headers.get(HttpHeaderNames.SEC_WEBSOCKET_KEY);
        boolean hasBody = HttpUtil.getContentLength(r.request(), 0L) != 0 || HttpUtil.isTransferEncodingChunked(r.request());
        if (key == null || key.isBlank() || hasBody
                || !headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)) {
            log.debug("{} malformed websocket upgrade (key {}, body {})", ctx.channel(), key != null, hasBody);
            ex.closeAfterResponse();
            ex.respondError(EioError.BAD_REQUEST);
            return false;
        }
        return true;
    }

    /**
     * Performs the handshake of an accepted request whose last content has been read, replacing
     * {@code router} (whose context {@code ctx} is) by the websocket handlers, and opens the session
     * or the upgrade probe.
     */
    void perform(ChannelHandlerContext ctx, ChannelHandler router, EngineRequest r) {
        HttpRequest request = r.request();
        String url = "ws://" + (r.host() == null ? "localhost" : r.host()) + request.uri();
        WebSocketServerHandshaker handshaker =
                new WebSocketServerHandshakerFactory(url, null, decoderConfig).newHandshaker(request);
        ChannelPipeline p = ctx.pipeline();
        // Neither keep-alive bookkeeping, the request-head guard nor the application handler apply
        // to a websocket; the handshaker removes the HTTP codec and the aggregator itself.
        p.remove(EngineChannelInitializer.HEAD_GUARD);
        p.remove(EngineChannelInitializer.KEEP_ALIVE);
        p.remove(EngineChannelInitializer.APP);
        // The websocket handlers go in before the handshake: when the 101 is written at once, the
        // handshaker removes the HTTP codec right away, and the codec hands whatever the client sent
        // after its request (RFC 6455 forbids it) straight on. It must meet the transport, which
        // closes the connection for it, not the router or the pipeline's tail, which would drop it.
        WebSocketTransport ws = new WebSocketTransport(ctx.channel());
        p.addAfter(ctx.name(), EngineChannelInitializer.WS_UTF8, new Utf8FrameValidator(false));
        p.addAfter(EngineChannelInitializer.WS_UTF8, EngineChannelInitializer.WS_FRAGMENTS,
                new WebSocketFragmentLimit(maxFragments));
        p.addAfter(EngineChannelInitializer.WS_FRAGMENTS, EngineChannelInitializer.WS_AGGREGATOR,
                new WebSocketFrameAggregator(maxPayload));
        p.addAfter(EngineChannelInitializer.WS_AGGREGATOR, EngineChannelInitializer.WS_TRANSPORT, ws.inboundHandler());
        p.remove(router);
        try {
            handshaker.handshake(ctx.channel(), new DefaultFullHttpRequest(request.protocolVersion(),
                            request.method(), request.uri(), Unpooled.EMPTY_BUFFER, request.headers(),
                            EmptyHttpHeaders.INSTANCE))
                    .addListener((ChannelFutureListener) f -> {
                        if (f.isSuccess()) {
                            // The handshaker's own listener, which removed the HTTP encoder, ran first.
                            ws.handshakeDone();
                        } else {
                            log.debug("{} websocket handshake failed", f.channel(), f.cause());
                            f.channel().close();
                        }
                    });
        } catch (RuntimeException e) {
            // accept() checked what the handshaker checks; this is the last line of defence.
            log.debug("{} websocket handshake refused: {}", ctx.channel(), e.toString());
            ctx.close();
            return;
        }
        // The session is bound before the channel reads again, so no frame read later can miss it.
        log.debug("{} websocket {}", ctx.channel(), r.sid() == null ? "session" : "probe for " + r.sid());
        if (r.sid() == null) {
            engine.openWebSocket(r, ws);
        } else {
            engine.upgrade(r, ws);
        }
    }
}
