package io.colachat.server.text;

import io.colachat.server.api.ErrorCode;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;

/**
 * Every text the server writes for people, in the configured {@code locale} (English or Korean):
 * the contents of JOIN / LEAVE / RENAME alerts, the message of each {@link ErrorCode}, and the
 * field-specific {@code INVALID_INPUT} messages used by {@link InputRules}.
 *
 * <p>The texts live in the UTF-8 bundles {@code i18n/messages.properties} (English, the root) and
 * {@code i18n/messages_ko.properties}, with named placeholders such as {@code {nickname}}.
 * Substitution is one pass, so a nickname that itself contains {@code {previous}} is printed as
 * written and never expanded.
 *
 * <p>Immutable and thread-safe; instances are cached per language.
 *
 * <pre>{@code
 * Texts ko = Texts.forLocale(Locale.KOREAN);
 * ko.joined("Brave Otter");                 // "Brave Otter 님이 입장했습니다."
 * Texts.english().error(ErrorCode.ROOM_FULL) // "The room is full."
 * }</pre>
 */
public final class Texts {

    private static final String BUNDLE = "i18n.messages";
    private static final Texts ENGLISH = load(Locale.ENGLISH);
    private static final Texts KOREAN = load(Locale.KOREAN);

    private final Locale locale;
    private final Map<String, String> texts;
    private final Map<ErrorCode, String> errors;

    private Texts(Locale locale, Map<String, String> texts) {
        this.locale = locale;
        this.texts = Collections.unmodifiableMap(texts);
        this.errors = new EnumMap<>(ErrorCode.class);
        for (ErrorCode code : ErrorCode.values()) {
            // A code added to the enum before its text must not stop the server from starting.
            errors.put(code, texts.getOrDefault("error." + code.name(), text("error.fallback")));
        }
    }

    /** The English texts, the default. */
    public static Texts english() {
        return ENGLISH;
    }

    /** The texts of the locale's language: Korean for {@code ko}, English for anything else. */
    public static Texts forLocale(Locale locale) {
        return locale != null && "ko".equals(locale.getLanguage()) ? KOREAN : ENGLISH;
    }

    /** The language of these texts: {@link Locale#ENGLISH} or {@link Locale#KOREAN}. */
    public Locale locale() {
        return locale;
    }

    // ---- alerts ------------------------------------------------------------------------------

    /** The content of a JOIN alert, e.g. {@code Brave Otter joined.} */
    public String joined(String nickname) {
        return format("alert.joined", Map.of("nickname", nickname));
    }

    /** The content of a LEAVE alert, e.g. {@code Brave Otter left.} */
    public String left(String nickname) {
        return format("alert.left", Map.of("nickname", nickname));
    }

    /** The content of a RENAME alert, e.g. {@code Brave Otter is now Calm Heron.} */
    public String renamed(String previous, String nickname) {
        return format("alert.renamed", Map.of("previous", previous, "nickname", nickname));
    }

    // ---- errors ------------------------------------------------------------------------------

    /**
     * The envelope {@code message} for an error code, e.g. {@code The room is full.}; never null
     * (a code without its own text gets a generic one).
     */
    public String error(ErrorCode code) {
        return errors.get(code);
    }

    /** {@code title is required} */
    public String required(String field) {
        return field("invalid.required", field);
    }

    /** {@code title must be a string} */
    public String notString(String field) {
        return field("invalid.notString", field);
    }

    /** {@code isPassword must be true or false} */
    public String notBoolean(String field) {
        return field("invalid.notBoolean", field);
    }

    /** {@code body must be a JSON object} */
    public String notObject(String field) {
        return field("invalid.notObject", field);
    }

    /** {@code title must be 1 to 30 characters} */
    public String length(String field, int min, int max) {
        return format("invalid.length", Map.of("field", field, "min", min, "max", max));
    }

    /** {@code title must not contain control characters} */
    public String controlCharacters(String field) {
        return field("invalid.control", field);
    }

    /** {@code title must be valid Unicode text} (a lone surrogate) */
    public String badEncoding(String field) {
        return field("invalid.encoding", field);
    }

    /** {@code capacity must be an integer from 2 to 100} */
    public String integerRange(String field, long min, long max) {
        return format("invalid.integer", Map.of("field", field, "min", min, "max", max));
    }

    /** {@code namespace must be 1 to 64 letters, digits, '_' or '-'} */
    public String namespace() {
        return text("invalid.namespace");
    }

    /** {@code roomId must be a UUID} */
    public String uuid(String field) {
        return field("invalid.uuid", field);
    }

    /** {@code password is required when isPassword is true} */
    public String passwordRequired() {
        return text("invalid.passwordRequired");
    }

    /** {@code password must be left out when isPassword is false} */
    public String passwordForbidden() {
        return text("invalid.passwordForbidden");
    }

    /** {@code this socket has already joined another room} (one socket joins at most one room) */
    public String alreadyJoined() {
        return text("invalid.alreadyJoined");
    }

    /** {@code nickname is already taken in this room} */
    public String nicknameTaken() {
        return text("invalid.nicknameTaken");
    }

    @Override
    public String toString() {
        return "Texts{" + locale.toLanguageTag() + "}";
    }

    // ---- internals -----------------------------------------------------------------------------

    /** Every key of this language's bundle (for the test that both languages say everything). */
    Set<String> keys() {
        return texts.keySet();
    }

    String text(String key) {
        String text = texts.get(key);
        if (text == null) {
            throw new MissingResourceException("no text " + key + " for " + locale, BUNDLE, key);
        }
        return text;
    }

    private String field(String key, String field) {
        return format(key, Map.of("field", field));
    }

    /** Replaces each {@code {name}} by its argument in one pass; unknown names stay as written. */
    String format(String key, Map<String, ?> args) {
        String template = text(key);
        StringBuilder b = new StringBuilder(template.length() + 32);
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            int close = open < 0 ? -1 : template.indexOf('}', open);
            if (close < 0) {
                b.append(template, i, template.length());
                break;
            }
            Object value = args.get(template.substring(open + 1, close));
            b.append(template, i, open);
            if (value == null) {
                b.append(template, open, close + 1);
            } else {
                b.append(value);
            }
            i = close + 1;
        }
        return b.toString();
    }

    private static Texts load(Locale locale) {
        // No fallback to the JVM's default locale: on a Korean desktop, "en" must still be English.
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale,
                Texts.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        Map<String, String> texts = new HashMap<>();
        for (String key : bundle.keySet()) {
            texts.put(key, bundle.getString(key));
        }
        return new Texts(locale, texts);
    }
}
