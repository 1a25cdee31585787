package io.colachat.engine.eio;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which browser origins may open sessions: checked on the polling handshake and requests, and
 * on the websocket upgrade (a refused origin gets 403), and echoed in CORS headers. A request
 * without an {@code Origin} header is not from a browser page and is always allowed.
 */
public final class OriginPolicy {

    private enum Kind { ANY, SAME_ORIGIN, LIST }

    private final Kind kind;
    private final Set<String> origins;

    private OriginPolicy(Kind kind, Set<String> origins) {
        this.kind = kind;
        this.origins = origins;
    }

    /** Any origin (what the Socket.IO compliance suite expects). */
    public static OriginPolicy any() {
        return new OriginPolicy(Kind.ANY, Set.of());
    }

    /** Only pages served by this server: the Origin's host and port equal the request's Host header. */
    public static OriginPolicy sameOrigin() {
        return new OriginPolicy(Kind.SAME_ORIGIN, Set.of());
    }

    /**
     * Exactly these origins (for example {@code https://chat.example.com}), plus the same origin.
     * A list holding {@code "*"} means any.
     */
    public static OriginPolicy of(List<String> allowed) {
        if (allowed.contains("*")) {
            return any();
        }
        return new OriginPolicy(Kind.LIST, allowed.stream()
                .map(o -> o.trim().toLowerCase(Locale.ROOT))
                .filter(o -> !o.isEmpty())
                .collect(Collectors.toUnmodifiableSet()));
    }

    /** Whether every origin is allowed. */
    public boolean allowsAny() {
        return kind == Kind.ANY;
    }

    /**
     * Whether a request with this Origin header (null when absent) and Host header may proceed.
     *
     * @param origin the Origin header, or null
     * @param host the Host header, or null
     */
    public boolean allows(String origin, String host) {
        if (origin == null || kind == Kind.ANY) {
            return true;
        }
        String normalized = origin.trim().toLowerCase(Locale.ROOT);
        if (kind == Kind.LIST && origins.contains(normalized)) {
            return true;
        }
        return sameOrigin(normalized, host);
    }

    private static boolean sameOrigin(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI uri = new URI(origin);
            if (uri.getHost() == null) {
                return false;
            }
            int port = uri.getPort();
            if (port == -1) {
                port = "https".equals(uri.getScheme()) ? 443 : 80;
            }
            String h = host.trim().toLowerCase(Locale.ROOT);
            String expected = uri.getHost() + ":" + port;
            return h.equals(expected) || (h.equals(uri.getHost()) && (port == 80 || port == 443));
        } catch (Exception e) {
            return false;
        }
    }
}
