package io.colachat.engine.eio;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.colachat.engine.testing.FuzzBudget;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzzing of what the engine reads from a request head before anything else: the
 * query string ({@code EIO}, {@code transport}, {@code sid}, percent-escapes and all), the Origin
 * and Host headers under each origin policy, and the websocket upgrade headers.
 *
 * <p>The input is a method byte (GET, POST, OPTIONS, PUT by its value modulo 4), then lines: the
 * first is the query string, each further {@code name: value} line a header (what the HTTP codec
 * would not let through is skipped, as the codec would refuse it).
 *
 * <p>Properties: nothing throws; {@link EioServer#verify} answers an error or admits only requests
 * naming an enabled transport and protocol 4, with a GET for a handshake; an admitted request's
 * {@link HandshakeRequest} keeps every header; bounded time and allocation ({@link FuzzBudget}).
 */
class HandshakeQueryFuzzTest {

    private static final Set<String> TRANSPORTS = Set.of("polling", "websocket");
    private static final HttpMethod[] METHODS = {HttpMethod.GET, HttpMethod.POST, HttpMethod.OPTIONS, HttpMethod.PUT};
    private static final EioServer[] SERVERS = {
        server(OriginPolicy.sameOrigin()), server(OriginPolicy.any()),
        server(OriginPolicy.of(List.of("https://chat.example.com", "http://localhost:3000"))),
    };
    private static EmbeddedChannel channel;

    private static EioServer server(OriginPolicy origins) {
        return new EioServer(EngineConfig.builder().originPolicy(origins).build(), socket -> { });
    }

    @BeforeAll
    static void open() {
        channel = new EmbeddedChannel();
        exercise(request("\0EIO=4&transport=polling\nOrigin: http://localhost:3000\nHost: localhost:3000"
                .getBytes(StandardCharsets.UTF_8)));
    }

    @AfterAll
    static void close() {
        channel.finishAndReleaseAll();
    }

    @FuzzTest(maxDuration = "10s")
    void parsesAnyHandshakeQueryAndHeaders(byte[] input) {
        DefaultHttpRequest request = request(input);
        if (request != null) {
            // Only the engine's part is measured: building the request is the codec's job.
            FuzzBudget.check(input.length, 128 << 10, 64, () -> exercise(request));
        }
    }

    /** The request the HTTP codec would have made of the input, or null if it would refuse it. */
    private static DefaultHttpRequest request(byte[] input) {
        if (input.length == 0) {
            return null;
        }
        HttpMethod method = METHODS[(input[0] & 0xff) % METHODS.length];
        String[] lines = new String(input, 1, input.length - 1, StandardCharsets.UTF_8).split("\n", 64);
        String query = lines[0];
        if (query.indexOf(' ') >= 0 || query.indexOf('\r') >= 0) {
            return null; // not a request line the codec would accept
        }
        HttpHeaders headers = new DefaultHttpHeaders(true);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            try {
                headers.add(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
            } catch (IllegalArgumentException notAHeader) {
                // the codec validates header names and values the same way
            }
        }
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, "/socket.io/?" + query, headers);
    }

    private static void exercise(DefaultHttpRequest request) {
        EngineRequest r = new EngineRequest(request, channel);
        for (EioServer server : SERVERS) {
            EioError error = server.verify(r);
            server.config().originPolicy().allows(r.origin(), r.host());
            if (error == null) {
                checkAdmitted(r);
            }
        }
    }

    private static void checkAdmitted(EngineRequest r) {
        if (!TRANSPORTS.contains(r.transport()) || !"4".equals(r.protocol()) || r.malformedQuery()) {
            throw new AssertionError("admitted " + r + " with transport " + r.transport() + ", EIO " + r.protocol());
        }
        if (r.sid() == null && !HttpMethod.GET.equals(r.method())) {
            throw new AssertionError("admitted a handshake that is not a GET: " + r);
        }
        HandshakeRequest handshake = r.toHandshake();
        if (handshake.headers().size() != r.request().headers().size()) {
            throw new AssertionError("the handshake lost headers");
        }
        if (!r.transport().equals(handshake.queryParam("transport"))) {
            throw new AssertionError("the handshake's query differs from the request's");
        }
    }
}
