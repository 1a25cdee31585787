package io.colachat.engine.eio;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Internal: one shared instance of the header names, header values and query parameters that
 * nearly every handshake carries. A session keeps its handshake for its whole life, so with tens
 * of thousands of connections the same few dozen strings would otherwise be held once per
 * connection. Only this fixed list is shared; anything else stays the request's own string, so a
 * client cannot grow the table.
 */
final class CommonStrings {

    private static final Map<String, String> SHARED = Stream.of(
                    // header names, lower case as Socket.IO's handshake shows them
                    "host", "connection", "upgrade", "user-agent", "accept", "accept-encoding",
                    "accept-language", "origin", "referer", "cookie", "cache-control", "pragma",
                    "content-type", "content-length", "sec-websocket-key", "sec-websocket-version",
                    "sec-websocket-extensions", "sec-websocket-protocol", "sec-fetch-dest",
                    "sec-fetch-mode", "sec-fetch-site", "x-forwarded-for", "x-forwarded-proto",
                    "authorization",
                    // header values
                    "Upgrade", "upgrade", "websocket", "13", "keep-alive", "Keep-Alive", "close",
                    "no-cache", "*/*", "gzip, deflate", "gzip, deflate, br",
                    "permessage-deflate; client_max_window_bits",
                    // Engine.IO's query parameters and their usual values
                    "EIO", "4", "transport", "polling", "sid", "t", "b64", "1")
            .distinct()
            .collect(Collectors.toUnmodifiableMap(Function.identity(), Function.identity()));

    private CommonStrings() {
    }

    /** The shared instance equal to {@code s}, or {@code s} itself. */
    static String shared(String s) {
        return SHARED.getOrDefault(s, s);
    }

    /** A header name in lower case (HTTP names ignore case), shared when common. */
    static String headerName(String name) {
        return shared(name.toLowerCase(Locale.ROOT));
    }
}
