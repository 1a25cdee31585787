package io.colachat.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of wrong start-up input stops with one line naming the setting, never a stack trace. */
class ConfigErrorsTest {

    @TempDir
    Path dir;

    static Stream<Arguments> badFlags() {
        return Stream.of(
                // ports
                bad("invalid value for --port: \"abc\" is not a port number (0-65535)", "--port", "abc"),
                bad("invalid value for --port: \"65536\" is not a port number (0-65535)", "--port", "65536"),
                bad("invalid value for --port: \"-1\" is not a port number (0-65535)", "--port", "-1"),
                bad("invalid value for --port: \"99999999999999999999\" is not a port number (0-65535)",
                        "--port=99999999999999999999"),
                // the command line itself
                bad("unknown option --prot; did you mean --port?", "--prot", "1"),
                bad("unknown option --frobnicate (see --help)", "--frobnicate"),
                bad("missing value for --port (give --port VALUE or --port=VALUE)", "--port"),
                bad("missing value for --port (give --port VALUE or --port=VALUE)", "--port", "--host", "x"),
                bad("unexpected argument \"serve\"; settings are given as --name VALUE (see --help)", "serve"),
                bad("unexpected argument \"-p\"; settings are given as --name VALUE (see --help)", "-p", "1"),
                // URLs
                bad("invalid value for --redis-url: \"http://localhost:6379\" is not a Redis URL "
                        + "(redis://host:port[/db] or rediss://host:port[/db])", "--redis-url", "http://localhost:6379"),
                bad("invalid value for --redis-url: \"redis://\" is not a Redis URL "
                        + "(redis://host:port[/db] or rediss://host:port[/db])", "--redis-url", "redis://"),
                bad("invalid value for --redis-url: \"redis://cache:99999\" has a port out of range (1-65535)",
                        "--redis-url", "redis://cache:99999"),
                bad("invalid value for --db-url: \"postgres://db/chat\" is not a JDBC URL of H2 or PostgreSQL "
                        + "(jdbc:h2:... or jdbc:postgresql://host:5432/db)", "--db-url", "postgres://db/chat"),
                bad("invalid value for --db-url: \"jdbc:mysql://db/chat\" is not a JDBC URL of H2 or PostgreSQL "
                        + "(jdbc:h2:... or jdbc:postgresql://host:5432/db)", "--db-url", "jdbc:mysql://db/chat"),
                bad("invalid value for --cors-origins: \"https://a.example/app\" is not an origin like https://host[:port]",
                        "--cors-origins", "https://b.example,https://a.example/app"),
                bad("invalid value for --cors-origins: \"ftp://a.example\" is not an origin like https://host[:port]",
                        "--cors-origins", "ftp://a.example"),
                bad("invalid value for --cors-origins: \"*,https://a.example\" mixes \"*\" with other origins; "
                        + "give either * or a list", "--cors-origins", "*,https://a.example"),
                bad("invalid value for --host: \"http://0.0.0.0\" is not a host name or IP address",
                        "--host", "http://0.0.0.0"),
                // durations
                bad("invalid value for --room-ttl: \"5 days\" is not a duration (like 1500ms, 30s, 90m, 24h, 7d or PT24H)",
                        "--room-ttl", "5 days"),
                bad("invalid value for --room-ttl: \"24\" is not a duration (like 1500ms, 30s, 90m, 24h, 7d or PT24H)",
                        "--room-ttl", "24"),
                bad("invalid value for --room-ttl: \"-1h\" is not a duration (like 1500ms, 30s, 90m, 24h, 7d or PT24H)",
                        "--room-ttl=-1h"),
                bad("invalid value for --room-ttl: \"PT-1H\" is negative", "--room-ttl", "PT-1H"),
                bad("invalid value for --room-ttl: \"0\" is out of range (1s-3650d)", "--room-ttl", "0"),
                bad("invalid value for --purge-after: \"3651d\" is out of range (0s-3650d)", "--purge-after", "3651d"),
                bad("invalid value for --purge-after: \"99999999999999999999d\" is not a duration "
                        + "(like 1500ms, 30s, 90m, 24h, 7d or PT24H)", "--purge-after", "99999999999999999999d"),
                // numbers out of range
                bad("invalid value for --io-threads: \"-1\" is out of range (0-1024)", "--io-threads", "-1"),
                bad("invalid value for --max-room-capacity: \"1\" is out of range (2-10000)", "--max-room-capacity", "1"),
                bad("invalid value for --max-room-capacity: \"10001\" is out of range (2-10000)",
                        "--max-room-capacity", "10001"),
                bad("invalid value for --max-room-capacity: \"2.5\" is not a whole number", "--max-room-capacity", "2.5"),
                bad("invalid value for --presence-full-list-limit: \"-1\" is out of range (0-100000)",
                        "--presence-full-list-limit", "-1"),
                bad("invalid value for --leave-grace-ms: \"3s\" is not a whole number of milliseconds",
                        "--leave-grace-ms", "3s"),
                bad("invalid value for --ping-interval-ms: \"0\" is out of range (10-3600000)", "--ping-interval-ms", "0"),
                bad("invalid value for --max-payload: \"1e6\" is not a whole number", "--max-payload", "1e6"),
                // choices
                bad("invalid value for --locale: \"fr\" is not one of en, ko", "--locale", "fr"),
                bad("invalid value for --log-format: \"xml\" is not one of text, json", "--log-format", "xml"),
                bad("invalid value for --log-level: \"loud\" is not one of trace, debug, info, warn, error, off",
                        "--log-level", "loud"),
                bad("invalid value for --node-id: \"node 1\" is not a node id (1-64 letters, digits, _ . -)",
                        "--node-id", "node 1"));
    }

    private static Arguments bad(String message, String... args) {
        return Arguments.of(message, args);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFlags")
    void aWrongFlagStopsStartUpWithOneLineNamingTheSetting(String message, String[] args) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ServerConfig.parse(args, Map.of()));

        assertThat(e).isNotNull().isNotInstanceOf(InfoRequested.class);
        assertThat(e.getMessage()).isEqualTo(message).doesNotContain("\n");
        assertThat(e.exitCode()).isEqualTo(2);
        assertThat(e.getStackTrace()).as("no stack trace for a user's mistake").isEmpty();
    }

    @Test
    void aWrongEnvironmentVariableIsNamedAsSuch() {
        assertThatThrownBy(() -> ServerConfig.parse(new String[0], Map.of("COLACHAT_PORT", "abc")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid value for COLACHAT_PORT: \"abc\" is not a port number (0-65535)");
    }

    @Test
    void aWrongFileValueIsNamedWithItsFile() throws IOException {
        Path file = dir.resolve("c.properties");
        Files.writeString(file, "port = abc\n");

        assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--config", file.toString()}, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid value for port in " + file + ": \"abc\" is not a port number (0-65535)");
    }

    @Test
    void aWrongValueIsReportedEvenWhenAHigherLayerWouldNotUseIt() {
        // Only the winning value is parsed: a wrong environment value under a good flag is ignored.
        assertThat(ServerConfig.parse(new String[] {"--port", "1"}, Map.of("COLACHAT_PORT", "abc")).port())
                .isEqualTo(1);
    }

    @Test
    void anUnknownKeyInTheConfigFileIsAnError() throws IOException {
        Path file = dir.resolve("c.properties");
        Files.writeString(file, "leave-grace=100\n");

        assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--config", file.toString()}, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("unknown setting \"leave-grace\" in " + file + "; did you mean leave-grace-ms?");
    }

    @Test
    void theConfigFileCannotNameAnotherConfigFile() throws IOException {
        Path file = dir.resolve("c.properties");
        Files.writeString(file, "config=other.properties\n");

        assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--config", file.toString()}, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("\"config\" cannot be set inside the config file " + file);
    }

    @Test
    void aMissingConfigFileIsAnError() {
        Path file = dir.resolve("absent.properties");

        assertThatThrownBy(() -> ServerConfig.parse(new String[0], Map.of("COLACHAT_CONFIG", file.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessage("cannot read config file " + file + " (given by COLACHAT_CONFIG): no such file");
    }

    @Test
    void aConfigFileThatIsNotUtf8IsAnError() throws IOException {
        Path file = dir.resolve("latin1.properties");
        Files.write(file, new byte[] {'h', 'o', 's', 't', '=', (byte) 0xE9, '\n'});

        assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--config", file.toString()}, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("cannot read config file " + file + " (given by --config): it is not UTF-8 text");
    }

    @Test
    void aConfigDirectoryIsAnError() {
        assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--config", dir.toString()}, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("cannot read config file " + dir + " (given by --config): ")
                .message().doesNotContain("\n");
    }

    @Test
    void aSecretIsNeverEchoedInAnError() {
        String token = "short-secret";

        assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--admin-token", token}, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid value for --admin-token: the value is shorter than 16 characters")
                .message().doesNotContain(token);
    }

    @Test
    void aPasswordInsideAWrongUrlIsHiddenInTheError() {
        assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--redis-url", "redis://:hunter2@cache:99999"},
                Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid value for --redis-url: \"redis://:****@cache:99999\" has a port out of range (1-65535)");
    }

    @Test
    void controlCharactersInAValueAreEscapedToKeepTheMessageOneLine() {
        assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--port", "80\n80"}, Map.of()))
                .hasMessage("invalid value for --port: \"80\\u000a80\" is not a port number (0-65535)");
    }
}
