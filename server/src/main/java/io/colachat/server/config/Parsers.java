package io.colachat.server.config;

import io.colachat.server.config.ValueParser.InvalidValue;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The value parsers the settings table is made of. Each refuses bad text with an
 * {@link InvalidValue} whose reason completes "{@code "<value>" ...}", so that every error
 * reads {@code invalid value for --port: "abc" is not a port number (0-65535)}.
 */
final class Parsers {

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._%:\\[\\]-]+");
    private static final Pattern JDBC = Pattern.compile("(?i)jdbc:(h2|postgresql):\\S+");
    private static final Pattern REDIS = Pattern.compile(
            "(?i)(rediss?)://(?:[^@/?#]*@)?(\\[[0-9a-f:.]+]|[a-z0-9._-]+)(?::(\\d{1,5}))?(?:/(\\d{0,4}))?(?:\\?\\S*)?");
    private static final Pattern ORIGIN = Pattern.compile(
            "(https?)://(\\[[0-9a-f:.]+]|[a-z0-9]([a-z0-9.-]*[a-z0-9])?)(?::(\\d{1,5}))?/?");
    /** Userinfo in {@code scheme://user:password@host}; Redis also reads {@code redis://password@host}. */
    private static final Pattern USER_INFO = Pattern.compile("(://)([^/@?#;]*)@");
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)([?&;]password=)[^&;]*");

    private Parsers() {
    }

    // ---- numbers ---------------------------------------------------------------------------

    /** A TCP port, 0 meaning "any free one". */
    static ValueParser<Integer> port() {
        return ValueParser.of(raw -> {
            long n = parseLong(raw, "is not a port number (0-65535)");
            if (n < 0 || n > 65535) {
                throw new InvalidValue("is not a port number (0-65535)");
            }
            return (int) n;
        }, String::valueOf);
    }

    /** A whole number from {@code min} to {@code max}. */
    static ValueParser<Integer> integer(int min, int max) {
        return ValueParser.of(raw -> (int) inRange(parseLong(raw, "is not a whole number"), min, max,
                String.valueOf(min), String.valueOf(max)), String::valueOf);
    }

    /** A whole number of milliseconds from {@code min} to {@code max}, as a Duration. */
    static ValueParser<Duration> millis(long min, long max) {
        return ValueParser.of(raw -> Duration.ofMillis(inRange(
                parseLong(raw, "is not a whole number of milliseconds"), min, max,
                String.valueOf(min), String.valueOf(max))),
                d -> String.valueOf(d.toMillis()));
    }

    private static long parseLong(String raw, String reason) {
        if (!INTEGER.matcher(raw).matches()) {
            throw new InvalidValue(reason);
        }
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            return raw.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE; // reported as out of range
        }
    }

    private static long inRange(long n, long min, long max, String minText, String maxText) {
        if (n < min || n > max) {
            throw new InvalidValue("is out of range (" + minText + "-" + maxText + ")");
        }
        return n;
    }

    // ---- durations -------------------------------------------------------------------------

    /**
     * A duration from {@code min} to {@code max}: {@code 1500ms}, {@code 30s}, {@code 90m},
     * {@code 24h}, {@code 7d}, a sum such as {@code 1h30m}, {@code 0}, or ISO-8601 ({@code PT24H},
     * {@code P7D}).
     */
    static ValueParser<Duration> duration(Duration min, Duration max) {
        return ValueParser.of(raw -> {
            Duration d = parseDuration(raw);
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                throw new InvalidValue("is out of range (" + formatDuration(min) + "-"
                        + formatDuration(max) + ")");
            }
            return d;
        }, Parsers::formatDuration);
    }

    static Duration parseDuration(String raw) {
        String reason = "is not a duration (like 1500ms, 30s, 90m, 24h, 7d or PT24H)";
        String text = raw.toLowerCase(Locale.ROOT);
        try {
            if (text.equals("0")) {
                return Duration.ZERO;
            }
            if (text.startsWith("p") || text.startsWith("+p")) {
                Duration d = Duration.parse(text.toUpperCase(Locale.ROOT));
                if (d.isNegative()) {
                    throw new InvalidValue("is negative");
                }
                return d;
            }
            Matcher m = DURATION_PART.matcher(text);
            Duration total = Duration.ZERO;
            int at = 0;
            while (at < text.length()) {
                if (!m.find(at) || m.start() != at) {
                    throw new InvalidValue(reason);
                }
                long n = Long.parseLong(m.group(1));
                total = total.plus(switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                });
                at = m.end();
            }
            return total;
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new InvalidValue(reason);
        } catch (ArithmeticException e) {
            throw new InvalidValue("is too long");
        }
    }

    /** {@code 24h}, {@code 7d}, {@code 1h30m}, {@code 1500ms}, {@code 0s}: a short exact form. */
    static String formatDuration(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        if (d.isNegative() || d.getNano() % 1_000_000 != 0) {
            return d.toString();
        }
        StringBuilder b = new StringBuilder();
        // 24h reads better than 1d; from two days on, days read better than hours.
        boolean days = d.toDays() >= 2;
        append(b, days ? d.toDaysPart() : 0, "d");
        append(b, days ? d.toHoursPart() : d.toHours(), "h");
        append(b, d.toMinutesPart(), "m");
        append(b, d.toSecondsPart(), "s");
        append(b, d.toMillisPart(), "ms");
        return b.toString();
    }

    private static void append(StringBuilder b, long n, String unit) {
        if (n != 0) {
            b.append(n).append(unit);
        }
    }

    // ---- text ------------------------------------------------------------------------------

    /** Any text. */
    static ValueParser<String> text() {
        return ValueParser.of(raw -> raw, s -> s);
    }

    /** Text of at least {@code min} characters (for tokens worth the name). */
    static ValueParser<String> minLength(int min) {
        return ValueParser.of(raw -> {
            if (raw.length() < min) {
                throw new InvalidValue("is shorter than " + min + " characters");
            }
            return raw;
        }, s -> s);
    }

    /** Text matching {@code pattern}; {@code what} completes "is not ...". */
    static ValueParser<String> matching(Pattern pattern, String what) {
        return ValueParser.of(raw -> {
            if (!pattern.matcher(raw).matches()) {
                throw new InvalidValue("is not " + what);
            }
            return raw;
        }, s -> s);
    }

    /** A bind address: a host name or an IPv4/IPv6 literal. */
    static ValueParser<String> host() {
        return matching(HOST, "a host name or IP address");
    }

    /** A JDBC URL of a supported database (H2 or PostgreSQL). */
    static ValueParser<String> jdbcUrl() {
        return matching(JDBC, "a JDBC URL of H2 or PostgreSQL (jdbc:h2:... or jdbc:postgresql://host:5432/db)");
    }

    /** {@code redis://host[:port][/db]} or {@code rediss://...} (TLS), optionally with credentials. */
    static ValueParser<String> redisUrl() {
        String reason = "is not a Redis URL (redis://host:port[/db] or rediss://host:port[/db])";
        return ValueParser.of(raw -> {
            Matcher m = REDIS.matcher(raw);
            if (!m.matches()) {
                throw new InvalidValue(reason);
            }
            if (m.group(3) != null) {
                int port = Integer.parseInt(m.group(3));
                if (port < 1 || port > 65535) {
                    throw new InvalidValue("has a port out of range (1-65535)");
                }
            }
            return raw;
        }, s -> s);
    }

    /** Hides passwords embedded in a URL: userinfo and {@code password=} parameters. */
    static String redactUrl(String url) {
        String s = USER_INFO.matcher(url).replaceAll(m -> {
            String info = m.group(2);
            int colon = info.indexOf(':');
            String kept = colon < 0 ? "" : Matcher.quoteReplacement(info.substring(0, colon));
            return "$1" + kept + (colon < 0 && info.isEmpty() ? "" : ":****") + "@";
        });
        return PASSWORD_PARAM.matcher(s).replaceAll("$1****");
    }

    /** One of the enum's constants, written in any case. */
    static <E extends Enum<E>> ValueParser<E> choice(Class<E> type) {
        E[] constants = type.getEnumConstants();
        String names = joinNames(constants);
        return ValueParser.of(raw -> {
            for (E e : constants) {
                if (e.name().equalsIgnoreCase(raw)) {
                    return e;
                }
            }
            throw new InvalidValue("is not one of " + names);
        }, e -> e.name().toLowerCase(Locale.ROOT));
    }

    private static String joinNames(Enum<?>[] constants) {
        List<String> names = new ArrayList<>();
        for (Enum<?> e : constants) {
            names.add(e.name().toLowerCase(Locale.ROOT));
        }
        return String.join(", ", names);
    }

    /** A language the server has texts for. */
    static ValueParser<Locale> locale(List<String> supported) {
        String names = String.join(", ", supported);
        return ValueParser.of(raw -> {
            String tag = raw.toLowerCase(Locale.ROOT);
            if (!supported.contains(tag)) {
                throw new InvalidValue("is not one of " + names);
            }
            return Locale.forLanguageTag(tag);
        }, Locale::toLanguageTag);
    }

    /**
     * Allowed browser origins: {@code *} alone for any, else a comma-separated list of
     * {@code http(s)://host[:port]}, normalized as browsers send them (lower case, no trailing
     * slash, no default port) so that a plain string comparison with the Origin header works.
     */
    static ValueParser<List<String>> origins() {
        return ValueParser.of(raw -> {
            Set<String> result = new LinkedHashSet<>();
            for (String part : raw.split(",")) {
                String origin = part.strip();
                if (origin.isEmpty()) {
                    continue;
                }
                if (origin.equals("*")) {
                    result.add("*");
                    continue;
                }
                result.add(normalizeOrigin(origin));
            }
            if (result.contains("*") && result.size() > 1) {
                throw new InvalidValue("mixes \"*\" with other origins; give either * or a list");
            }
            if (result.isEmpty()) {
                throw new InvalidValue("holds no origin");
            }
            return List.copyOf(result);
        }, list -> String.join(",", list));
    }

    private static String normalizeOrigin(String origin) {
        Matcher m = ORIGIN.matcher(origin.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new InvalidValue("is not an origin like https://host[:port]", origin);
        }
        String scheme = m.group(1);
        String host = m.group(2);
        String port = m.group(4);
        if (port != null) {
            int p = Integer.parseInt(port);
            if (p < 1 || p > 65535) {
                throw new InvalidValue("has a port out of range (1-65535)", origin);
            }
            boolean defaultPort = (scheme.equals("http") && p == 80) || (scheme.equals("https") && p == 443);
            port = defaultPort ? null : String.valueOf(p);
        }
        return scheme + "://" + host + (port == null ? "" : ":" + port);
    }

    /**
     * Suggestions for a mistyped name: the candidates within two edits or that the name begins
     * ({@code leave-grace} for {@code leave-grace-ms}), closest first.
     */
    static List<String> similar(String name, List<String> candidates) {
        return candidates.stream()
                .filter(c -> editDistance(name, c) <= 2 || (name.length() >= 4 && c.startsWith(name)))
                .sorted(Comparator.comparingInt(c -> editDistance(name, c)))
                .collect(Collectors.toList());
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
