package io.colachat.engine.netty;

import io.colachat.engine.eio.EioServer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;

/**
 * The pipeline of every accepted connection, top to bottom:
 *
 * <pre>
 *   limiter     ConnectionLimiter             admits (then removes itself) or refuses with 429/503; shared
 *   http        HttpServerCodec               bytes ⇄ HTTP messages, heads bounded by the limits
 *   headGuard   RequestHeadGuard              request-head timeout; malformed or oversized heads 400/414/431
 *   keepAlive   HttpServerKeepAliveHandler    Connection: keep-alive / close
 *   engine      EngineRouter                  requests under the engine path end here
 *   aggregator  HttpObjectAggregator          every other request, whole, up to httpMaxContentLength (413 over)
 *   app         HttpHandlerAdapter            the application's HttpHandler (404 by default)
 * </pre>
 *
 * <p>Any channel type works (a socket in production, an {@code EmbeddedChannel} in tests and fuzzing).
 *
 * <p>A websocket upgrade on the engine path turns the connection into a websocket for good: the
 * handshaker puts its frame decoder and encoder in front of {@code http} and removes {@code http}
 * and {@code aggregator}; {@link WebSocketUpgrade} removes {@code headGuard}, {@code keepAlive} and
 * {@code app} and replaces the router with a UTF-8 validator, a fragment limit, a frame aggregator
 * bounded by maxPayload, and the session's transport.
 */
final class EngineChannelInitializer extends ChannelInitializer<Channel> {

    static final String LIMITER = "limiter";
    static final String HTTP = "http";
    static final String HEAD_GUARD = "headGuard";
    static final String KEEP_ALIVE = "keepAlive";
    static final String ENGINE = "engine";
    static final String AGGREGATOR = "aggregator";
    static final String APP = "app";
    static final String WS_UTF8 = "wsUtf8";
    static final String WS_FRAGMENTS = "wsFragments";
    static final String WS_AGGREGATOR = "wsAggregator";
    static final String WS_TRANSPORT = "wsTransport";

    /** Netty's default: how much of a chunked body the codec hands on at once. */
    private static final int MAX_CHUNK_SIZE = 8192;

    private final EioServer engine;
    private final HttpHandler httpHandler;
    private final int httpMaxContentLength;
    private final ChannelGroup channels;
    private final LimitsConfig limits;
    private final ConnectionLimiter limiter;
    private final WebSocketUpgrade upgrade;

    EngineChannelInitializer(EioServer engine, HttpHandler httpHandler, int httpMaxContentLength, ChannelGroup channels,
            LimitsConfig limits, ConnectionLimiter limiter) {
        this.engine = engine;
        this.httpHandler = httpHandler;
        this.httpMaxContentLength = httpMaxContentLength;
        this.channels = channels;
        this.limits = limits;
        this.limiter = limiter;
        this.upgrade = engine == null ? null : new WebSocketUpgrade(engine, limits);
    }

    @Override
    protected void initChannel(Channel ch) {
        channels.add(ch);
        ChannelPipeline p = ch.pipeline();
        p.addLast(LIMITER, limiter);
        p.addLast(HTTP, new HttpServerCodec(limits.maxInitialLineLength(), limits.maxHeaderSize(), MAX_CHUNK_SIZE));
        p.addLast(HEAD_GUARD, new RequestHeadGuard(limits));
        p.addLast(KEEP_ALIVE, new HttpServerKeepAliveHandler());
        if (engine != null) {
            p.addLast(ENGINE, new EngineRouter(engine, upgrade));
        }
        p.addLast(AGGREGATOR, new HttpObjectAggregator(httpMaxContentLength) {
            @Override
            protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
                if (oversized instanceof HttpRequest head) {
                    // The application answers in its own format; the body is never kept.
                    FullHttpResponse res = httpHandler.tooLarge(head);
                    if (HttpUtil.isKeepAlive(head) && !(oversized instanceof io.netty.handler.codec.http.FullHttpMessage)) {
                        // As Netty's own aggregator does: the rest of the body is read and
                        // dropped, and the connection stays up. Closing while the client is
                        // still sending would reset it, and the client would lose this answer.
                        HttpUtil.setKeepAlive(res, true);
                        ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
                    } else {
                        res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                        ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
                    }
                } else {
                    super.handleOversizedMessage(ctx, oversized);
                }
            }
        });
        p.addLast(APP, new HttpHandlerAdapter(httpHandler));
    }
}
