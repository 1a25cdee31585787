package io.colachat.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the web client from the classpath ({@code /web/}). {@code /} and the room pages
 * {@code /chat/{roomId}} get {@code index.html}; the client routes itself. Files are read once
 * and kept: they are small and never change while the process runs.
 */
public final class StaticFiles {

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=UTF-8",
            "js", "text/javascript; charset=UTF-8",
            "mjs", "text/javascript; charset=UTF-8",
            "css", "text/css; charset=UTF-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "json", "application/json; charset=UTF-8",
            "txt", "text/plain; charset=UTF-8",
            "md", "text/plain; charset=UTF-8");

    private final Responses responses;
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    public StaticFiles(Responses responses) {
        this.responses = responses;
    }

    void serve(ChannelHandlerContext ctx, Request req) {
        if (!req.method().equals("GET") && !req.method().equals("HEAD")) {
            notFound(ctx, req);
            return;
        }
        String path = req.path();
        if (path.equals("/") || (path.startsWith("/chat/") && req.segments().size() == 2)) {
            path = "/index.html";
        }
        if (path.contains("..") || path.contains("//") || path.contains("\\")) {
            notFound(ctx, req);
            return;
        }
        String resource = path.startsWith("/webjars/") ? "META-INF/resources" + path : "web" + path;
        byte[] body = load(resource);
        if (body == null) {
            notFound(ctx, req);
            return;
        }
        String ext = path.substring(path.lastIndexOf('.') + 1);
        // Revalidated on every load: module paths carry no version, and a fresh index.html must
        // never run with yesterday's modules.
        String cache = "no-cache";
        responses.send(ctx, req.keepAlive(), 200, TYPES.getOrDefault(ext, "application/octet-stream"),
                Unpooled.wrappedBuffer(body), cache);
    }

    private byte[] load(String resource) {
        byte[] cached = cache.get(resource);
        if (cached != null) {
            return cached;
        }
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            byte[] bytes = in.readAllBytes();
            cache.put(resource, bytes);
            return bytes;
        } catch (IOException e) {
            return null;
        }
    }

    private void notFound(ChannelHandlerContext ctx, Request req) {
        responses.send(ctx, req.keepAlive(), 404, "text/plain; charset=UTF-8",
                Unpooled.copiedBuffer("Not found", StandardCharsets.UTF_8), null);
    }
}
