package io.colachat.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Every server setting (protocol section 7), read once at start, validated once, then immutable.
 *
 * <p>Each setting of {@link Settings} is a flag {@code --kebab-name VALUE} (or
 * {@code --kebab-name=VALUE}), an environment variable {@code COLACHAT_UPPER_SNAKE_NAME}, or a key
 * of the optional config file (a UTF-8 Java properties file named by {@code --config PATH} or
 * {@code COLACHAT_CONFIG}). Precedence: flag &gt; environment &gt; file &gt; default. An empty value
 * means the default.
 *
 * <p>Failures: {@link #parse} throws {@link ConfigException}, whose one-line message names the
 * setting as it was given and never shows a secret. {@code --help} and {@code --version} are
 * signalled by {@link InfoRequested} (a {@code ConfigException} with exit code 0) carrying the
 * text to print. See {@link ConfigException} for the five lines a {@code main} needs.
 *
 * <p>Tests build a config the same way:
 * <pre>{@code
 * ServerConfig config = ServerConfig.parse(new String[] {"--port", "0", "--leave-grace-ms", "50"}, Map.of());
 * ServerConfig same = ServerConfig.of(Map.of("port", "0", "leave-grace-ms", "50"));
 * }</pre>
 *
 * <p>{@link #toString()} lists every value with secrets masked and URL passwords hidden, so it
 * is safe to log at start-up.
 */
public final class ServerConfig {

    private final Map<Setting<?>, Object> values;
    private final Map<Setting<?>, ConfigLoader.Source> sources;
    private final Path configFile;
    private final List<String> warnings;

    ServerConfig(Map<Setting<?>, Object> values, Map<Setting<?>, ConfigLoader.Source> sources,
            Path configFile, List<String> warnings) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        this.configFile = configFile;
        this.warnings = List.copyOf(warnings);
    }

    // ---- building ----------------------------------------------------------------------------

    /**
     * Reads the command line, the environment and the config file they name.
     *
     * @param args the command-line arguments, must not be null
     * @param env the environment, usually {@code System.getenv()}; only {@code COLACHAT_*} keys are read
     * @return the validated config, never null
     * @throws InfoRequested for {@code --help} / {@code -h} and {@code --version}: print its message, exit 0
     * @throws ConfigException for anything wrong: print its message, exit 2
     */
    public static ServerConfig parse(String[] args, Map<String, String> env) {
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(env, "env");
        return ConfigLoader.load(args, env);
    }

    /** Every setting at its default (a fresh node id each call). */
    public static ServerConfig defaults() {
        return parse(new String[0], Map.of());
    }

    /**
     * A config from kebab-case names and values, as if given as flags: for tests and embedding.
     *
     * @throws ConfigException for an unknown name or a wrong value
     */
    public static ServerConfig of(Map<String, String> settings) {
        List<String> args = new ArrayList<>();
        settings.forEach((name, value) -> args.add("--" + name + "=" + value));
        return parse(args.toArray(String[]::new), Map.of());
    }

    /** The version in the jar manifest ({@code Implementation-Version}), or {@code dev} outside a jar. */
    public static String version() {
        String v = ServerConfig.class.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? "dev" : v;
    }

    /** The {@code --help} text: every setting with its default and meaning. */
    public static String helpText() {
        return HelpText.render();
    }

    // ---- typed getters -------------------------------------------------------------------------

    /** The value of any setting; null only for an unset optional one. */
    public <T> T get(Setting<T> setting) {
        if (!values.containsKey(setting)) {
            throw new IllegalArgumentException("not a setting of this table: " + setting);
        }
        @SuppressWarnings("unchecked")
        T value = (T) values.get(setting);
        return value;
    }

    /** HTTP port; 0 means "pick a free one". */
    public int port() {
        return get(Settings.PORT);
    }

    /** Bind address, e.g. {@code 0.0.0.0}. */
    public String host() {
        return get(Settings.HOST);
    }

    /** The JDBC URL (may embed credentials: log {@link #toString()}, not this). */
    public String dbUrl() {
        return get(Settings.DB_URL);
    }

    public Optional<String> dbUser() {
        return Optional.ofNullable(get(Settings.DB_USER));
    }

    /** Secret: never log it. */
    public Optional<String> dbPassword() {
        return Optional.ofNullable(get(Settings.DB_PASSWORD));
    }

    /** The Redis URL when clustered; empty for a single node. */
    public Optional<String> redisUrl() {
        return Optional.ofNullable(get(Settings.REDIS_URL));
    }

    /** How long a chatter whose last socket dropped stays present (protocol section 6). */
    public Duration leaveGrace() {
        return get(Settings.LEAVE_GRACE_MS);
    }

    /** How long a room lives after creation. */
    public Duration roomTtl() {
        return get(Settings.ROOM_TTL);
    }

    /** How long after expiry a room and its messages are deleted. */
    public Duration purgeAfter() {
        return get(Settings.PURGE_AFTER);
    }

    /** The highest capacity a room may ask for, 2 to 10000. */
    public int maxRoomCapacity() {
        return get(Settings.MAX_ROOM_CAPACITY);
    }

    /** Up to this many present chatters, the whole room gets {@code returnChatters} after each change. */
    public int presenceFullListLimit() {
        return get(Settings.PRESENCE_FULL_LIST_LIMIT);
    }

    public Duration pingInterval() {
        return get(Settings.PING_INTERVAL_MS);
    }

    public Duration pingTimeout() {
        return get(Settings.PING_TIMEOUT_MS);
    }

    /** Bytes. */
    public int maxPayload() {
        return get(Settings.MAX_PAYLOAD);
    }

    /**
     * Origins allowed besides the server's own, normalized ({@code https://host[:port]}, lower
     * case); empty means same origin only; {@code ["*"]} means any. Fits
     * {@code OriginPolicy.of(list)}.
     */
    public List<String> corsOrigins() {
        List<String> origins = get(Settings.CORS_ORIGINS);
        return origins == null ? List.of() : origins;
    }

    /** Whether any origin is allowed ({@code cors-origins *}). */
    public boolean corsAllowsAnyOrigin() {
        return corsOrigins().contains("*");
    }

    /** {@link Locale#ENGLISH} or {@link Locale#KOREAN}. */
    public Locale locale() {
        return get(Settings.LOCALE);
    }

    public LogFormat logFormat() {
        return get(Settings.LOG_FORMAT);
    }

    public LogLevel logLevel() {
        return get(Settings.LOG_LEVEL);
    }

    /** Secret: never log it. Empty means the admin endpoints are off. */
    public Optional<String> adminToken() {
        return Optional.ofNullable(get(Settings.ADMIN_TOKEN));
    }

    /** This node's id: given, or generated at each start. */
    public String nodeId() {
        return get(Settings.NODE_ID);
    }

    /** The config file that was read, if any. */
    public Optional<Path> configFile() {
        return Optional.ofNullable(configFile);
    }

    /**
     * Things worth logging once logging is set up, such as an unknown {@code COLACHAT_*}
     * variable (a typo there is not fatal, since environments are shared).
     */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * A setting's value as it is safe to log: {@code ****} for secrets, URLs with their passwords
     * hidden ({@code redis://:****@cache:6379}), {@code none} when unset.
     *
     * <pre>{@code
     * log.info("cluster via {}", config.display(Settings.REDIS_URL));
     * }</pre>
     */
    public String display(Setting<?> setting) {
        return setting.display(get(setting));
    }

    /**
     * Every setting as {@code name=value}, with where non-default values came from; secrets show
     * {@code ****}, passwords inside URLs are hidden. Safe to log.
     */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "ServerConfig{", "}");
        values.forEach((setting, value) -> {
            ConfigLoader.Source source = sources.get(setting);
            String shown = setting.display(value);
            j.add(setting.name() + "=" + shown
                    + (source == ConfigLoader.Source.DEFAULT ? "" : " (" + source.label + ")"));
        });
        if (configFile != null) {
            j.add("config=" + configFile);
        }
        return j.toString();
    }
}
