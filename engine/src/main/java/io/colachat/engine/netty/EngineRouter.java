package io.colachat.engine.netty;

import io.colachat.engine.eio.EioError;
import io.colachat.engine.eio.EioServer;
import io.colachat.engine.eio.EngineRequest;
import io.colachat.engine.eio.PacketCodec;
import io.colachat.engine.eio.PacketCodec.Payload;
import io.colachat.engine.eio.transport.HttpExchange;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims the HTTP requests under the engine path and passes every other request, untouched, to
 * the aggregator and the application handler behind it. One per connection.
 *
 * <p>For an engine request it runs the checks ({@link EioServer#verify}), then: answers CORS
 * preflights; hands GETs to the engine at once; streams a POST body into a buffer bounded by
 * maxPayload (refusing with 413 up front when Content-Length is over, and closing the connection
 * after the answer, or as soon as chunked data goes over, discarding the rest unread into memory),
 * decodes it here on the connection's loop, and hands the packets to the engine; and has the
 * {@link WebSocketUpgrade} check an upgrade request at once and perform the handshake once the
 * request is complete, which turns the pipeline into a websocket pipeline without this router.
 *
 * <p>The buffer of a POST body grows with the bytes that arrive, never to the Content-Length a
 * client merely announces.
 */
final class EngineRouter extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(EngineRouter.class);

    /** What the rest of the current request (its body) is for. */
    private enum Mode { IDLE, PASS_THROUGH, DISCARD, POST_BODY, UPGRADE, CLOSING }

    /** A POST body buffer starts this small, whatever Content-Length says, and grows as bytes arrive. */
    static final int INITIAL_BODY_CAPACITY = 8192;

    private final EioServer engine;
    private final int maxPayload;
    private final WebSocketUpgrade upgrade;

    private Mode mode = Mode.IDLE;
    private EngineRequest current;
    private HttpExchange exchange;
    /** The POST body so far: at most maxPayload bytes, one copy of what arrives. */
    private ByteBuf body;

    EngineRouter(EioServer engine, WebSocketUpgrade upgrade) {
        this.engine = engine;
        this.maxPayload = engine.config().maxPayload();
        this.upgrade = upgrade;
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
        if (mode == Mode.CLOSING) {
            // A request pipelined behind a refused one on a connection that is closing.
            ReferenceCountUtil.release(request);
            return;
        }
        // Heads the codec could not decode never get here: RequestHeadGuard answers them.
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
            if (!upgrade.accept(ctx, r, ex)) {
                mode = Mode.CLOSING;
                return;
            }
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
            // Refused before a byte of the body is read; the connection closes after the answer,
            // so the body is never read at all.
            log.debug("{} POST of {} bytes refused: maxPayload is {}", ctx.channel(), declared, maxPayload);
            ex.closeAfterResponse();
            mode = Mode.CLOSING;
            engine.refusePost(r, ex, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        if (HttpUtil.is100ContinueExpected(r.request())) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                    Unpooled.EMPTY_BUFFER));
        }
        current = r;
        exchange = ex;
        // Sized by what arrives, not by what is announced: a Content-Length of maxPayload followed
        // by a few bytes must not cost maxPayload.
        int initial = (int) Math.min(Math.max(declared, 256), Math.min(INITIAL_BODY_CAPACITY, maxPayload));
        body = ctx.alloc().heapBuffer(initial, maxPayload);
        mode = Mode.POST_BODY;
    }

    private void onContent(ChannelHandlerContext ctx, HttpContent content) {
        switch (mode) {
            case PASS_THROUGH -> ctx.fireChannelRead(content);
            case POST_BODY -> appendBody(content);
            default -> content.release();
        }
        if (content instanceof LastHttpContent && mode != Mode.CLOSING) {
            Mode done = mode;
            mode = Mode.IDLE;
            if (done == Mode.POST_BODY) {
                finishPost();
            } else if (done == Mode.UPGRADE) {
                EngineRequest r = current;
                current = null;
                upgrade.perform(ctx, this, r);
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
