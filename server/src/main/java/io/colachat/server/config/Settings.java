package io.colachat.server.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The table of every setting (protocol section 7): one line each, in the order {@code --help}
 * lists them. Adding a setting is adding a line here (and, for convenience, a typed getter on
 * {@link ServerConfig}); parsing, precedence, help and masking follow from the row.
 *
 * <p>Ranges are wide on purpose (tests run with a 50 ms grace or a 2 s room TTL) but refuse
 * values that can only be mistakes, such as a negative grace or a capacity of 1.
 */
public final class Settings {

    private static final List<Setting<?>> ALL = new ArrayList<>();

    private static final Duration MAX_DURATION = Duration.ofDays(3650);
    private static final Pattern NODE_ID_PATTERN = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    public static final Setting<Integer> PORT = add(Setting.of("port", "8080", "PORT",
            "HTTP port for the web client, REST, Socket.IO and metrics; 0 picks a free one and logs it",
            Parsers.port()));
    public static final Setting<String> HOST = add(Setting.of("host", "0.0.0.0", "HOST",
            "bind address", Parsers.host()));
    public static final Setting<String> DB_URL = add(Setting.of("db-url",
            "jdbc:h2:file:./data/colachat", "URL",
            "JDBC URL: an embedded H2 file, or jdbc:postgresql://host:5432/db",
            Parsers.jdbcUrl()).redacting(Parsers::redactUrl));
    public static final Setting<String> DB_USER = add(Setting.optional("db-user", "USER",
            "database user, unless the URL names one", Parsers.text()));
    public static final Setting<String> DB_PASSWORD = add(Setting.optional("db-password", "PASSWORD",
            "database password (never printed)", Parsers.text()).secret());
    public static final Setting<String> REDIS_URL = add(Setting.optional("redis-url", "URL",
            "redis://host:port[/db] or rediss://...; set, this node joins the cluster sharing that "
                    + "Redis and database; unset, it runs alone",
            Parsers.redisUrl()).redacting(Parsers::redactUrl));
    public static final Setting<Duration> LEAVE_GRACE_MS = add(Setting.of("leave-grace-ms", "3000", "MS",
            "how long a chatter whose last socket dropped stays present before its LEAVE alert",
            Parsers.millis(0, 3_600_000)));
    public static final Setting<Duration> ROOM_TTL = add(Setting.of("room-ttl", "24h", "DURATION",
            "how long a room lives after creation (30s, 90m, 24h, 7d, PT24H)",
            Parsers.duration(Duration.ofSeconds(1), MAX_DURATION)));
    public static final Setting<Duration> PURGE_AFTER = add(Setting.of("purge-after", "7d", "DURATION",
            "how long an expired room and its messages are kept before they are deleted",
            Parsers.duration(Duration.ZERO, MAX_DURATION)));
    public static final Setting<Integer> MAX_ROOM_CAPACITY = add(Setting.of("max-room-capacity", "100", "N",
            "the highest capacity a room may ask for (2-10000)",
            Parsers.integer(2, 10_000)));
    public static final Setting<Integer> PRESENCE_FULL_LIST_LIMIT = add(Setting.of("presence-full-list-limit",
            "100", "N",
            "rooms with at most this many present chatters get the full list after every change",
            Parsers.integer(0, 100_000)));
    public static final Setting<Duration> PING_INTERVAL_MS = add(Setting.of("ping-interval-ms", "25000", "MS",
            "Engine.IO pingInterval", Parsers.millis(10, 3_600_000)));
    public static final Setting<Duration> PING_TIMEOUT_MS = add(Setting.of("ping-timeout-ms", "20000", "MS",
            "Engine.IO pingTimeout", Parsers.millis(10, 3_600_000)));
    public static final Setting<Integer> MAX_PAYLOAD = add(Setting.of("max-payload", "1000000", "BYTES",
            "Engine.IO maxPayload: the largest message or request body a client may send",
            Parsers.integer(100, 1_000_000_000)));
    public static final Setting<List<String>> CORS_ORIGINS = add(Setting.computed("cors-origins",
            () -> null, "same origin only", "ORIGINS",
            "other origins allowed for HTTP and Socket.IO: https://host[:port],... or * for any",
            Parsers.origins()));
    public static final Setting<Locale> LOCALE = add(Setting.of("locale", "en", "en|ko",
            "language of alerts and error messages", Parsers.locale(List.of("en", "ko"))));
    public static final Setting<LogFormat> LOG_FORMAT = add(Setting.of("log-format", "text", "text|json",
            "log lines for people (text) or for collectors (json, one object a line)",
            Parsers.choice(LogFormat.class)));
    public static final Setting<LogLevel> LOG_LEVEL = add(Setting.of("log-level", "info", "LEVEL",
            "trace, debug, info, warn, error or off", Parsers.choice(LogLevel.class)));
    public static final Setting<String> ADMIN_TOKEN = add(Setting.optional("admin-token", "TOKEN",
            "bearer token (16+ characters) for the admin endpoints; unset, they are off",
            Parsers.minLength(16)).secret());
    public static final Setting<String> NODE_ID = add(Setting.computed("node-id",
            Settings::generateNodeId, "generated at each start", "ID",
            "this node's name in the cluster and in logs (letters, digits, _ . -)",
            Parsers.matching(NODE_ID_PATTERN, "a node id (1-64 letters, digits, _ . -)")));

    public static final Setting<Integer> FLOOD_BURST = add(Setting.of("flood-burst", "12", "POINTS",
            "flood control: the score a chatter may reach before RATE_LIMITED; a message costs 1 point "
                    + "plus 1 per 200 characters, and the score decays by flood-rate points a second",
            Parsers.integer(1, 100_000)));
    public static final Setting<Integer> FLOOD_RATE = add(Setting.of("flood-rate", "1", "POINTS/S",
            "flood control: how many points a chatter's score loses each second (an IP gets 4 times "
                    + "the burst and rate, for several people behind one address)",
            Parsers.integer(1, 100_000)));
    public static final Setting<Integer> ROOMS_PER_IP_PER_MINUTE = add(Setting.of("rooms-per-ip-per-minute", "10",
            "N", "rooms one IP address may create per minute; more get RATE_LIMITED",
            Parsers.integer(1, 1_000_000)));
    public static final Setting<Integer> PASSWORD_ATTEMPTS_PER_MINUTE = add(Setting.of(
            "password-attempts-per-minute", "10", "N",
            "wrong room passwords one IP address may try per room per minute; more get RATE_LIMITED",
            Parsers.integer(1, 1_000_000)));

    public static final Setting<Integer> MAX_CONNECTIONS = add(Setting.of("max-connections", "10000", "N",
            "connections this node accepts in all; more are refused with 503", Parsers.integer(1, 10_000_000)));
    public static final Setting<Integer> MAX_CONNECTIONS_PER_IP = add(Setting.of("max-connections-per-ip", "256", "N",
            "connections from one address (an IPv6 /64) at once; more get 429 (loopback is exempt)",
            Parsers.integer(1, 10_000_000)));
    public static final Setting<Integer> CONNECTIONS_PER_IP_PER_SECOND = add(Setting.of(
            "connections-per-ip-per-second", "32", "N",
            "new connections one address may open per second (bursts of twice that); more get 429",
            Parsers.integer(1, 1_000_000)));
    public static final Setting<Integer> MAX_HEADER_SIZE = add(Setting.of("max-header-size", "8192", "BYTES",
            "the largest HTTP request head; larger gets 431", Parsers.integer(1024, 1_048_576)));
    public static final Setting<Duration> HEADER_TIMEOUT_MS = add(Setting.of("header-timeout-ms", "10000", "MS",
            "how long a client may take to send its request head (slow clients are closed)",
            Parsers.millis(100, 3_600_000)));
    public static final Setting<Integer> MAX_HTTP_BODY = add(Setting.of("max-http-body", "65536", "BYTES",
            "the largest REST request body; larger gets 413", Parsers.integer(1024, 16_777_216)));
    public static final Setting<Integer> MAX_NAMESPACES_PER_CONNECTION = add(Setting.of(
            "max-namespaces-per-connection", "8", "N",
            "Socket.IO namespaces one connection may join; more are refused", Parsers.integer(1, 1_000)));

    public static final Setting<Integer> IO_THREADS = add(Setting.of("io-threads", "0", "N",
            "event-loop threads serving connections; 0 means one per CPU core", Parsers.integer(0, 1_024)));

    private static final List<Setting<?>> VIEW = List.copyOf(ALL);

    private Settings() {
    }

    /** Every setting, in help order. */
    public static List<Setting<?>> all() {
        return VIEW;
    }

    /** The setting with this kebab-case name, or null. */
    public static Setting<?> byName(String name) {
        for (Setting<?> s : VIEW) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    private static <T> Setting<T> add(Setting<T> setting) {
        ALL.add(setting);
        return setting;
    }

    /**
     * A fresh id per process, so that a restarted node is never mistaken for its previous life
     * (whose presences the cluster must still expire). Not security-relevant.
     */
    private static String generateNodeId() {
        byte[] bytes = new byte[6];
        ThreadLocalRandom.current().nextBytes(bytes);
        return "node-" + HexFormat.of().formatHex(bytes);
    }
}
