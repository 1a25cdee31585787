package io.colachat.engine.eio;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.ReadOnlyHttpHeaders;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Internal: one HTTP request under the engine path, with the query parameters Engine.IO reads.
 * Made by {@code io.colachat.engine.netty} for every request it hands to {@link EioServer}; not
 * part of the API the Socket.IO layer uses (it sees {@link HandshakeRequest}).
 */
public final class EngineRequest {

    private final HttpRequest request;
    private final Channel channel;
    private final Map<String, List<String>> query;
    private final boolean malformedQuery;

    /**
     * @param request the request head; kept, so it must not be a reference-counted message
     * @param channel the connection it arrived on
     */
    public EngineRequest(HttpRequest request, Channel channel) {
        this.request = request;
        this.channel = channel;
        Map<String, List<String>> parsed;
        boolean malformed = false;
        try {
            parsed = new QueryStringDecoder(request.uri()).parameters();
        } catch (IllegalArgumentException badEscape) {
            // "%zz" or a dangling "%": the decoder throws rather than keeping it literally.
            parsed = Map.of();
            malformed = true;
        }
        this.query = parsed;
        this.malformedQuery = malformed;
    }

    /** Whether the query string has a bad percent-escape and so could not be read at all. */
    public boolean malformedQuery() {
        return malformedQuery;
    }

    /** The request head as the codec decoded it. */
    public HttpRequest request() {
        return request;
    }

    /** The connection the request arrived on. */
    public Channel channel() {
        return channel;
    }

    /** The request method. */
    public HttpMethod method() {
        return request.method();
    }

    /** The {@code transport} query parameter, or null. */
    public String transport() {
        return param("transport");
    }

    /** The {@code sid} query parameter, or null (a handshake). */
    public String sid() {
        return param("sid");
    }

    /** The {@code EIO} query parameter (the protocol revision), or null. */
    public String protocol() {
        return param("EIO");
    }

    /** The Origin header, or null when the request is not from a browser page. */
    public String origin() {
        return request.headers().get(HttpHeaderNames.ORIGIN);
    }

    /** The Host header, or null. */
    public String host() {
        return request.headers().get(HttpHeaderNames.HOST);
    }

    /** Whether the request asks to switch to the websocket protocol. */
    public boolean hasWebSocketUpgrade() {
        return request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    private String param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * What the session keeps of this request: copies, since the request itself is not kept.
     * Header names are lower-cased, as in Socket.IO's {@code handshake.headers}; lookups ignore
     * case either way.
     */
    HandshakeRequest toHandshake() {
        HttpHeaders headers = request.headers();
        CharSequence[] pairs = new CharSequence[headers.size() * 2];
        int i = 0;
        for (Map.Entry<String, String> e : headers) {
            pairs[i++] = CommonStrings.headerName(e.getKey());
            pairs[i++] = CommonStrings.shared(e.getValue());
        }
        Map<String, List<String>> queryCopy = new HashMap<>(query.size() * 2);
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            List<String> values = e.getValue();
            String[] shared = new String[values.size()];
            for (int v = 0; v < shared.length; v++) {
                shared[v] = CommonStrings.shared(values.get(v));
            }
            queryCopy.put(CommonStrings.shared(e.getKey()), List.of(shared));
        }
        SocketAddress remote = channel.remoteAddress();
        InetSocketAddress address = remote instanceof InetSocketAddress inet
                ? inet : InetSocketAddress.createUnresolved("unknown", 0);
        boolean secure = channel.pipeline().get(SslHandler.class) != null;
        return new HandshakeRequest(new ReadOnlyHttpHeaders(false, pairs), Map.copyOf(queryCopy), address,
                request.uri(), secure, Instant.now());
    }

    @Override
    public String toString() {
        return request.method() + " " + request.uri();
    }
}
