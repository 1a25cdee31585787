package io.colachat.engine.eio;

import java.util.Locale;

/**
 * Internal: one shared instance of the header names, header values and query parameters that
 * nearly every handshake carries. A session keeps its handshake for its whole life, so with tens
 * of thousands of connections the same few dozen strings would otherwise be held once per
 * connection. Only this fixed list is shared; anything else stays the request's own string, so a
 * client cannot grow the table.
 *
 * <p>The table is a small open-addressing array probed with plain character comparisons rather
 * than a {@code Map} or a string {@code switch}: the handshake fuzz test bounds allocation per
 * input byte, and the fuzzer's hooks on map lookups and string comparisons allocate per call.
 */
final class CommonStrings {

    private static final String[] COMMON = {
        // header names, lower case as Socket.IO's handshake shows them
        "host", "connection", "upgrade", "user-agent", "accept", "accept-encoding",
        "accept-language", "origin", "referer", "cookie", "cache-control", "pragma",
        "content-type", "content-length", "sec-websocket-key", "sec-websocket-version",
        "sec-websocket-extensions", "sec-websocket-protocol", "sec-fetch-dest",
        "sec-fetch-mode", "sec-fetch-site", "x-forwarded-for", "x-forwarded-proto",
        "authorization",
        // header values
        "Upgrade", "websocket", "13", "keep-alive", "Keep-Alive", "close", "no-cache",
        "*/*", "gzip, deflate", "gzip, deflate, br", "permessage-deflate; client_max_window_bits",
        // Engine.IO's query parameters and their usual values
        "EIO", "4", "transport", "polling", "sid", "t", "b64", "1",
    };
    private static final int LONGEST = 64;
    /** At most a quarter full, so probes are short. */
    private static final String[] TABLE = new String[256];

    static {
        for (String s : COMMON) {
            int i = slot(s);
            while (TABLE[i] != null && !same(TABLE[i], s)) {
                i = (i + 1) & (TABLE.length - 1);
            }
            TABLE[i] = s;
        }
    }

    private CommonStrings() {
    }

    /** The shared instance equal to {@code s}, or {@code s} itself. */
    static String shared(String s) {
        if (s.isEmpty() || s.length() > LONGEST) {
            return s;
        }
        for (int i = slot(s); TABLE[i] != null; i = (i + 1) & (TABLE.length - 1)) {
            if (same(TABLE[i], s)) {
                return TABLE[i];
            }
        }
        return s;
    }

    /** A header name in lower case (HTTP names ignore case), shared when common. */
    static String headerName(String name) {
        return shared(name.toLowerCase(Locale.ROOT));
    }

    private static int slot(String s) {
        int h = 0;
        for (int i = 0; i < s.length(); i++) {
            h = 31 * h + s.charAt(i);
        }
        return (h ^ (h >>> 16)) & (TABLE.length - 1);
    }

    private static boolean same(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            if (a.charAt(i) != b.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
