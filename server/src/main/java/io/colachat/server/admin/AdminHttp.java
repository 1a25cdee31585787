package io.colachat.server.admin;

import io.colachat.server.api.ApiException;
import io.colachat.server.api.Envelope;
import io.colachat.server.api.ErrorCode;
import io.colachat.server.chat.Reply;
import io.colachat.server.http.Request;
import io.colachat.server.http.Responses;
import io.colachat.server.text.Texts;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /admin} (the page) and {@code /admin/api/**} (the same actions as JSON, in the
 * contract's envelope), mounted only when {@code admin-token} is set. The page is static and
 * holds no secret; every API call bears the token ({@code Authorization: Bearer ...}), or gets
 * 401 INVALID_TOKEN.
 *
 * <pre>
 * GET  /admin/api/overview                              live figures and their last 15 minutes
 * GET  /admin/api/rooms                                 open rooms with their present chatters
 * POST /admin/api/rooms/{roomId}/close                  close the room now
 * POST /admin/api/rooms/{roomId}/chatters/{id}/kick     remove the chatter from the room
 * </pre>
 *
 * Routing runs on the event loop; the actions run on the worker.
 */
public final class AdminHttp implements BiConsumer<ChannelHandlerContext, Request> {

    private static final Logger log = LoggerFactory.getLogger(AdminHttp.class);
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=UTF-8",
            "js", "text/javascript; charset=UTF-8",
            "css", "text/css; charset=UTF-8",
            "svg", "image/svg+xml");
    /** The page's own files only; no inline script, no framing. */
    private static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; "
            + "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private final AdminService admin;
    private final AdminToken token;
    private final Responses responses;
    private final Texts texts;
    private final Executor worker;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();

    public AdminHttp(AdminService admin, AdminToken token, Responses responses, Texts texts, Executor worker) {
        this.admin = admin;
        this.token = token;
        this.responses = responses;
        this.texts = texts;
        this.worker = worker;
    }

    /** Whether a request path belongs here: {@code /admin} and below. */
    public static boolean owns(List<String> segments) {
        return !segments.isEmpty() && segments.get(0).equals("admin");
    }

    @Override
    public void accept(ChannelHandlerContext ctx, Request req) {
        List<String> s = req.segments();
        if (s.size() >= 2 && s.get(1).equals("api")) {
            api(ctx, req, s.subList(2, s.size()));
        } else if (s.size() == 1) {
            page(ctx, req, "index.html");
        } else if (s.size() == 2) {
            page(ctx, req, s.get(1));
        } else {
            fail(ctx, req, new ApiException(ErrorCode.NOT_FOUND, "No such route."));
        }
    }

    // ---------------------------------------------------------------- the API

    private void api(ChannelHandlerContext ctx, Request req, List<String> s) {
        if (!token.matches(req.bearer())) {
            log.warn("admin API refused from {}: {} token", req.remoteIp(), req.bearer() == null ? "no" : "wrong");
            fail(ctx, req, new ApiException(ErrorCode.INVALID_TOKEN, ""));
            return;
        }
        String m = req.method();
        int n = s.size();
        if (n == 1 && s.get(0).equals("overview")) {
            only("GET", m, ctx, req, admin::overview);
        } else if (n == 1 && s.get(0).equals("rooms")) {
            only("GET", m, ctx, req, admin::rooms);
        } else if (n == 3 && s.get(0).equals("rooms") && s.get(2).equals("close")) {
            only("POST", m, ctx, req, () -> admin.closeRoom(uuid(s.get(1), "roomId")));
        } else if (n == 5 && s.get(0).equals("rooms") && s.get(2).equals("chatters") && s.get(4).equals("kick")) {
            only("POST", m, ctx, req, () -> admin.kick(uuid(s.get(1), "roomId"), uuid(s.get(3), "chatterId")));
        } else {
            fail(ctx, req, new ApiException(ErrorCode.NOT_FOUND, "No such route."));
        }
    }

    private void only(String method, String actual, ChannelHandlerContext ctx, Request req, Supplier<Object> action) {
        if (!method.equals(actual)) {
            fail(ctx, req, new ApiException(ErrorCode.METHOD_NOT_ALLOWED, "This route does not accept " + actual + "."));
            return;
        }
        try {
            worker.execute(() -> {
                try {
                    responses.json(ctx, req.keepAlive(), 200, Envelope.ok(action.get()));
                } catch (RuntimeException e) {
                    fail(ctx, req, e);
                }
            });
        } catch (RejectedExecutionException e) {
            fail(ctx, req, new ApiException(ErrorCode.UNAVAILABLE, ""));
        }
    }

    private void fail(ChannelHandlerContext ctx, Request req, Throwable error) {
        Envelope env = Reply.envelopeOf(error, texts);
        responses.json(ctx, req.keepAlive(), ErrorCode.valueOf(env.code()).httpStatus(), env);
    }

    private static UUID uuid(String s, String field) {
        try {
            if (s.length() == 36) {
                return UUID.fromString(s);
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal
        }
        throw ApiException.invalid(field, field + " must be a UUID");
    }

    // ---------------------------------------------------------------- the page

    private void page(ChannelHandlerContext ctx, Request req, String name) {
        if (!req.method().equals("GET") && !req.method().equals("HEAD")) {
            fail(ctx, req, new ApiException(ErrorCode.METHOD_NOT_ALLOWED, "This route does not accept " + req.method() + "."));
            return;
        }
        int dot = name.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(name.substring(dot + 1));
        byte[] body = type == null || !name.matches("[a-z0-9-]+\\.[a-z]+") ? null : load(name);
        if (body == null) {
            fail(ctx, req, new ApiException(ErrorCode.NOT_FOUND, "No such route."));
            return;
        }
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(body));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        res.headers().set("X-Content-Type-Options", "nosniff");
        res.headers().set("X-Frame-Options", "DENY");
        res.headers().set("Referrer-Policy", "no-referrer");
        res.headers().set("Content-Security-Policy", CSP);
        if (req.keepAlive()) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(res);
        } else {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private byte[] load(String name) {
        byte[] cached = files.get(name);
        if (cached != null) {
            return cached;
        }
        try (InputStream in = AdminHttp.class.getClassLoader().getResourceAsStream("admin/" + name)) {
            if (in == null) {
                return null;
            }
            byte[] bytes = in.readAllBytes();
            files.put(name, bytes);
            return bytes;
        } catch (IOException e) {
            return null;
        }
    }
}
