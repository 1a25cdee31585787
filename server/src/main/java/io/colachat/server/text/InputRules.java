package io.colachat.server.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.colachat.server.api.ApiException;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Validation of client input (protocol section 4). Each method takes the JSON value of one field
 * (null, {@code NullNode} and {@code MissingNode} all mean "absent"), checks its JSON type, and
 * returns the normalized value or throws {@link ApiException#invalid(String, String)} naming the
 * field, with a message in the server's language.
 *
 * <p>The rules, and the choices the contract left open:
 * <ul>
 *   <li>Lengths are Unicode code points after trimming with {@link String#strip()} (so an emoji
 *       such as U+1F600 counts as one); the trimmed value is what is returned and stored.</li>
 *   <li>Control characters (general category Cc) are refused everywhere, except newline and tab
 *       inside message content. A carriage return is refused too: clients send {@code \n}.
 *       Characters are checked after trimming, so a trailing newline in a title is trimmed away,
 *       not refused.</li>
 *   <li>Lone surrogates (text that is not valid Unicode) are refused everywhere.</li>
 *   <li>Single-line fields (title, nickname) also refuse the line and paragraph separators
 *       U+2028/U+2029 and the bidirectional embedding, override and isolate controls
 *       (U+202A-U+202E, U+2066-U+2069), which would let a name reorder the text around it on
 *       screen. Other format characters (Cf) stay allowed: emoji sequences need the zero-width
 *       joiner, right-to-left text needs U+200E/U+200F.</li>
 *   <li>Passwords are not trimmed (a space may be part of a passphrase, and what is typed is
 *       what is hashed) but one of only whitespace counts as missing; they refuse every control
 *       character.</li>
 *   <li>{@code capacity} must be a JSON number with an integral value: {@code 8} and {@code 8.0}
 *       pass (JSON has one number type), {@code 2.5}, {@code "8"} and {@code true} do not.</li>
 *   <li>{@code isPassword} absent means false; then a {@code password} must be absent too.</li>
 *   <li>{@code namespace} absent or null means {@code anonymous}; an empty string is refused.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * InputRules rules = new InputRules(Texts.english());
 * String title = rules.title(body.get("title"));                  // "Friday plans"
 * int capacity = rules.capacity(body.get("capacity"), config.maxRoomCapacity());
 * Optional<String> password = rules.roomPassword(body.get("isPassword"), body.get("password"));
 * }</pre>
 */
public final class InputRules {

    public static final int TITLE_MAX = 30;
    public static final int PASSWORD_MAX = 64;
    public static final int NICKNAME_MAX = 20;
    public static final int CONTENT_MAX = 1000;
    public static final int MIN_CAPACITY = 2;
    public static final String DEFAULT_NAMESPACE = "anonymous";

    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?\\d{1,19}");

    private static final InputRules ENGLISH = new InputRules(Texts.english());

    private final Texts texts;

    /** Rules whose messages are in the language of {@code texts}. */
    public InputRules(Texts texts) {
        this.texts = Objects.requireNonNull(texts, "texts");
    }

    /** Rules with English messages. */
    public static InputRules english() {
        return ENGLISH;
    }

    // ---- rooms -------------------------------------------------------------------------------

    /** A room title: 1 to 30 code points after trimming, single line. */
    public String title(JsonNode node) {
        return text(node, "title", TITLE_MAX, Lines.SINGLE);
    }

    /**
     * A room capacity: an integer from 2 to {@code max} (the configured {@code max-room-capacity}).
     */
    public int capacity(JsonNode node, int max) {
        return (int) integer(node, "capacity", MIN_CAPACITY, max);
    }

    /** {@code isPassword}: a JSON boolean; absent means false. */
    public boolean isPassword(JsonNode node) {
        if (absent(node)) {
            return false;
        }
        if (!node.isBoolean()) {
            throw ApiException.invalid("isPassword", texts.notBoolean("isPassword"));
        }
        return node.booleanValue();
    }

    /**
     * The password a new room is created with: present when {@code isPassword} is true, which
     * requires a valid {@code password}; empty when it is false, which forbids one.
     */
    public Optional<String> roomPassword(JsonNode isPassword, JsonNode password) {
        if (isPassword(isPassword)) {
            if (absent(password) || (password.isTextual() && password.textValue().isBlank())) {
                throw ApiException.invalid("password", texts.passwordRequired());
            }
            return Optional.of(password(password));
        }
        if (!absent(password)) {
            throw ApiException.invalid("password", texts.passwordForbidden());
        }
        return Optional.empty();
    }

    /** A password: 1 to 64 code points, not trimmed, not blank, no control characters. */
    public String password(JsonNode node) {
        if (absent(node)) {
            throw ApiException.invalid("password", texts.required("password"));
        }
        if (!node.isTextual()) {
            throw ApiException.invalid("password", texts.notString("password"));
        }
        String value = node.textValue();
        if (value.isBlank()) {
            throw ApiException.invalid("password", texts.required("password"));
        }
        checkCharacters(value, "password", Lines.NONE);
        checkLength(value, "password", PASSWORD_MAX);
        return value;
    }

    /**
     * A password offered to enter a room (access-check, joinRoom): empty when absent; a string is
     * returned as sent, whatever its length, since a wrong one simply does not match.
     *
     * @throws ApiException when it is present but not a string
     */
    public Optional<String> passwordAttempt(JsonNode node) {
        if (absent(node)) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw ApiException.invalid("password", texts.notString("password"));
        }
        return Optional.of(node.textValue());
    }

    /** A namespace matching {@code ^[A-Za-z0-9_-]{1,64}$}; absent or null means {@code anonymous}. */
    public String namespace(JsonNode node) {
        if (absent(node)) {
            return DEFAULT_NAMESPACE;
        }
        if (!node.isTextual()) {
            throw ApiException.invalid("namespace", texts.notString("namespace"));
        }
        String value = node.textValue().strip();
        if (!isNamespace(value)) {
            throw ApiException.invalid("namespace", texts.namespace());
        }
        return value;
    }

    /** Whether a name is a valid namespace, e.g. for the Socket.IO namespace {@code /name}. */
    public static boolean isNamespace(String name) {
        return name != null && NAMESPACE.matcher(name).matches();
    }

    // ---- chatters and messages ---------------------------------------------------------------

    /** A nickname: 1 to 20 code points after trimming, single line. */
    public String nickname(JsonNode node) {
        return text(node, "nickname", NICKNAME_MAX, Lines.SINGLE);
    }

    /** Message content: 1 to 1000 code points after trimming; newline and tab allowed. */
    public String content(JsonNode node) {
        return text(node, "content", CONTENT_MAX, Lines.MULTI);
    }

    // ---- ids and numbers ---------------------------------------------------------------------

    /**
     * A UUID in its canonical 36-character form (hex digits in either case), e.g. a roomId.
     *
     * @param field the field name for the message, e.g. {@code roomId}
     */
    public UUID uuid(JsonNode node, String field) {
        if (absent(node)) {
            throw ApiException.invalid(field, texts.required(field));
        }
        if (!node.isTextual()) {
            throw ApiException.invalid(field, texts.uuid(field));
        }
        return uuid(node.textValue(), field);
    }

    /** A UUID given as text, e.g. a path segment; same rules as {@link #uuid(JsonNode, String)}. */
    public UUID uuid(String text, String field) {
        if (text == null || !UUID_TEXT.matcher(text).matches()) {
            throw ApiException.invalid(field, texts.uuid(field));
        }
        return UUID.fromString(text);
    }

    /** A UUID when present; empty when absent or null. */
    public Optional<UUID> optionalUuid(JsonNode node, String field) {
        return absent(node) ? Optional.empty() : Optional.of(uuid(node, field));
    }

    /**
     * An integer from {@code min} to {@code max}: a JSON number with an integral value
     * ({@code 8.0} passes, {@code 2.5} and {@code "8"} do not).
     */
    public long integer(JsonNode node, String field, long min, long max) {
        if (absent(node)) {
            throw ApiException.invalid(field, texts.required(field));
        }
        if (!node.isNumber()) {
            throw ApiException.invalid(field, texts.integerRange(field, min, max));
        }
        BigDecimal value;
        if (node.isIntegralNumber()) {
            value = new BigDecimal(node.bigIntegerValue());
        } else if (node.isDouble() || node.isFloat()) {
            double d = node.doubleValue();
            if (!Double.isFinite(d)) {
                throw ApiException.invalid(field, texts.integerRange(field, min, max));
            }
            value = BigDecimal.valueOf(d);
        } else {
            value = node.decimalValue();
        }
        if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
            throw ApiException.invalid(field, texts.integerRange(field, min, max));
        }
        if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw ApiException.invalid(field, texts.integerRange(field, min, max));
        }
        return value.longValueExact();
    }

    /** An integer when present; empty when absent or null (e.g. joinRoom's lastMessageId). */
    public OptionalLong optionalInteger(JsonNode node, String field, long min, long max) {
        return absent(node) ? OptionalLong.empty() : OptionalLong.of(integer(node, field, min, max));
    }

    /**
     * An integer given as text (a path segment or query parameter such as {@code page},
     * {@code after}, {@code limit}): decimal digits only.
     */
    public long integer(String text, String field, long min, long max) {
        if (text == null || text.isEmpty()) {
            throw ApiException.invalid(field, texts.required(field));
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw ApiException.invalid(field, texts.integerRange(field, min, max));
        }
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ApiException.invalid(field, texts.integerRange(field, min, max));
        }
        if (value < min || value > max) {
            throw ApiException.invalid(field, texts.integerRange(field, min, max));
        }
        return value;
    }

    /** A JSON object, e.g. a request body or an event payload ({@code field} names it for the message). */
    public ObjectNode object(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            throw ApiException.invalid(field, texts.notObject(field));
        }
        return (ObjectNode) node;
    }

    /** Whether a field is absent: Java null, JSON null, or missing ({@code path()} on an object). */
    public static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    // ---- the checks ----------------------------------------------------------------------------

    /** Which line-breaking and layout characters a field may hold. */
    private enum Lines {
        /** Passwords: no control character at all; nothing else is special. */
        NONE,
        /** Titles and nicknames: no control characters, line separators or bidi overrides. */
        SINGLE,
        /** Message content: newline and tab allowed. */
        MULTI
    }

    private String text(JsonNode node, String field, int max, Lines lines) {
        if (absent(node)) {
            throw ApiException.invalid(field, texts.required(field));
        }
        if (!node.isTextual()) {
            throw ApiException.invalid(field, texts.notString(field));
        }
        String value = node.textValue().strip();
        checkCharacters(value, field, lines);
        checkLength(value, field, max);
        return value;
    }

    private void checkLength(String value, String field, int max) {
        int length = value.codePointCount(0, value.length());
        if (length < 1 || length > max) {
            throw ApiException.invalid(field, texts.length(field, 1, max));
        }
    }

    private void checkCharacters(String value, String field, Lines lines) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++; // a proper pair: one supplementary code point, never a control character
                    continue;
                }
                throw ApiException.invalid(field, texts.badEncoding(field));
            }
            if (Character.isLowSurrogate(c)) {
                throw ApiException.invalid(field, texts.badEncoding(field));
            }
            if (Character.getType(c) == Character.CONTROL) {
                if (lines == Lines.MULTI && (c == '\n' || c == '\t')) {
                    continue;
                }
                throw ApiException.invalid(field, texts.controlCharacters(field));
            }
            if (lines == Lines.SINGLE && isLayoutControl(c)) {
                throw ApiException.invalid(field, texts.controlCharacters(field));
            }
        }
    }

    /** Line/paragraph separators and bidi embeddings, overrides and isolates. */
    private static boolean isLayoutControl(char c) {
        return c == '\u2028' || c == '\u2029'
                || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069');
    }
}
