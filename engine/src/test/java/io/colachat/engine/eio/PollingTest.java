package io.colachat.engine.eio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PollingTest {

    private final RawHttp http = new RawHttp();
    private EchoEngine server;

    @BeforeEach
    void start() {
        server = EchoEngine.start(b -> b.maxPayload(1000));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void echoesATextMessage() {
        String sid = http.handshake(server);

        HttpResponse<String> post = http.post(server.poll(sid), "4hello");
        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(post.body()).isEqualTo("ok");
        assertThat(post.headers().firstValue("content-type")).hasValue("text/html");

        HttpResponse<String> poll = http.get(server.poll(sid));
        assertThat(poll.statusCode()).isEqualTo(200);
        assertThat(poll.headers().firstValue("content-type")).hasValue("text/plain; charset=UTF-8");
        assertThat(poll.body()).isEqualTo("4hello");
    }

    @Test
    void echoesSeveralRecordsInOrderInOnePayload() {
        String sid = http.handshake(server);

        assertThat(http.post(server.poll(sid), "4test1\u001e4test2\u001e4tést3").body()).isEqualTo("ok");

        assertThat(http.get(server.poll(sid)).body()).isEqualTo("4test1\u001e4test2\u001e4tést3");
    }

    @Test
    void echoesBinaryAsBase64Records() {
        String sid = http.handshake(server);

        http.post(server.poll(sid), "4hello\u001ebAQIDBA==");

        assertThat(http.get(server.poll(sid)).body()).isEqualTo("4hello\u001ebAQIDBA==");
    }

    @Test
    void holdsAPollUntilSomethingIsQueued() throws Exception {
        String sid = http.handshake(server);
        CompletableFuture<HttpResponse<String>> poll = http.getAsync(server.poll(sid));
        server.awaitPollWaiting(sid);
        assertThat(poll).isNotDone();

        server.awaitSocket(sid).send(List.of(EioMessage.text("one"), EioMessage.text("two")), false);

        assertThat(poll.get(5, TimeUnit.SECONDS).body()).isEqualTo("4one\u001e4two");
    }

    @Test
    void aSecondConcurrentPollIsRefusedAndClosesTheSession() {
        String sid = http.handshake(server);

        CompletableFuture<HttpResponse<String>> first = http.getAsync(server.poll(sid));
        CompletableFuture<HttpResponse<String>> second = http.getAsync(server.poll(sid));
        List<HttpResponse<String>> both = List.of(first.join(), second.join());

        // Whichever arrived first was waiting, and is answered with a close packet.
        assertThat(both).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(200, 400);
        HttpResponse<String> waiting = both.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow();
        HttpResponse<String> refused = both.stream().filter(r -> r.statusCode() == 400).findFirst().orElseThrow();
        assertThat(waiting.body()).isEqualTo("1");
        RawHttp.assertError(refused, 400, 3, "Bad request");
        assertThat(server.awaitClose(sid)).isEqualTo(EioCloseReason.TRANSPORT_ERROR);
        RawHttp.assertError(http.get(server.poll(sid)), 400, 1, "Session ID unknown");
        assertThat(server.engine.sessionCount()).isZero();
    }

    @Test
    void aClientCloseReleasesThePendingPollWithNoop() {
        String sid = http.handshake(server);
        CompletableFuture<HttpResponse<String>> poll = http.getAsync(server.poll(sid));
        server.awaitPollWaiting(sid);

        assertThat(http.post(server.poll(sid), "1").body()).isEqualTo("ok");

        assertThat(poll.join().body()).isEqualTo("6");
        assertThat(server.awaitClose(sid)).isEqualTo(EioCloseReason.TRANSPORT_CLOSE);
        assertThat(http.get(server.poll(sid)).statusCode()).isEqualTo(400);
        assertThat(server.engine.sessionCount()).isZero();
    }

    @Test
    void aServerCloseAnswersThePendingPollWithClose() {
        String sid = http.handshake(server);
        CompletableFuture<HttpResponse<String>> poll = http.getAsync(server.poll(sid));
        server.awaitPollWaiting(sid);

        server.awaitSocket(sid).close(EioCloseReason.FORCED_CLOSE);

        assertThat(poll.join().body()).isEqualTo("1");
        assertThat(server.awaitClose(sid)).isEqualTo(EioCloseReason.FORCED_CLOSE);
        assertThat(server.engine.sessionCount()).isZero();
    }

    @Test
    void aServerCloseWaitsForTheNextPollToDeliverWhatIsQueued() {
        String sid = http.handshake(server);
        EioSocket socket = server.awaitSocket(sid);

        socket.send(EioMessage.text("bye"));
        socket.close(EioCloseReason.FORCED_CLOSE);
        EchoEngine.waiting().until(() -> !socket.isOpen());
        assertThat(server.closes).doesNotContainKey(sid);

        assertThat(http.get(server.poll(sid)).body()).isEqualTo("4bye\u001e1");
        assertThat(server.awaitClose(sid)).isEqualTo(EioCloseReason.FORCED_CLOSE);
        assertThat(http.get(server.poll(sid)).statusCode()).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "4ok\u001e", "b!!", "9"})
    void aMalformedPayloadIsRefusedAndClosesTheSession(String body) {
        String sid = http.handshake(server);

        RawHttp.assertError(http.post(server.poll(sid), body), 400, 3, "Bad request");

        assertThat(server.awaitClose(sid)).isEqualTo(EioCloseReason.PARSE_ERROR);
        assertThat(http.get(server.poll(sid)).statusCode()).isEqualTo(400);
    }

    @Test
    void aPostOverMaxPayloadIsRefusedWith413UpFront() {
        String sid = http.handshake(server);

        HttpResponse<String> post = http.post(server.poll(sid), "4" + "x".repeat(1000));

        assertThat(post.statusCode()).isEqualTo(413);
        assertThat(server.awaitClose(sid)).isEqualTo(EioCloseReason.TRANSPORT_ERROR);
        assertThat(server.engine.sessionCount()).isZero();
    }

    @Test
    void aChunkedPostOverMaxPayloadIsRefusedWith413WhileStreaming() {
        String sid = http.handshake(server);
        byte[] body = ("4" + "x".repeat(5000)).getBytes(StandardCharsets.UTF_8);

        // No length known up front: the client sends it chunked.
        HttpResponse<String> post = http.post(server.poll(sid),
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));

        assertThat(post.statusCode()).isEqualTo(413);
        assertThat(server.awaitClose(sid)).isEqualTo(EioCloseReason.TRANSPORT_ERROR);
    }

    @Test
    void aPostJustUnderMaxPayloadIsAccepted() {
        String sid = http.handshake(server);

        assertThat(http.post(server.poll(sid), "4" + "x".repeat(999)).body()).isEqualTo("ok");

        assertThat(http.get(server.poll(sid)).body()).hasSize(1000);
    }

    @Test
    void aClientThatAbandonsItsPollClosesTheSession() throws Exception {
        String sid = http.handshake(server);
        try (Socket raw = new Socket("127.0.0.1", server.port())) {
            OutputStream out = raw.getOutputStream();
            out.write(("GET /socket.io/?EIO=4&transport=polling&sid=" + sid + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            server.awaitPollWaiting(sid);
        }

        assertThat(server.awaitClose(sid)).isEqualTo(EioCloseReason.TRANSPORT_ERROR);
    }

    @Test
    void anUnknownSessionSaysThatLongPollingNeedsStickySessions() throws Exception {
        java.net.http.HttpResponse<String> res = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://127.0.0.1:" + server.port() + "/socket.io/?EIO=4&transport=polling&sid=elsewhere")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        org.assertj.core.api.Assertions.assertThat(res.statusCode()).isEqualTo(400);
        com.fasterxml.jackson.databind.JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(res.body());
        org.assertj.core.api.Assertions.assertThat(body.path("code").asInt()).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(body.path("message").asText()).isEqualTo("Session ID unknown");
        org.assertj.core.api.Assertions.assertThat(body.at("/context/hint").asText()).contains("sticky sessions");
    }
}
