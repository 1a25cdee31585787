package io.colachat.server.config;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * One row of the settings table ({@link Settings}): a kebab-case name, its default, what it
 * means, and how its text is parsed and validated. The same name is a flag ({@link #flag()}), an
 * environment variable ({@link #envName()}) and a config-file key ({@link #name()}).
 *
 * <p>Immutable. A setting whose default is null (such as {@code redis-url}) is unset unless
 * given: its typed value is null in {@link ServerConfig#get(Setting)} and an empty
 * {@code Optional} (or the documented stand-in) in the typed getters.
 *
 * @param <T> the typed value
 */
public final class Setting<T> {

    private static final String MASK = "****";

    private final String name;
    private final String metavar;
    private final String description;
    private final String defaultHelp;
    private final Supplier<String> defaultRaw;
    private final ValueParser<T> parser;
    private final boolean secret;
    private final UnaryOperator<String> redactor;

    private Setting(String name, String metavar, String description, String defaultHelp,
            Supplier<String> defaultRaw, ValueParser<T> parser, boolean secret,
            UnaryOperator<String> redactor) {
        this.name = Objects.requireNonNull(name, "name");
        this.metavar = Objects.requireNonNull(metavar, "metavar");
        this.description = Objects.requireNonNull(description, "description");
        this.defaultHelp = defaultHelp;
        this.defaultRaw = Objects.requireNonNull(defaultRaw, "defaultRaw");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.secret = secret;
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        if (!name.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("setting names are kebab-case: " + name);
        }
    }

    /** A setting whose default is the given raw text, parsed like any other value. */
    static <T> Setting<T> of(String name, String defaultRaw, String metavar, String description,
            ValueParser<T> parser) {
        return new Setting<>(name, metavar, description, defaultRaw, () -> defaultRaw, parser,
                false, UnaryOperator.identity());
    }

    /**
     * A setting whose default is computed at each parse (a generated id), or is null with a
     * meaning worth showing (cors-origins: "same origin only"); help shows {@code defaultHelp}.
     */
    static <T> Setting<T> computed(String name, Supplier<String> defaultRaw, String defaultHelp,
            String metavar, String description, ValueParser<T> parser) {
        return new Setting<>(name, metavar, description, defaultHelp, defaultRaw, parser, false,
                UnaryOperator.identity());
    }

    /** A setting that is unset unless given. */
    static <T> Setting<T> optional(String name, String metavar, String description,
            ValueParser<T> parser) {
        return new Setting<>(name, metavar, description, null, () -> null, parser, false,
                UnaryOperator.identity());
    }

    /** This setting as a secret: its value is never printed, not even in error messages. */
    Setting<T> secret() {
        return new Setting<>(name, metavar, description, defaultHelp, defaultRaw, parser, true,
                redactor);
    }

    /** This setting with passwords embedded in its text (URLs) hidden wherever it is printed. */
    Setting<T> redacting(UnaryOperator<String> redactor) {
        return new Setting<>(name, metavar, description, defaultHelp, defaultRaw, parser, secret,
                redactor);
    }

    /** The kebab-case name, also the config-file key, e.g. {@code leave-grace-ms}. */
    public String name() {
        return name;
    }

    /** The command-line flag, e.g. {@code --leave-grace-ms}. */
    public String flag() {
        return "--" + name;
    }

    /** The environment variable, e.g. {@code COLACHAT_LEAVE_GRACE_MS}. */
    public String envName() {
        return envName(name);
    }

    static String envName(String kebab) {
        return "COLACHAT_" + kebab.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** What the setting means, one line. */
    public String description() {
        return description;
    }

    /** The placeholder for the value in {@code --help}, e.g. {@code PORT}. */
    public String metavar() {
        return metavar;
    }

    /** The default as {@code --help} shows it, or null when help shows none (unset settings). */
    public String defaultHelp() {
        return defaultHelp;
    }

    /** Whether the value is a secret that is never printed. */
    public boolean isSecret() {
        return secret;
    }

    @Override
    public String toString() {
        return name;
    }

    // ---- package: used by the parser and ServerConfig ----------------------------------------

    String defaultRaw() {
        return defaultRaw.get();
    }

    T parse(String raw) {
        return parser.parse(raw);
    }

    /** How a (typed) value is shown in {@code toString}: masked when secret, redacted when a URL. */
    String display(Object value) {
        if (value == null) {
            return defaultHelp == null ? "none" : defaultHelp;
        }
        if (secret) {
            return MASK;
        }
        @SuppressWarnings("unchecked")
        T typed = (T) value;
        return redactor.apply(parser.format(typed));
    }

    /** How a raw value is quoted in an error message; a secret's value is never shown. */
    String quoteRaw(String raw) {
        if (secret) {
            return "the value";
        }
        return quote(redactor.apply(raw));
    }

    /** Quotes text for a one-line message: escapes quotes and control characters, cuts long text. */
    static String quote(String text) {
        StringBuilder b = new StringBuilder("\"");
        int limit = 80;
        for (int i = 0; i < text.length(); i++) {
            if (i == limit) {
                b.append("...");
                break;
            }
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
