package io.colachat.server.http;

import io.colachat.engine.eio.OriginPolicy;
import io.colachat.engine.netty.HttpHandler;
import io.colachat.server.api.ApiException;
import io.colachat.server.api.Envelope;
import io.colachat.server.api.ErrorCode;
import io.colachat.server.chat.Reply;
import io.colachat.server.text.Texts;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Every HTTP request that is not Socket.IO's: the REST API under {@code /chat/}, health,
 * metrics and the web client. Routing runs on the event loop; handlers that touch the database
 * or hash passwords run on the worker executor and write their response from there.
 */
public final class HttpRouter implements HttpHandler {

    private final RestApi api;
    private final Responses responses;
    private final Texts texts;
    private final Executor worker;
    private final OriginPolicy origins;
    private final StaticFiles web;
    private final Health health;
    /** {@code /admin/**} when the admin endpoints are on; null (so 404) otherwise. */
    private volatile java.util.function.BiConsumer<ChannelHandlerContext, Request> admin;

    public HttpRouter(RestApi api, Responses responses, Texts texts, Executor worker, OriginPolicy origins,
            StaticFiles web, Health health) {
        this.api = api;
        this.responses = responses;
        this.texts = texts;
        this.worker = worker;
        this.origins = origins;
        this.web = web;
        this.health = health;
    }

    /** Serves {@code /admin} and everything below it with {@code handler}; call before listening. */
    public void mountAdmin(java.util.function.BiConsumer<ChannelHandlerContext, Request> handler) {
        this.admin = handler;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest raw) {
        Request req;
        String host;
        try {
            req = Request.of(raw, ctx.channel().remoteAddress());
            host = raw.headers().get("Host");
        } finally {
            raw.release();
        }
        List<String> s = req.segments();
        String m = req.method();
        if (req.origin() != null && !origins.allows(req.origin(), host)) {
            fail(ctx, req, new ApiException(ErrorCode.FORBIDDEN, ""));
            return;
        }
        java.util.function.BiConsumer<ChannelHandlerContext, Request> adminRoutes = admin;
        if (adminRoutes != null && !s.isEmpty() && s.get(0).equals("admin")) {
            adminRoutes.accept(ctx, req);
            return;
        }
        if (s.size() >= 1 && s.get(0).equals("chat") && !(s.size() == 2 && m.equals("GET") && isUuidLike(s.get(1)))) {
            routeApi(ctx, req, s, m);
            return;
        }
        switch (req.path()) {
            case "/healthz" -> health.live(ctx, req);
            case "/readyz" -> health.ready(ctx, req, worker);
            case "/metrics" -> health.metrics(ctx, req);
            default -> web.serve(ctx, req);
        }
    }

    /** A body over max-http-body: 413 in the contract's envelope; nothing was read or changed. */
    @Override
    public io.netty.handler.codec.http.FullHttpResponse tooLarge(io.netty.handler.codec.http.HttpRequest head) {
        byte[] body = responses.jsonBytes(
                Envelope.error(ErrorCode.PAYLOAD_TOO_LARGE, texts.error(ErrorCode.PAYLOAD_TOO_LARGE)));
        io.netty.handler.codec.http.FullHttpResponse res = new io.netty.handler.codec.http.DefaultFullHttpResponse(
                io.netty.handler.codec.http.HttpVersion.HTTP_1_1,
                io.netty.handler.codec.http.HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                io.netty.buffer.Unpooled.wrappedBuffer(body));
        res.headers().set(io.netty.handler.codec.http.HttpHeaderNames.CONTENT_TYPE, "application/json; charset=UTF-8");
        res.headers().setInt(io.netty.handler.codec.http.HttpHeaderNames.CONTENT_LENGTH, body.length);
        return res;
    }

    private void routeApi(ChannelHandlerContext ctx, Request req, List<String> s, String m) {
        int n = s.size();
        if (n == 2 && s.get(1).equals("rooms")) {
            switch (m) {
                case "POST" -> run(ctx, req, 201, () -> api.createRoom(req));
                case "GET" -> run(ctx, req, 200, api::listRooms);
                default -> methodNotAllowed(ctx, req);
            }
        } else if (n == 2 && s.get(1).equals("config")) {
            onlyFor("GET", m, ctx, req, () -> run(ctx, req, 200, api::config));
        } else if (n == 3 && s.get(1).equals("rooms")) {
            onlyFor("GET", m, ctx, req, () -> run(ctx, req, 200, () -> api.getRoom(s.get(2))));
        } else if (n == 4 && s.get(1).equals("rooms") && s.get(3).equals("access-check")) {
            onlyFor("POST", m, ctx, req, () -> run(ctx, req, 200, () -> api.accessCheck(s.get(2), req)));
        } else if (n == 4 && s.get(1).equals("rooms") && s.get(3).equals("messages")) {
            onlyFor("GET", m, ctx, req, () -> run(ctx, req, 200, () -> api.after(s.get(2), req)));
        } else if (n == 5 && s.get(1).equals("rooms") && s.get(4).equals("reentry-check")) {
            onlyFor("GET", m, ctx, req, () -> run(ctx, req, 200, () -> api.reentryCheck(s.get(2), s.get(3))));
        } else if ((n == 4 || n == 5) && s.get(1).equals("messages")) {
            String chatter = n == 5 ? s.get(4) : null;
            onlyFor("GET", m, ctx, req, () -> run(ctx, req, 200, () -> api.page(s.get(2), s.get(3), chatter, req)));
        } else if (n == 4 && s.get(1).equals("chatters") && s.get(3).equals("nickname")) {
            onlyFor("PATCH", m, ctx, req, () -> run(ctx, req, 200, () -> api.rename(s.get(2), req)));
        } else {
            fail(ctx, req, new ApiException(ErrorCode.NOT_FOUND, "No such route."));
        }
    }

    private void onlyFor(String method, String actual, ChannelHandlerContext ctx, Request req, Runnable action) {
        if (method.equals(actual)) {
            action.run();
        } else {
            methodNotAllowed(ctx, req);
        }
    }

    private void methodNotAllowed(ChannelHandlerContext ctx, Request req) {
        fail(ctx, req, new ApiException(ErrorCode.METHOD_NOT_ALLOWED, "This route does not accept " + req.method() + "."));
    }

    /** Runs a handler on the worker and answers with its result in the envelope. */
    private void run(ChannelHandlerContext ctx, Request req, int status, Supplier<Object> handler) {
        try {
            worker.execute(() -> {
                try {
                    responses.json(ctx, req.keepAlive(), status, Envelope.ok(handler.get()));
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

    private static boolean isUuidLike(String s) {
        return s.length() == 36 && s.charAt(8) == '-';
    }
}
