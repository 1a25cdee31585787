package io.colachat.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The admin API over HTTP, bearing a token (or none). */
final class AdminClient {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    /** A response: status, raw body, and the body as JSON (MissingNode when not JSON). */
    record Res(int status, String text, JsonNode body) {
        JsonNode data() {
            return body.path("data");
        }

        String code() {
            return body.path("code").asText(null);
        }
    }

    AdminClient(String base, String token) {
        this.base = base;
        this.token = token;
    }

    Res get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Res post(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private Res send(HttpRequest.Builder b) {
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> res = client.send(b.timeout(Duration.ofSeconds(15)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = MAPPER.readTree(res.body());
            } catch (Exception e) {
                body = null;
            }
            return new Res(res.statusCode(), res.body(), body == null ? MissingNode.getInstance() : body);
        } catch (Exception e) {
            throw new AssertionError("HTTP request failed", e);
        }
    }
}
