package io.colachat.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.colachat.server.config.LogFormat;
import io.colachat.server.config.ServerConfig;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Applies the logging settings to Logback at start-up: the root level ({@code --log-level})
 * and the line format ({@code --log-format}): {@code text} for people (logback.xml's pattern),
 * {@code json} for collectors, one object a line:
 *
 * <pre>{@code
 * {"time":"2026-11-24T10:00:00.000Z","level":"INFO","logger":"io.colachat.server.ColaChat",
 *  "thread":"main","message":"Cola Chat 0.1.0 listening on ...","node":"node-3f2a9c0b1d2e"}
 * }</pre>
 *
 * plus {@code "mdc"} when the MDC holds anything and {@code "exception"} (the stack trace as
 * one string) when one was logged. Secrets never reach a log line in the first place: the
 * configuration masks them, and tokens and passwords are never arguments of a log call.
 */
public final class Logging {

    private static final String APPENDER = "STDOUT";

    private Logging() {
    }

    /** Sets the root level and, for {@code json}, swaps the console encoder for {@link JsonLayout}. */
    public static void configure(ServerConfig cfg) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return;
        }
        ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(cfg.logLevel().name(), Level.INFO));
        if (cfg.logFormat() == LogFormat.JSON) {
            Appender<ILoggingEvent> appender = root.getAppender(APPENDER);
            if (appender instanceof ConsoleAppender<ILoggingEvent> console) {
                console.stop();
                console.setEncoder(jsonEncoder(ctx, cfg.nodeId()));
                console.start();
            }
        }
    }

    /** An encoder writing {@link JsonLayout} lines in UTF-8, started. */
    public static LayoutWrappingEncoder<ILoggingEvent> jsonEncoder(LoggerContext ctx, String nodeId) {
        JsonLayout layout = new JsonLayout(nodeId);
        layout.setContext(ctx);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(ctx);
        encoder.setLayout(layout);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        return encoder;
    }

    /**
     * One JSON object per event, ending with a newline. Jackson does the escaping, so a message
     * holding quotes, newlines or control characters (a chatter's nickname, say) stays one line.
     */
    public static final class JsonLayout extends LayoutBase<ILoggingEvent> {

        private static final JsonFactory JSON = new JsonFactory();
        private final String nodeId;

        /** @param nodeId this node's name, added to every line; may be null (then left out) */
        public JsonLayout(String nodeId) {
            this.nodeId = nodeId;
        }

        @Override
        public String doLayout(ILoggingEvent event) {
            StringWriter out = new StringWriter(256);
            try (JsonGenerator g = JSON.createGenerator(out)) {
                g.writeStartObject();
                g.writeStringField("time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
                g.writeStringField("level", event.getLevel().toString());
                g.writeStringField("logger", event.getLoggerName());
                g.writeStringField("thread", event.getThreadName());
                g.writeStringField("message", event.getFormattedMessage());
                if (nodeId != null) {
                    g.writeStringField("node", nodeId);
                }
                Map<String, String> mdc = event.getMDCPropertyMap();
                if (mdc != null && !mdc.isEmpty()) {
                    g.writeObjectFieldStart("mdc");
                    Iterator<Map.Entry<String, String>> it = mdc.entrySet().iterator();
                    while (it.hasNext()) {
                        Map.Entry<String, String> e = it.next();
                        g.writeStringField(e.getKey(), e.getValue());
                    }
                    g.writeEndObject();
                }
                IThrowableProxy thrown = event.getThrowableProxy();
                if (thrown != null) {
                    g.writeStringField("exception", ThrowableProxyUtil.asString(thrown));
                }
                g.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.append(CoreConstants.LINE_SEPARATOR).toString();
        }

        @Override
        public String getContentType() {
            return "application/json";
        }
    }
}
