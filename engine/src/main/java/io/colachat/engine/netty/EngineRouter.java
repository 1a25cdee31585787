package io.colachat.engine.netty;

import io.colachat.engine.eio.EioError;
import io.colachat.engine.eio.EioServer;
import io.colachat.engine.eio.EngineRequest;
import io.colachat.engine.eio.PacketCodec;
import io.colachat.engine.eio.PacketCodec.Payload;
import io.colachat.engine.eio.transport.HttpExchange;
import io.colachat.engine.eio.transport.WebSocketTransport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims the HTTP requests under the engine path and passes every other request, untouched, to
 * the aggregator and the application handler behind it. One per connection.
 *
 * <p>For an engine request it runs the checks ({@link EioServer#verify}), then: answers CORS
 * preflights; hands GETs to the engine at once; streams a POST body into a buffer bounded by
 * maxPayload (refusing with 413 up front when Content-Length is over, or as soon as chunked data
 * goes over, and discarding the rest unread into memory), decodes it here on the connection's
 * loop, and hands the packets to the engine; and performs the websocket handshake once the
 * upgrade request is complete, turning the pipeline into a websocket pipeline and removing
 * itself.
 */
final class EngineRouter extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(EngineRouter.class);

    /** What the rest of the current request (its body) is for. */
    private enum Mode { IDLE, PASS_THROUGH, DISCARD, POST_BODY, UPGRADE }

    private final EioServer engine;
    private final int maxPayload;
    private final WebSocketDecoderConfig decoderConfig;

    private Mode mode = Mode.IDLE;
    private EngineRequest current;
    private HttpExchange exchange;
    /** The POST body so far: at most maxPayload bytes, one copy of what arrives. */
    private ByteBuf body;

    EngineRouter(EioServer engine) {
        this.engine = engine;
        this.maxPayload = engine.config().maxPayload();
        this.decoderConfig = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(maxPayload)
                .allowExtensions(false)
                .closeOnProtocolViolation(true)
                .build();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            onRequest(ctx, request);
        } else if (msg instanceof HttpContent content) {
            onContent(ctx, content);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void onRequest(ChannelHandlerContext ctx, HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            // The codec could not parse the request and discards the rest of the connection.
            ReferenceCountUtil.release(request);
            mode = Mode.DISCARD;
            ctx.writeAndFlush(HttpHandlerAdapter.textResponse(HttpResponseStatus.BAD_REQUEST))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (!engine.handles(request.uri())) {
            mode = Mode.PASS_THROUGH;
            ctx.fireChannelRead(request);
            return;
        }
        mode = Mode.DISCARD;
        EngineRequest r = new EngineRequest(request, ctx.channel());
        String origin = r.origin();
        boolean originAllowed = engine.config().originPolicy().allows(origin, r.host());
        HttpExchange ex = new HttpExchange(ctx.channel(), originAllowed ? origin : null);
        if (HttpMethod.OPTIONS.equals(r.method())) {
            if (originAllowed) {
                ex.respondPreflight(request.headers().get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS));
            } else {
                ex.respondError(EioError.FORBIDDEN);
            }
            return;
        }
        EioError error = engine.verify(r);
        if (error != null) {
            log.debug("{} {} refused: {}", ctx.channel(), r, error);
            ex.respondError(error);
            return;
        }
        if ("websocket".equals(r.transport())) {
            // Handshake once the request is complete, so that its trailing LastHttpContent never
            // reaches the websocket handlers.
            current = r;
            mode = Mode.UPGRADE;
        } else if (HttpMethod.GET.equals(r.method())) {
            if (r.sid() == null) {
                engine.handshakePolling(r, ex);
            } else {
                engine.poll(r, ex);
            }
        } else {
            startPost(ctx, r, ex);
        }
    }

    private void startPost(ChannelHandlerContext ctx, EngineRequest r, HttpExchange ex) {
        long declared = HttpUtil.getContentLength(r.request(), -1L);
        if (declared > maxPayload) {
            log.debug("{} POST of {} bytes refused: maxPayload is {}", ctx.channel(), declared, maxPayload);
            engine.refusePost(r, ex, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        if (HttpUtil.is100ContinueExpected(r.request())) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                    Unpooled.EMPTY_BUFFER));
        }
        current = r;
        exchange = ex;
        body = ctx.alloc().heapBuffer(declared > 0 ? (int) declared : 256, maxPayload);
        mode = Mode.POST_BODY;
    }

    private void onContent(ChannelHandlerContext ctx, HttpContent content) {
        switch (mode) {
            case PASS_THROUGH -> ctx.fireChannelRead(content);
            case POST_BODY -> appendBody(content);
            default -> content.release();
        }
        if (content instanceof LastHttpContent) {
            Mode done = mode;
            mode = Mode.IDLE;
            if (done == Mode.POST_BODY) {
                finishPost();
            } else if (done == Mode.UPGRADE) {
                upgrade(ctx);
            }
        }
    }

    private void appendBody(HttpContent content) {
        ByteBuf data = content.content();
        if (body.readableBytes() + (long) data.readableBytes() > maxPayload) {
            content.release();
            releaseBody();
            mode = Mode.DISCARD;
            log.debug("{} POST body over maxPayload ({} bytes)", current.channel(), maxPayload);
            engine.refusePost(current, exchange, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE);
            current = null;
            exchange = null;
            return;
        }
        try {
            body.writeBytes(data);
        } finally {
            content.release();
        }
    }

    private void finishPost() {
        ByteBuf payloadBytes = body;
        body = null;
        EngineRequest r = current;
        HttpExchange ex = exchange;
        current = null;
        exchange = null;
        Payload payload;
        try {
            payload = PacketCodec.decodePayload(payloadBytes);
        } finally {
            payloadBytes.release();
        }
        engine.post(r, payload, ex);
    }

    private void upgrade(ChannelHandlerContext ctx) {
        EngineRequest r = current;
        current = null;
        HttpRequest request = r.request();
        String url = "ws://" + (r.host() == null ? "localhost" : r.host()) + request.uri();
        WebSocketServerHandshaker handshaker =
                new WebSocketServerHandshakerFactory(url, null, decoderConfig).newHandshaker(request);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        ChannelPipeline p = ctx.pipeline();
        // Neither keep-alive bookkeeping nor the application handler apply to a websocket; the
        // handshaker removes the HTTP codec and the aggregator itself.
        p.remove(EngineChannelInitializer.KEEP_ALIVE);
        p.remove(EngineChannelInitializer.APP);
        WebSocketTransport ws = new WebSocketTransport(ctx.channel());
        handshaker.handshake(ctx.channel(), new DefaultFullHttpRequest(request.protocolVersion(), request.method(),
                        request.uri(), Unpooled.EMPTY_BUFFER, request.headers(), EmptyHttpHeaders.INSTANCE))
                .addListener((ChannelFutureListener) f -> {
                    if (!f.isSuccess()) {
                        log.debug("{} websocket handshake failed", f.channel(), f.cause());
                        f.channel().close();
                    }
                });
        // Everything below runs before the channel reads again, so no frame can arrive before
        // the transport's handler is in place and the session is bound.
        p.addAfter(ctx.name(), EngineChannelInitializer.WS_UTF8, new Utf8FrameValidator(true));
        p.addAfter(EngineChannelInitializer.WS_UTF8, EngineChannelInitializer.WS_AGGREGATOR,
                new WebSocketFrameAggregator(maxPayload));
        p.addAfter(EngineChannelInitializer.WS_AGGREGATOR, EngineChannelInitializer.WS_TRANSPORT, ws.inboundHandler());
        p.remove(this);
        log.debug("{} websocket {}", ctx.channel(), r.sid() == null ? "session" : "probe for " + r.sid());
        if (r.sid() == null) {
            engine.openWebSocket(r, ws);
        } else {
            engine.upgrade(r, ws);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (mode == Mode.POST_BODY) {
            // The client went away mid-POST: its session has lost packets, so it cannot go on.
            releaseBody();
            engine.refusePost(current, exchange, HttpResponseStatus.BAD_REQUEST);
            current = null;
            exchange = null;
            mode = Mode.IDLE;
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseBody();
    }

    private void releaseBody() {
        if (body != null) {
            body.release();
            body = null;
        }
    }
}
