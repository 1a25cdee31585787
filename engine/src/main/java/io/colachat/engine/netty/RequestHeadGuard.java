package io.colachat.engine.netty;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards the arrival of request heads, right behind the HTTP codec:
 * <ul>
 *   <li>a connection that is waiting for a request head (new, or idle between requests) for
 *       longer than {@link LimitsConfig#requestHeaderTimeout()} is closed: slow-loris clients
 *       that trickle a head in, and idle keep-alive connections, do not hold the server;</li>
 *   <li>a head the codec could not decode is answered here and the connection closed: 414 for a
 *       request line over {@link LimitsConfig#maxInitialLineLength()}, 431 for headers over
 *       {@link LimitsConfig#maxHeaderSize()}, 400 for anything else malformed. A body the codec
 *       could not decode (a bad chunk) closes the connection. Neither reaches the handlers behind.</li>
 * </ul>
 *
 * <p>The clock runs only while no request is in flight: it stops when a head arrives and starts
 * again when the last response is written, so a long poll held open for its full ping interval is
 * not cut. Informational responses (100 Continue) do not end a request. A websocket upgrade removes
 * this handler: the connection no longer carries HTTP requests.
 */
final class RequestHeadGuard extends ChannelDuplexHandler {

    private static final Logger log = LoggerFactory.getLogger(RequestHeadGuard.class);

    private final long timeoutNanos;
    /** Requests whose head arrived and whose final response has not been written. */
    private int inFlight;
    /** Whether the response being written is informational (1xx), so its end does not count. */
    private boolean informational;
    private boolean refused;
    private ScheduledFuture<?> timer;

    RequestHeadGuard(LimitsConfig limits) {
        this.timeoutNanos = limits.requestHeaderTimeout().toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            arm(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        arm(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        disarm();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        disarm();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest) {
            disarm();
            inFlight++;
        }
        if (msg instanceof HttpObject http && http.decoderResult().isFailure()) {
            ReferenceCountUtil.release(msg);
            refuse(ctx, msg instanceof HttpRequest ? http.decoderResult() : null);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response) {
            informational = response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
        }
        if (msg instanceof LastHttpContent && !informational && inFlight > 0 && --inFlight == 0) {
            arm(ctx);
        }
        ctx.write(msg, promise);
    }

    private void arm(ChannelHandlerContext ctx) {
        if (timer == null && !refused) {
            timer = ctx.executor().schedule(() -> {
                timer = null;
                log.debug("{} sent no complete request head within {} ms: closing", ctx.channel(),
                        TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
                ctx.close();
            }, timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void disarm() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /**
     * Answers a head that failed to decode ({@code head} non-null) with its status, or just closes
     * for a body that failed; the codec discards everything after a failure anyway.
     */
    private void refuse(ChannelHandlerContext ctx, DecoderResult head) {
        refused = true;
        disarm();
        if (head == null) {
            log.debug("{} malformed request body: closing", ctx.channel());
            ctx.close();
            return;
        }
        Throwable cause = head.cause();
        HttpResponseStatus status = cause instanceof TooLongHttpLineException ? HttpResponseStatus.REQUEST_URI_TOO_LONG
                : cause instanceof TooLongHttpHeaderException ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                : HttpResponseStatus.BAD_REQUEST;
        log.debug("{} malformed request head, answering {}: {}", ctx.channel(), status.code(), cause.toString());
        FullHttpResponse response = HttpHandlerAdapter.textResponse(status);
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
