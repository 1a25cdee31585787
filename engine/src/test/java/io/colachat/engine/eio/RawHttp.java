package io.colachat.engine.eio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Plain HTTP/1.1 requests to the engine, the way a polling client makes them. */
public final class RawHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();

    public HttpResponse<String> get(URI uri, String... headers) {
        return send(request(uri, headers).GET().build());
    }

    public CompletableFuture<HttpResponse<String>> getAsync(URI uri, String... headers) {
        return client.sendAsync(request(uri, headers).GET().build(), BodyHandlers.ofString());
    }

    public HttpResponse<String> post(URI uri, String body, String... headers) {
        return post(uri, BodyPublishers.ofString(body), headers);
    }

    public HttpResponse<String> post(URI uri, BodyPublisher body, String... headers) {
        return send(request(uri, headers).POST(body).build());
    }

    public HttpResponse<String> method(String method, URI uri, String... headers) {
        return send(request(uri, headers).method(method, BodyPublishers.noBody()).build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Opens a polling session and returns its sid. */
    public String handshake(EchoEngine server) {
        HttpResponse<String> response = get(server.http("EIO=4&transport=polling"));
        assertThat(response.statusCode()).isEqualTo(200);
        return openPacket(response.body()).get("sid").asText();
    }

    /** The JSON of an open packet {@code 0{...}}. */
    public static JsonNode openPacket(String packet) {
        assertThat(packet).startsWith("0");
        try {
            return JSON.readTree(packet.substring(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts an Engine.IO error response. */
    public static void assertError(HttpResponse<String> response, int status, int code, String message) {
        assertThat(response.statusCode()).as("status of %s", response.uri()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        // The protocol's fields, exactly; a "context" object may follow (hints for people).
        assertThat(response.body()).startsWith("{\"code\":" + code + ",\"message\":\"" + message + "\"")
                .matches("\\{\"code\":\\d,\"message\":\"[^\"]*\"(,\"context\":\\{.*\\})?\\}");
    }

    private static HttpRequest.Builder request(URI uri, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(TIMEOUT);
        if (headers.length > 0) {
            b.headers(headers);
        }
        return b;
    }
}
