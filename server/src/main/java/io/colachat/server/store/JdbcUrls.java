package io.colachat.server.store;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading and redacting JDBC URLs of the two supported databases, without a driver. */
final class JdbcUrls {

    /** {@code user=...} / {@code password=...} in a query string ({@code ?&}) or H2 settings ({@code ;}). */
    private static final Pattern CREDENTIAL_PARAM =
            Pattern.compile("(?i)([?&;])(user|password)=[^&;]*");
    private static final Pattern USER_PARAM = Pattern.compile("(?i)[?&;]user=([^&;]*)");
    /** {@code //user:password@host}: not accepted by every driver, but never to be logged. */
    private static final Pattern USER_INFO = Pattern.compile("//[^/@?;]*@");

    private JdbcUrls() {
    }

    static boolean isPostgres(String url) {
        return url.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:");
    }

    static boolean isH2(String url) {
        return url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:");
    }

    /** Whether the URL names its own user, so the pool must not pass a second one. */
    static boolean hasUser(String url) {
        Matcher m = USER_PARAM.matcher(url);
        return m.find() || USER_INFO.matcher(url).find();
    }

    /** Whether an H2 URL sets the given setting, e.g. {@code LOCK_TIMEOUT}. */
    static boolean hasSetting(String url, String setting) {
        return url.toUpperCase(Locale.ROOT).contains(";" + setting.toUpperCase(Locale.ROOT) + "=");
    }

    /** The URL with user names and passwords removed: safe for logs. */
    static String redact(String url) {
        String withoutParams = CREDENTIAL_PARAM.matcher(url).replaceAll(m -> m.group(1).equals("?") ? "?" : "");
        String withoutUserInfo = USER_INFO.matcher(withoutParams).replaceAll("//");
        return withoutUserInfo.replace("?&", "?").replaceAll("\\?$", "");
    }
}
