package io.colachat.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.colachat.engine.testing.NodeRunner;
import io.colachat.engine.testing.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The official JavaScript client (socket.io-client 4.8, run by Node) against the engine. */
@Tag("integration")
class JsClientIntegrationTest {

    private static SocketIoServer io;
    private static NodeRunner node;
    private static String base;

    @BeforeAll
    static void start() {
        io = TestServer.start();
        base = "http://127.0.0.1:" + io.port();
        node = new NodeRunner(Path.of("src/test/js"));
    }

    @AfterAll
    static void stop() {
        io.close();
    }

    private JsonNode run(String scenario) throws Exception {
        JsonNode result = node.run("clients.mjs", 30, scenario, base);
        assertThat(result.has("error")).as("scenario error: %s", result).isFalse();
        return result;
    }

    private static void assertEchoScenario(JsonNode r, String transport) {
        assertThat(r.get("auth").toString()).isEqualTo("{\"token\":\"t-1\"}");
        assertThat(r.get("echoed").toString()).isEqualTo("[1,\"2\",{\"three\":[4]},{\"binary\":[5,6,7]}]");
        assertThat(r.get("acked").asText()).isEqualTo("a");
        assertThat(r.get("ackedBinary").toString()).isEqualTo("{\"binary\":[1,2]}");
        assertThat(r.get("answered").asInt()).isEqualTo(42);
        assertThat(r.get("transport").asText()).isEqualTo(transport);
    }

    @Test
    void eventsAcksAndBinaryWorkOverWebsocket() throws Exception {
        assertEchoScenario(run("websocket"), "websocket");
    }

    @Test
    void eventsAcksAndBinaryWorkOverPolling() throws Exception {
        assertEchoScenario(run("polling"), "polling");
    }

    @Test
    void pollingUpgradesToWebsocketAndKeepsWorking() throws Exception {
        JsonNode r = run("upgrade");
        assertThat(r.get("first").asText()).isEqualTo("polling");
        assertThat(r.get("after").asText()).isEqualTo("websocket");
        assertThat(r.get("echo").asText()).isEqualTo("after-upgrade");
    }

    @Test
    void namespacesMultiplexWithAuthMiddlewareAndDynamicNames() throws Exception {
        JsonNode r = run("namespaces");
        assertThat(r.at("/custom/auth").toString()).isEqualTo("{\"x\":1}");
        assertThat(r.at("/custom/sameEngine").asBoolean()).isTrue();
        assertThat(r.at("/refused/message").asText()).isEqualTo("not authorized");
        assertThat(r.at("/refused/data").toString()).isEqualTo("{\"reason\":\"token\"}");
        assertThat(r.get("admitted").asText()).isEqualTo("private");
        assertThat(r.at("/unknown/message").asText()).isEqualTo("Invalid namespace");
        assertThat(r.get("dynamic").asText()).isEqualTo("/dyn-42");
    }

    @Test
    void roomsAndBroadcastsReachExactlyTheirMembers() throws Exception {
        JsonNode r = run("rooms");
        assertThat(r.get("a").toString()).isEqualTo("[[\"room\",\"hello r1\"],[\"room\",\"only a\"]]");
        assertThat(r.get("b").toString()).isEqualTo("[[\"room\",\"hello r1\"],[\"others\",\"from a\"]]");
        assertThat(r.get("c").toString()).isEqualTo("[[\"others\",\"from a\"]]");
    }
}
