package io.colachat.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Writes one HTTP response, from any thread, honouring keep-alive. Every response gets
 * {@code X-Content-Type-Options: nosniff}, may not be framed by other sites, sends no referrer,
 * and is not cached unless the caller says otherwise.
 */
public final class Responses {

    private final ObjectMapper mapper;

    public Responses(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Sends {@code body} as JSON with {@code status}. */
    public void json(ChannelHandlerContext ctx, boolean keepAlive, int status, Object body) {
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serialisable", e);
        }
        send(ctx, keepAlive, status, "application/json; charset=UTF-8", Unpooled.wrappedBuffer(bytes), null);
    }

    /** {@code body} as JSON bytes. */
    public byte[] jsonBytes(Object body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serialisable", e);
        }
    }

    /** Sends raw bytes with a content type and optional Cache-Control. */
    public void send(ChannelHandlerContext ctx, boolean keepAlive, int status, String contentType, ByteBuf body,
            String cacheControl) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), body);
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        res.headers().set("X-Content-Type-Options", "nosniff");
        // No page of ours may be framed by another site (clickjacking); a meta tag cannot say this.
        res.headers().set("X-Frame-Options", "DENY");
        res.headers().set("Content-Security-Policy", "frame-ancestors 'none'");
        res.headers().set("Referrer-Policy", "no-referrer");
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, cacheControl == null ? "no-store" : cacheControl);
        if (keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(res);
        } else {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
