package io.colachat.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.colachat.server.Logging;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** {@code --log-format json}: one JSON object per line, whatever the message holds. */
class JsonLogLayoutTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Logging.JsonLayout sut = new Logging.JsonLayout("node-test");

    @Test
    void aLineIsOneObjectWithTheUsualFields() throws Exception {
        String line = sut.doLayout(event("room {} created", "abc"));
        assertThat(line).endsWith("\n");
        assertThat(line.strip()).doesNotContain("\n");
        JsonNode json = MAPPER.readTree(line);
        assertThat(json.path("level").asText()).isEqualTo("INFO");
        assertThat(json.path("message").asText()).isEqualTo("room abc created");
        assertThat(json.path("logger").asText()).isEqualTo("io.colachat.test");
        assertThat(json.path("node").asText()).isEqualTo("node-test");
        assertThat(json.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(json.has("exception")).isFalse();
    }

    @Test
    void quotesNewlinesAndControlCharactersStayInsideOneLine() throws Exception {
        String nasty = "a \"quoted\"\nnickname\t\u0001 </script> \\ 한국어";
        String line = sut.doLayout(event("{}", nasty));
        assertThat(line.strip()).doesNotContain("\n");
        assertThat(MAPPER.readTree(line).path("message").asText()).isEqualTo(nasty);
    }

    @Test
    void anExceptionIsOneStringField() throws Exception {
        LoggingEvent e = event("failed", null);
        e.setThrowableProxy(new ch.qos.logback.classic.spi.ThrowableProxy(new IllegalStateException("boom")));
        String line = sut.doLayout(e);
        assertThat(line.strip()).doesNotContain("\n");
        assertThat(MAPPER.readTree(line).path("exception").asText()).contains("IllegalStateException: boom");
    }

    private LoggingEvent event(String format, Object arg) {
        ch.qos.logback.classic.Logger logger = ctx.getLogger("io.colachat.test");
        return new LoggingEvent("fqcn", logger, Level.INFO, format, null, arg == null ? null : new Object[] {arg});
    }
}
