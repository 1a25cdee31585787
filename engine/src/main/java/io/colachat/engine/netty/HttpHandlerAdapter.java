package io.colachat.engine.netty;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of an HTTP connection: hands each aggregated request that is not the
 * engine's to the application's {@link HttpHandler}, which owns it from then on.
 */
final class HttpHandlerAdapter extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(HttpHandlerAdapter.class);

    /** The default handler: 404 for everything. */
    static final HttpHandler NOT_FOUND = (ctx, request) -> {
        request.release();
        ctx.writeAndFlush(textResponse(HttpResponseStatus.NOT_FOUND));
    };

    private final HttpHandler handler;

    HttpHandlerAdapter(HttpHandler handler) {
        this.handler = handler;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            handler.handle(ctx, request);
        } catch (Exception e) {
            log.warn("HTTP handler failed on {} {}", request.method(), request.uri(), e);
            // The handler owned the request; it may or may not have released it before failing.
            if (request.refCnt() > 0) {
                request.release();
            }
            ctx.writeAndFlush(textResponse(HttpResponseStatus.INTERNAL_SERVER_ERROR))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException || cause instanceof DecoderException
                || cause instanceof PrematureChannelClosureException) {
            // The client's doing (a reset, bytes that do not decode, a body cut short by a close),
            // not a fault of ours: a warning with a stack trace for each would let any client
            // flood the log.
            log.debug("{} connection failed: {}", ctx.channel(), cause.toString());
        } else {
            log.warn("{} unexpected failure; closing", ctx.channel(), cause);
        }
        ctx.close();
    }

    static FullHttpResponse textResponse(HttpResponseStatus status) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(status.reasonPhrase(), StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        return response;
    }
}
