package io.colachat.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.colachat.server.api.ApiException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What a REST handler needs of an HTTP request, copied out of Netty's reference-counted
 * request on the event loop so that handlers may run on any thread.
 */
public record Request(String method, String path, List<String> segments, Map<String, List<String>> query,
        String authorization, String origin, byte[] body, boolean keepAlive, String remoteIp) {

    static Request of(FullHttpRequest req, java.net.SocketAddress remote) {
        String ip = remote instanceof java.net.InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(remote);
        QueryStringDecoder qs = new QueryStringDecoder(req.uri());
        String path = qs.path();
        List<String> segments = java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
        byte[] body = new byte[req.content().readableBytes()];
        req.content().getBytes(req.content().readerIndex(), body);
        return new Request(req.method().name(), path, segments, qs.parameters(),
                req.headers().get(HttpHeaderNames.AUTHORIZATION), req.headers().get(HttpHeaderNames.ORIGIN),
                body, HttpUtil.isKeepAlive(req), ip);
    }

    /** The body as a JSON object; INVALID_INPUT when it is empty, malformed or not an object. */
    public JsonNode jsonObject(ObjectMapper mapper) {
        JsonNode node = json(mapper);
        if (!node.isObject()) {
            throw ApiException.invalid("body", "the body must be a JSON object");
        }
        return node;
    }

    /** The body as JSON, a NullNode when empty; INVALID_INPUT when malformed. */
    public JsonNode json(ObjectMapper mapper) {
        if (body.length == 0) {
            return NullNode.getInstance();
        }
        try {
            JsonNode node = mapper.readTree(new String(body, StandardCharsets.UTF_8));
            return node == null ? NullNode.getInstance() : node;
        } catch (Exception e) {
            throw ApiException.invalid("body", "the body is not valid JSON");
        }
    }

    /** The bearer token of the Authorization header, or null. */
    public String bearer() {
        if (authorization == null) {
            return null;
        }
        String a = authorization.trim();
        if (a.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = a.substring(7).trim();
            return token.isEmpty() ? null : token;
        }
        return null;
    }

    /** The first value of a query parameter, or null. */
    public String param(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
