package io.colachat.bench.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The few REST calls the scenarios need, against any server of the contract. */
public final class Rest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    public Rest(URI base) {
        this.base = base;
    }

    /** Creates an open room and returns its id. */
    public String createRoom(String title, int capacity) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(java.util.Map.of("title", title, "capacity", capacity,
                "isPassword", false));
        HttpRequest req = HttpRequest.newBuilder(base.resolve("/chat/rooms"))
                .timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
        JsonNode env = JSON.readTree(res.body());
        if (res.statusCode() != 201 || !env.path("success").asBoolean()) {
            throw new IOException("POST /chat/rooms → " + res.statusCode() + " " + res.body());
        }
        return env.path("data").path("id").asText();
    }

    /** {@code GET /chat/rooms/{roomId}}: the Room ({@code data}), with its {@code onlineCount}. */
    public JsonNode room(String roomId) throws IOException, InterruptedException {
        return get("/chat/rooms/" + roomId, null);
    }

    /**
     * {@code GET /chat/rooms/{roomId}/messages?after=&limit=} with the chatter's bearer token: the stored
     * messages and alerts that chatter may read, oldest first.
     */
    public JsonNode messagesAfter(String roomId, long after, int limit, String token)
            throws IOException, InterruptedException {
        return get("/chat/rooms/" + roomId + "/messages?after=" + after + "&limit=" + limit, token);
    }

    private JsonNode get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("authorization", "Bearer " + token);
        }
        HttpResponse<String> res = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode env = JSON.readTree(res.body());
        if (res.statusCode() != 200 || !env.path("success").asBoolean()) {
            throw new IOException("GET " + path + " → " + res.statusCode() + " " + res.body());
        }
        return env.path("data");
    }

    /** Whether {@code GET /healthz} answers 200 (any server of the contract, or the limit server). */
    public boolean healthy() {
        try {
            HttpRequest req = HttpRequest.newBuilder(base.resolve("/healthz")).timeout(Duration.ofSeconds(2)).build();
            return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
