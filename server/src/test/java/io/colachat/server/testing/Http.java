package io.colachat.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A tiny JSON HTTP client for the REST API. */
public final class Http {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public Http(String base) {
        this.base = base;
    }

    /** A response: status and parsed JSON body (a NullNode-like MissingNode when not JSON). */
    public record Res(int status, JsonNode body) {
        public JsonNode data() {
            return body.path("data");
        }

        public String code() {
            return body.path("code").asText(null);
        }
    }

    /** The raw body of a GET (for /metrics). */
    public String getText(String path) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new AssertionError("HTTP request failed", e);
        }
    }

    public Res get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), null);
    }

    public Res get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), token);
    }

    public Res post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), null);
    }

    public Res patch(String path, String json, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)), token);
    }

    /** Creates a room and returns its id. */
    public String createRoom(String title, int capacity, String password) {
        String body = password == null
                ? "{\"title\":\"" + title + "\",\"capacity\":" + capacity + ",\"isPassword\":false}"
                : "{\"title\":\"" + title + "\",\"capacity\":" + capacity + ",\"isPassword\":true,\"password\":\"" + password + "\"}";
        Res r = post("/chat/rooms", body);
        if (r.status() != 201) {
            throw new AssertionError("room not created: " + r);
        }
        return r.data().path("id").asText();
    }

    private Res send(HttpRequest.Builder b, String token) {
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> res = client.send(b.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = MAPPER.readTree(res.body());
            } catch (Exception e) {
                body = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
            }
            return new Res(res.statusCode(), body == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : body);
        } catch (Exception e) {
            throw new AssertionError("HTTP request failed", e);
        }
    }
}
