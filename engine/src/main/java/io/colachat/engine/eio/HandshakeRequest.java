package io.colachat.engine.eio;

import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the HTTP request that opened an Engine.IO session carried: what middleware sees.
 *
 * @param headers the request headers (a read-only copy), never null
 * @param query the decoded query parameters, never null
 * @param remoteAddress the peer's address, never null
 * @param uri the request URI as sent
 * @param secure whether the connection was TLS
 * @param issued when the request arrived
 */
public record HandshakeRequest(
        HttpHeaders headers,
        Map<String, List<String>> query,
        InetSocketAddress remoteAddress,
        String uri,
        boolean secure,
        Instant issued) {

    /** The first value of a query parameter, or null. */
    public String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
