package io.colachat.engine.eio;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every refusal carries Engine.IO's fixed code and message. */
class EngineErrorsTest {

    private static final RawHttp http = new RawHttp();
    private static EchoEngine server;

    @BeforeAll
    static void start() {
        server = EchoEngine.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0} ?{1} → {2}")
    @CsvSource(delimiter = '|', value = {
        "GET  | transport=polling                       | 5 | Unsupported protocol version",
        "GET  | EIO=3&transport=polling                 | 5 | Unsupported protocol version",
        "GET  | EIO=abc&transport=polling               | 5 | Unsupported protocol version",
        "GET  | EIO=4                                   | 0 | Transport unknown",
        "GET  | EIO=4&transport=abc                     | 0 | Transport unknown",
        "GET  | EIO=4&transport=__proto__               | 0 | Transport unknown",
        "GET  | EIO=4&transport=constructor             | 0 | Transport unknown",
        "GET  | EIO=4&transport=toString                | 0 | Transport unknown",
        "GET  | EIO=4&transport=hasOwnProperty          | 0 | Transport unknown",
        "GET  | EIO=4&transport=POLLING                 | 0 | Transport unknown",
        "GET  | EIO=4&transport=polling%00              | 0 | Transport unknown",
        "GET  | EIO=4&transport=                        | 0 | Transport unknown",
        "GET  | EIO=4&transport[]=polling               | 0 | Transport unknown",
        "GET  | EIO=4.0&transport=polling               | 5 | Unsupported protocol version",
        "GET  | EIO=04&transport=polling                | 5 | Unsupported protocol version",
        "GET  | EIO=&transport=polling                  | 5 | Unsupported protocol version",
        "GET  | EIO=__proto__&transport=polling         | 5 | Unsupported protocol version",
        "GET  | EIO=4%20&transport=polling              | 5 | Unsupported protocol version",
        "GET  | EIO=4&transport=polling&sid=nope        | 1 | Session ID unknown",
        "POST | EIO=4&transport=polling&sid=nope        | 1 | Session ID unknown",
        "POST | EIO=4&transport=polling                 | 2 | Bad handshake method",
        "PUT  | EIO=4&transport=polling                 | 2 | Bad handshake method",
        "GET  | EIO=4&transport=websocket               | 3 | Bad request",
    })
    void refusesWithTheEngineErrorCode(String method, String query, int code, String message) {
        HttpResponse<String> response = http.method(method, server.http(query));

        RawHttp.assertError(response, 400, code, message);
    }

    @Test
    void aWrongMethodOnAnExistingSessionIsABadRequest() {
        String sid = http.handshake(server);

        RawHttp.assertError(http.method("PUT", server.poll(sid)), 400, 3, "Bad request");
    }

    @Test
    void aPollForAWebsocketSessionIsABadRequest() {
        RawWebSocket ws = RawWebSocket.open(server);
        String sid = ws.sidFromOpenPacket();

        RawHttp.assertError(http.get(server.poll(sid)), 400, 3, "Bad request");
    }

    @Test
    void aTransportThatIsNotEnabledIsUnknown() {
        try (EchoEngine pollingOnly = EchoEngine.start(b -> b.transports(Set.of("polling")));
                EchoEngine websocketOnly = EchoEngine.start(b -> b.transports(Set.of("websocket")))) {
            RawHttp.assertError(http.get(pollingOnly.http("EIO=4&transport=websocket")), 400, 0, "Transport unknown");
            RawHttp.assertError(http.get(websocketOnly.http("EIO=4&transport=polling")), 400, 0, "Transport unknown");
        }
    }

    @Test
    void refusalsOpenNoSession() {
        int before = server.engine.sessionCount();

        http.get(server.http("EIO=3&transport=polling"));
        http.method("POST", server.http("EIO=4&transport=polling"));
        http.get(server.http("EIO=4&transport=websocket"));

        assertThat(server.engine.sessionCount()).isEqualTo(before);
    }
}
