package io.colachat.engine.eio.transport;

import io.colachat.engine.eio.EioError;
import io.colachat.engine.eio.EioMessage;
import io.colachat.engine.eio.PacketCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One engine HTTP request waiting for its response: exactly one of the {@code respond} methods
 * writes it; later calls are ignored. Every response carries {@code Cache-Control: no-store}
 * and, when the request's Origin was allowed, the CORS headers echoing it.
 *
 * <p>May be answered from any thread: a poll is answered from its session's loop, which is often
 * not the loop of the connection it arrived on, and Netty moves the write to the right loop.
 */
public final class HttpExchange {

    private static final Logger log = LoggerFactory.getLogger(HttpExchange.class);

    private static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);
    private static final CharSequence TEXT_UTF8 = "text/plain; charset=UTF-8";
    private static final CharSequence ALLOWED_METHODS = "GET,POST,OPTIONS";

    private final Channel channel;
    private final String corsOrigin;
    private final AtomicBoolean answered = new AtomicBoolean();
    private volatile ChannelFutureListener abortListener;
    private volatile boolean closeAfterResponse;

    /**
     * @param channel the connection the request arrived on
     * @param corsOrigin the request's Origin when the origin policy allows it (echoed in CORS
     *     headers), or null for no CORS headers
     */
    public HttpExchange(Channel channel, String corsOrigin) {
        this.channel = channel;
        this.corsOrigin = corsOrigin;
    }

    /** The connection the request arrived on, and its response goes out on. */
    public Channel channel() {
        return channel;
    }

    /**
     * Runs {@code onAbort} on the connection's loop if the connection closes before a response
     * is written (a client that gave up on a long poll).
     */
    public void onAbort(Runnable onAbort) {
        ChannelFutureListener listener = f -> {
            if (!answered.get()) {
                onAbort.run();
            }
        };
        abortListener = listener;
        channel.closeFuture().addListener(listener);
    }

    /**
     * Makes the response say {@code Connection: close}, so the connection closes once it is
     * written: for a request whose body will not be read (an oversized POST) or that leaves the
     * connection in no state to go on (a malformed upgrade). Call before responding.
     */
    public void closeAfterResponse() {
        closeAfterResponse = true;
    }

    /** Answers a poll: the packets as one payload, {@code text/plain; charset=UTF-8}. */
    public void respondPayload(List<EioMessage> packets) {
        respond(HttpResponseStatus.OK, TEXT_UTF8, PacketCodec.encodePayload(channel.alloc(), packets));
    }

    /** Answers a POST that was accepted: {@code ok} as {@code text/html}, which keeps old browsers from offering a download. */
    public void respondOk() {
        respond(HttpResponseStatus.OK, HttpHeaderValues.TEXT_HTML, Unpooled.wrappedBuffer(OK));
    }

    /** Answers with an engine error: 400 or 403 and its JSON body. */
    public void respondError(EioError error) {
        respond(HttpResponseStatus.valueOf(error.httpStatus()), HttpHeaderValues.APPLICATION_JSON,
                Unpooled.wrappedBuffer(error.jsonBody()));
    }

    /** Answers with a bare status and no body (413 for an oversized POST). */
    public void respondStatus(HttpResponseStatus status) {
        respond(status, null, Unpooled.EMPTY_BUFFER);
    }

    /**
     * Answers a CORS preflight: 204 allowing GET, POST and OPTIONS, and echoing the requested
     * headers.
     *
     * @param requestedHeaders the Access-Control-Request-Headers value, or null
     */
    public void respondPreflight(String requestedHeaders) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT);
        HttpHeaders headers = response.headers();
        headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS);
        if (requestedHeaders != null) {
            headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, requestedHeaders);
        }
        write(response);
    }

    private void respond(HttpResponseStatus status, CharSequence contentType, ByteBuf body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        HttpHeaders headers = response.headers();
        if (contentType != null) {
            headers.set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        headers.set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        if (closeAfterResponse) {
            // HttpServerKeepAliveHandler closes the connection after a response that says so.
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        write(response);
    }

    private void write(FullHttpResponse response) {
        if (!answered.compareAndSet(false, true)) {
            // Two answers to one request would desynchronise the connection: keep the first.
            log.warn("{} already answered, dropping {}", channel, response.status());
            response.release();
            return;
        }
        ChannelFutureListener listener = abortListener;
        if (listener != null) {
            channel.closeFuture().removeListener(listener);
        }
        if (corsOrigin != null) {
            HttpHeaders headers = response.headers();
            headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, corsOrigin);
            headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
            headers.add(HttpHeaderNames.VARY, "Origin");
        }
        // On a closed channel the write fails and Netty releases the response.
        channel.writeAndFlush(response);
    }
}
