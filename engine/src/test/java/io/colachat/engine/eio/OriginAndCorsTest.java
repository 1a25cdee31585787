package io.colachat.engine.eio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OriginAndCorsTest {

    private static final String ALLOWED = "https://chat.example.com";
    private static final String FORBIDDEN = "https://evil.example.com";

    private static final RawHttp http = new RawHttp();
    private static EchoEngine server;

    @BeforeAll
    static void start() {
        server = EchoEngine.start(b -> b.originPolicy(OriginPolicy.of(List.of(ALLOWED))));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aForbiddenOriginCannotHandshake() {
        HttpResponse<String> response = http.get(server.http("EIO=4&transport=polling"), "Origin", FORBIDDEN);

        RawHttp.assertError(response, 403, 4, "Forbidden");
        assertThat(response.headers().firstValue("access-control-allow-origin")).isEmpty();
    }

    @Test
    void aForbiddenOriginCannotUseAnExistingSession() {
        String sid = http.handshake(server);

        RawHttp.assertError(http.get(server.poll(sid), "Origin", FORBIDDEN), 403, 4, "Forbidden");
        RawHttp.assertError(http.post(server.poll(sid), "4x", "Origin", FORBIDDEN), 403, 4, "Forbidden");
    }

    @Test
    void aForbiddenOriginCannotOpenAWebsocket() {
        int before = server.engine.sessionCount();

        assertThatThrownBy(() -> RawWebSocket.connect(server.ws("EIO=4&transport=websocket"), Map.of("Origin", FORBIDDEN)))
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(403));
        assertThat(server.engine.sessionCount()).isEqualTo(before);
    }

    @Test
    void anAllowedOriginOpensAWebsocket() {
        RawWebSocket ws = RawWebSocket.connect(server.ws("EIO=4&transport=websocket"), Map.of("Origin", ALLOWED));

        assertThat(ws.nextText()).startsWith("0{");
    }

    @Test
    void anAllowedOriginGetsCorsHeadersOnEveryPollingResponse() {
        HttpResponse<String> handshake = http.get(server.http("EIO=4&transport=polling"), "Origin", ALLOWED);
        String sid = RawHttp.openPacket(handshake.body()).get("sid").asText();
        HttpResponse<String> post = http.post(server.poll(sid), "4hi", "Origin", ALLOWED);
        HttpResponse<String> poll = http.get(server.poll(sid), "Origin", ALLOWED);

        for (HttpResponse<String> response : List.of(handshake, post, poll)) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("access-control-allow-origin")).hasValue(ALLOWED);
            assertThat(response.headers().firstValue("access-control-allow-credentials")).hasValue("true");
            assertThat(response.headers().allValues("vary")).contains("Origin");
        }
        assertThat(poll.body()).isEqualTo("4hi");
    }

    @Test
    void aRequestWithoutOriginGetsNoCorsHeaders() {
        HttpResponse<String> handshake = http.get(server.http("EIO=4&transport=polling"));

        assertThat(handshake.statusCode()).isEqualTo(200);
        assertThat(handshake.headers().firstValue("access-control-allow-origin")).isEmpty();
    }

    @Test
    void aPreflightFromAnAllowedOriginIsAnswered204() {
        HttpResponse<String> response = http.method("OPTIONS", server.http("EIO=4&transport=polling"),
                "Origin", ALLOWED, "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "content-type, x-token");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("access-control-allow-origin")).hasValue(ALLOWED);
        assertThat(response.headers().firstValue("access-control-allow-credentials")).hasValue("true");
        assertThat(response.headers().firstValue("access-control-allow-methods")).hasValue("GET,POST,OPTIONS");
        assertThat(response.headers().firstValue("access-control-allow-headers")).hasValue("content-type, x-token");
    }

    @Test
    void aPreflightFromAForbiddenOriginIsRefused() {
        HttpResponse<String> response = http.method("OPTIONS", server.http("EIO=4&transport=polling"),
                "Origin", FORBIDDEN, "Access-Control-Request-Method", "POST");

        RawHttp.assertError(response, 403, 4, "Forbidden");
    }

    @Test
    void theSameOriginIsAllowedByDefault() {
        try (EchoEngine sameOrigin = EchoEngine.start(b -> b.originPolicy(OriginPolicy.sameOrigin()))) {
            String self = "http://127.0.0.1:" + sameOrigin.port();
            assertThat(http.get(sameOrigin.http("EIO=4&transport=polling"), "Origin", self).statusCode()).isEqualTo(200);
            RawHttp.assertError(http.get(sameOrigin.http("EIO=4&transport=polling"), "Origin", ALLOWED),
                    403, 4, "Forbidden");
        }
    }
}
