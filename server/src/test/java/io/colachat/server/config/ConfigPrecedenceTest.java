package io.colachat.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigPrecedenceTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreTheContractDefaults() {
        ServerConfig sut = ServerConfig.defaults();

        assertThat(sut.port()).isEqualTo(8080);
        assertThat(sut.host()).isEqualTo("0.0.0.0");
        assertThat(sut.dbUrl()).isEqualTo("jdbc:h2:file:./data/colachat");
        assertThat(sut.dbUser()).isEmpty();
        assertThat(sut.dbPassword()).isEmpty();
        assertThat(sut.redisUrl()).isEmpty();
        assertThat(sut.leaveGrace()).isEqualTo(Duration.ofMillis(3000));
        assertThat(sut.roomTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(sut.purgeAfter()).isEqualTo(Duration.ofDays(7));
        assertThat(sut.maxRoomCapacity()).isEqualTo(100);
        assertThat(sut.presenceFullListLimit()).isEqualTo(100);
        assertThat(sut.pingInterval()).isEqualTo(Duration.ofMillis(25_000));
        assertThat(sut.pingTimeout()).isEqualTo(Duration.ofMillis(20_000));
        assertThat(sut.maxPayload()).isEqualTo(1_000_000);
        assertThat(sut.corsOrigins()).isEmpty();
        assertThat(sut.corsAllowsAnyOrigin()).isFalse();
        assertThat(sut.locale()).isEqualTo(Locale.ENGLISH);
        assertThat(sut.logFormat()).isEqualTo(LogFormat.TEXT);
        assertThat(sut.logLevel()).isEqualTo(LogLevel.INFO);
        assertThat(sut.adminToken()).isEmpty();
        assertThat(sut.configFile()).isEmpty();
        assertThat(sut.warnings()).isEmpty();
    }

    @Test
    void aGeneratedNodeIdIsFreshAtEachStart() {
        String first = ServerConfig.defaults().nodeId();
        String second = ServerConfig.defaults().nodeId();

        assertThat(first).matches("node-[0-9a-f]{12}");
        assertThat(second).isNotEqualTo(first);
    }

    static Stream<Arguments> layeredSettings() {
        return Stream.of(
                Arguments.of("port", "1001", "1002", "1003", (Function<ServerConfig, Object>) ServerConfig::port,
                        8080, 1001, 1002, 1003),
                Arguments.of("room-ttl", "1h", "90m", "PT2H", (Function<ServerConfig, Object>) ServerConfig::roomTtl,
                        Duration.ofHours(24), Duration.ofHours(1), Duration.ofMinutes(90), Duration.ofHours(2)),
                Arguments.of("leave-grace-ms", "10", "20", "30", (Function<ServerConfig, Object>) ServerConfig::leaveGrace,
                        Duration.ofMillis(3000), Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(30)),
                Arguments.of("locale", "ko", "en", "ko", (Function<ServerConfig, Object>) ServerConfig::locale,
                        Locale.ENGLISH, Locale.KOREAN, Locale.ENGLISH, Locale.KOREAN),
                Arguments.of("redis-url", "redis://file:6379", "redis://env:6379", "redis://flag:6379",
                        (Function<ServerConfig, Object>) ServerConfig::redisUrl, Optional.empty(),
                        Optional.of("redis://file:6379"), Optional.of("redis://env:6379"), Optional.of("redis://flag:6379")),
                Arguments.of("cors-origins", "https://file.example", "https://env.example", "*",
                        (Function<ServerConfig, Object>) ServerConfig::corsOrigins, List.of(),
                        List.of("https://file.example"), List.of("https://env.example"), List.of("*")),
                Arguments.of("log-format", "json", "text", "json", (Function<ServerConfig, Object>) ServerConfig::logFormat,
                        LogFormat.TEXT, LogFormat.JSON, LogFormat.TEXT, LogFormat.JSON));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layeredSettings")
    void aFlagBeatsTheEnvironmentWhichBeatsTheFileWhichBeatsTheDefault(String name, String inFile,
            String inEnv, String inFlag, Function<ServerConfig, Object> getter, Object byDefault,
            Object fromFile, Object fromEnv, Object fromFlag) throws IOException {
        Path file = write(name + "=" + inFile);
        String env = Setting.envName(name);
        String[] flags = {"--" + name, inFlag};

        assertThat(getter.apply(ServerConfig.parse(new String[0], Map.of()))).isEqualTo(byDefault);
        assertThat(getter.apply(ServerConfig.parse(new String[] {"--config", file.toString()}, Map.of())))
                .isEqualTo(fromFile);
        assertThat(getter.apply(ServerConfig.parse(new String[] {"--config", file.toString()},
                Map.of(env, inEnv)))).isEqualTo(fromEnv);
        assertThat(getter.apply(ServerConfig.parse(concat(flags, "--config", file.toString()),
                Map.of(env, inEnv)))).isEqualTo(fromFlag);
    }

    @Test
    void eachSettingIsTakenFromTheHighestLayerThatSetsIt() throws IOException {
        Path file = write("port=1000\nhost=file.local\nroom-ttl=1h\nmax-room-capacity=50\n");

        ServerConfig sut = ServerConfig.parse(new String[] {"--port", "3000", "--config", file.toString()},
                Map.of("COLACHAT_PORT", "2000", "COLACHAT_HOST", "env.local"));

        assertThat(sut.port()).isEqualTo(3000);
        assertThat(sut.host()).isEqualTo("env.local");
        assertThat(sut.roomTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(sut.maxRoomCapacity()).isEqualTo(50);
        assertThat(sut.leaveGrace()).isEqualTo(Duration.ofMillis(3000));
        assertThat(sut.configFile()).contains(file);
    }

    @Test
    void theConfigFileMayBeNamedByTheEnvironment() throws IOException {
        Path file = write("port=1234\n");

        ServerConfig sut = ServerConfig.parse(new String[0], Map.of("COLACHAT_CONFIG", file.toString()));

        assertThat(sut.port()).isEqualTo(1234);
    }

    @Test
    void theConfigFlagBeatsTheConfigEnvironmentVariable() throws IOException {
        Path byFlag = write("port=1111\n");
        Path byEnv = dir.resolve("other.properties");
        Files.writeString(byEnv, "port=2222\n");

        ServerConfig sut = ServerConfig.parse(new String[] {"--config=" + byFlag},
                Map.of("COLACHAT_CONFIG", byEnv.toString()));

        assertThat(sut.port()).isEqualTo(1111);
    }

    @Test
    void theConfigFileIsReadAsUtf8() throws IOException {
        Path file = write("db-password=비밀번호\n");

        assertThat(ServerConfig.parse(new String[] {"--config", file.toString()}, Map.of()).dbPassword())
                .contains("비밀번호");
    }

    @Test
    void aFlagMayCarryItsValueAfterAnEqualsSign() {
        ServerConfig sut = ServerConfig.parse(new String[] {"--port=9000", "--cors-origins=https://a.example,https://b.example"},
                Map.of());

        assertThat(sut.port()).isEqualTo(9000);
        assertThat(sut.corsOrigins()).containsExactly("https://a.example", "https://b.example");
    }

    @Test
    void aRepeatedFlagTakesItsLastValue() {
        assertThat(ServerConfig.parse(new String[] {"--port", "1", "--port", "2"}, Map.of()).port()).isEqualTo(2);
    }

    @Test
    void anEmptyValueMeansTheDefaultEvenOverALowerLayer() throws IOException {
        Path file = write("redis-url=redis://cache:6379\nport=1000\n");

        ServerConfig sut = ServerConfig.parse(new String[] {"--config", file.toString(), "--port="},
                Map.of("COLACHAT_REDIS_URL", ""));

        assertThat(sut.redisUrl()).isEmpty();
        assertThat(sut.port()).isEqualTo(8080);
    }

    @Test
    void valuesAreStrippedOfSurroundingWhitespace() {
        ServerConfig sut = ServerConfig.parse(new String[0],
                Map.of("COLACHAT_PORT", " 9000\n", "COLACHAT_ADMIN_TOKEN", "0123456789abcdef\n"));

        assertThat(sut.port()).isEqualTo(9000);
        assertThat(sut.adminToken()).contains("0123456789abcdef");
    }

    @Test
    void onlyColachatVariablesOfTheEnvironmentAreRead() {
        ServerConfig sut = ServerConfig.parse(new String[0], Map.of("PORT", "1", "HOST", "x y"));

        assertThat(sut.port()).isEqualTo(8080);
    }

    @Test
    void anUnknownColachatVariableIsAWarningNotAnError() {
        ServerConfig sut = ServerConfig.parse(new String[0], Map.of("COLACHAT_PROT", "1"));

        assertThat(sut.warnings()).containsExactly(
                "ignoring unknown environment variable COLACHAT_PROT; did you mean COLACHAT_PORT?");
    }

    @Test
    void ofBuildsAConfigFromNamesAsIfTheyWereFlags() {
        ServerConfig sut = ServerConfig.of(Map.of("port", "0", "leave-grace-ms", "50", "locale", "ko"));

        assertThat(sut.port()).isZero();
        assertThat(sut.leaveGrace()).isEqualTo(Duration.ofMillis(50));
        assertThat(sut.locale()).isEqualTo(Locale.KOREAN);
    }

    @Test
    void theGenericGetterReturnsTypedValuesAndNullForUnsetOnes() {
        ServerConfig sut = ServerConfig.of(Map.of("max-payload", "2048"));

        Integer payload = sut.get(Settings.MAX_PAYLOAD);
        assertThat(payload).isEqualTo(2048);
        assertThat(sut.get(Settings.REDIS_URL)).isNull();
    }

    @Test
    void originsAreNormalizedTheWayBrowsersSendThem() {
        ServerConfig sut = ServerConfig.of(Map.of("cors-origins",
                "HTTPS://Chat.Example.com:443/, http://localhost:3000, http://a.example:80,,https://chat.example.com"));

        assertThat(sut.corsOrigins()).containsExactly("https://chat.example.com", "http://localhost:3000",
                "http://a.example");
    }

    @Test
    void aStarAllowsAnyOrigin() {
        assertThat(ServerConfig.of(Map.of("cors-origins", "*")).corsAllowsAnyOrigin()).isTrue();
    }

    @Test
    void enumsAndLanguagesAreReadInAnyCase() {
        ServerConfig sut = ServerConfig.of(Map.of("log-level", "DEBUG", "log-format", "Json", "locale", "KO"));

        assertThat(sut.logLevel()).isEqualTo(LogLevel.DEBUG);
        assertThat(sut.logFormat()).isEqualTo(LogFormat.JSON);
        assertThat(sut.locale()).isEqualTo(Locale.KOREAN);
    }

    @Test
    void redisUrlsMayNameADatabaseCredentialsOrTls() {
        for (String url : List.of("redis://localhost:6379", "redis://localhost:6379/2", "rediss://cache.example:6380",
                "redis://:secret@10.0.0.5:6379/0", "redis://redis_1", "redis://[::1]:6379")) {
            assertThat(ServerConfig.of(Map.of("redis-url", url)).redisUrl()).contains(url);
        }
    }

    @Test
    void toStringNamesWhereNonDefaultValuesCameFrom() {
        ServerConfig sut = ServerConfig.parse(new String[] {"--port", "0"}, Map.of("COLACHAT_LOCALE", "ko"));

        assertThat(sut.toString())
                .contains("port=0 (flag)")
                .contains("locale=ko (env)")
                .contains("room-ttl=24h,")
                .contains("cors-origins=same origin only");
    }

    @Test
    void everySettingIsAFlagAnEnvironmentVariableAndAFileKey() throws IOException {
        Map<String, String> env = new HashMap<>();
        List<String> lines = new ArrayList<>();
        for (Setting<?> s : Settings.all()) {
            assertThat(s.flag()).isEqualTo("--" + s.name());
            assertThat(s.envName()).isEqualTo("COLACHAT_" + s.name().toUpperCase(Locale.ROOT).replace('-', '_'));
            env.put(s.envName(), "");
            lines.add(s.name() + "=");
        }
        Path file = write(String.join("\n", lines));

        ServerConfig sut = ServerConfig.parse(new String[] {"--config", file.toString()}, env);

        assertThat(sut.port()).isEqualTo(8080);
    }

    private Path write(String properties) throws IOException {
        Path file = dir.resolve("colachat.properties");
        Files.writeString(file, properties, StandardCharsets.UTF_8);
        return file;
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = new String[first.length + rest.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }
}
