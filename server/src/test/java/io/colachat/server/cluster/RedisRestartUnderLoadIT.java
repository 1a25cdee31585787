package io.colachat.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.colachat.engine.testing.TcpProxy;
import io.colachat.server.testing.ChatClient;
import io.colachat.server.testing.Http;
import io.colachat.server.testing.NodeProcess;
import io.colachat.server.testing.PostgresSchema;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Three server processes reach Redis through a relay; while members of a room keep sending,
 * Redis becomes unreachable for longer than the node leases and comes back. Sends fail clearly
 * meanwhile, the cluster recovers by itself, and every acknowledged message is stored.
 */
@Tag("integration")
class RedisRestartUnderLoadIT {

    @Test
    void theClusterRecoversFromARedisOutageUnderLoadAndLosesNothingAcknowledged() throws Exception {
        List<NodeProcess> nodes = new ArrayList<>();
        List<ChatClient> clients = new ArrayList<>();
        try (PostgresSchema schema = new PostgresSchema(); TcpProxy redis = new TcpProxy(6379)) {
            for (int i = 0; i < 3; i++) {
                nodes.add(NodeProcess.start(Files.createTempDirectory("colachat-node"), "--port", "0", "--host",
                        "127.0.0.1", "--db-url", schema.url(), "--redis-url", "redis://127.0.0.1:" + redis.port(),
                        "--leave-grace-ms", "1000", "--flood-burst", "100000"));
            }
            String room = new Http(nodes.get(0).baseUrl()).createRoom("Under load", 8, null);
            JsonNode reader = null;
            for (int i = 0; i < 3; i++) {
                ChatClient c = ChatClient.connect(nodes.get(i).baseUrl(), "anonymous");
                clients.add(c);
                JsonNode me = c.join(Map.of("roomId", room)).path("data");
                reader = reader == null ? me : reader;
            }
            Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
            Set<String> refusals = ConcurrentHashMap.newKeySet();
            AtomicBoolean sending = new AtomicBoolean(true);
            List<Thread> senders = new ArrayList<>();
            for (ChatClient c : clients) {
                Thread t = new Thread(() -> {
                    for (int i = 0; sending.get() && i < 100_000; i++) {
                        JsonNode ack = c.send(room, "m" + i);
                        if (ack.path("success").asBoolean()) {
                            acknowledged.add(ack.path("data").path("id").asLong());
                        } else {
                            refusals.add(ack.path("code").asText());
                        }
                    }
                });
                t.start();
                senders.add(t);
            }
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> acknowledged.size() > 30);
            redis.cut();
            // Longer than the leases' TTL: every node loses its lease and must rejoin.
            Awaitility.await().pollDelay(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(7)).until(() -> true);
            int beforeRecovery = acknowledged.size();
            redis.restore();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() > beforeRecovery + 30);
            sending.set(false);
            for (Thread t : senders) {
                t.join(20_000);
            }
            assertThat(refusals).as("sends during the outage fail with a clear code").containsOnly("UNAVAILABLE");
            // Every acknowledged message is stored: read the whole history back.
            Set<Long> stored = new java.util.HashSet<>();
            long after = 0;
            Http http = new Http(nodes.get(1).baseUrl());
            while (true) {
                JsonNode page = http.get("/chat/rooms/" + room + "/messages?after=" + after + "&limit=500",
                        reader.path("token").asText()).data();
                if (page.size() == 0) {
                    break;
                }
                page.forEach(m -> stored.add(m.path("id").asLong()));
                after = page.get(page.size() - 1).path("id").asLong();
            }
            assertThat(stored).containsAll(acknowledged);
            System.out.println("acknowledged " + acknowledged.size() + " messages, refusals " + refusals);
        } finally {
            clients.forEach(ChatClient::close);
            nodes.forEach(NodeProcess::close);
        }
    }
}
