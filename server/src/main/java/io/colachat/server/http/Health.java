package io.colachat.server.http;

import io.colachat.server.store.Database;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;

/** {@code /healthz} (the process serves), {@code /readyz} (its dependencies answer) and {@code /metrics}. */
public final class Health {

    private final Responses responses;
    private final Database db;
    private final BooleanSupplier redisReady;
    private final PrometheusMeterRegistry registry;

    /** @param redisReady true when Redis answers, or when no Redis is configured */
    public Health(Responses responses, Database db, BooleanSupplier redisReady, PrometheusMeterRegistry registry) {
        this.responses = responses;
        this.db = db;
        this.redisReady = redisReady;
        this.registry = registry;
    }

    void live(ChannelHandlerContext ctx, Request req) {
        responses.json(ctx, req.keepAlive(), 200, Map.of("status", "UP"));
    }

    void ready(ChannelHandlerContext ctx, Request req, Executor worker) {
        try {
            worker.execute(() -> {
                boolean database = db.ping();
                boolean redis = redisReady.getAsBoolean();
                boolean up = database && redis;
                responses.json(ctx, req.keepAlive(), up ? 200 : 503, Map.of(
                        "status", up ? "UP" : "DOWN",
                        "database", database ? "UP" : "DOWN",
                        "redis", redis ? "UP" : "DOWN"));
            });
        } catch (RejectedExecutionException e) {
            responses.json(ctx, req.keepAlive(), 503, Map.of("status", "DOWN"));
        }
    }

    void metrics(ChannelHandlerContext ctx, Request req) {
        byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
        responses.send(ctx, req.keepAlive(), 200, "text/plain; version=0.0.4; charset=utf-8",
                Unpooled.wrappedBuffer(body), null);
    }
}
