package io.colachat.engine.eio;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A session keeps its handshake for life: the strings nearly every handshake carries are held once
 * per process, not once per connection, and nothing a client sends is lost or changed but the
 * case of header names.
 */
class HandshakeStringsTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private HandshakeRequest handshake(String userAgent) {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
                "/socket.io/?EIO=4&transport=websocket&token=" + userAgent.length());
        // Built as a decoder would: fresh strings, equal to the table's but not the same objects.
        request.headers().add(new String("Host"), new String("chat.example:8080"));
        request.headers().add(new String("Upgrade"), new String("websocket"));
        request.headers().add(new String("Sec-WebSocket-Version"), new String("13"));
        request.headers().add(new String("User-Agent"), userAgent);
        request.headers().add(new String("X-Custom-Thing"), new String("Some Value"));
        return new EngineRequest(request, channel).toHandshake();
    }

    @Test
    void common_names_values_and_query_parameters_are_one_instance_across_handshakes() {
        HandshakeRequest a = handshake("agent-a");
        HandshakeRequest b = handshake("agent-bb");

        Map.Entry<String, String> hostA = entry(a, "host");
        Map.Entry<String, String> hostB = entry(b, "host");
        assertThat(hostA.getKey()).isSameAs(hostB.getKey());
        assertThat(entry(a, "upgrade").getValue()).isEqualTo("websocket")
                .isSameAs(entry(b, "upgrade").getValue());
        assertThat(entry(a, "sec-websocket-version").getValue()).isSameAs(entry(b, "sec-websocket-version").getValue());
        String transportKeyA = a.query().keySet().stream().filter("transport"::equals).findFirst().orElseThrow();
        String transportKeyB = b.query().keySet().stream().filter("transport"::equals).findFirst().orElseThrow();
        assertThat(transportKeyA).isSameAs(transportKeyB);
        assertThat(a.queryParam("transport")).isSameAs(b.queryParam("transport"));
    }

    @Test
    void every_header_and_parameter_is_kept_with_names_in_lower_case() {
        HandshakeRequest h = handshake("agent-a");

        assertThat(h.headers().names()).containsExactlyInAnyOrder(
                "host", "upgrade", "sec-websocket-version", "user-agent", "x-custom-thing");
        assertThat(h.headers().get("X-CUSTOM-THING")).isEqualTo("Some Value");
        assertThat(h.headers().get("Host")).isEqualTo("chat.example:8080");
        assertThat(h.headers().get("user-agent")).isEqualTo("agent-a");
        assertThat(h.queryParam("EIO")).isEqualTo("4");
        assertThat(h.queryParam("token")).isEqualTo("7");
    }

    @Test
    void an_uncommon_string_stays_the_requests_own() {
        String odd = new String("x-custom-thing");
        assertThat(CommonStrings.shared(odd)).isSameAs(odd);
        assertThat(CommonStrings.headerName(new String("Host"))).isSameAs(CommonStrings.headerName(new String("HOST")));
    }

    private static Map.Entry<String, String> entry(HandshakeRequest h, String name) {
        return h.headers().entries().stream().filter(e -> e.getKey().equals(name)).findFirst().orElseThrow();
    }
}
