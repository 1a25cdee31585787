package io.colachat.server.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Generated nicknames, "Adjective Animal" ("Brave Otter"; in Korean "용감한 수달"), unique within
 * a room.
 *
 * <p>The English lists hold about 185 adjectives and 200 animals (the Korean ones about 200 and
 * 180), so some 37,000 names: a room of 100 chatters draws a taken name about once in 370 tries,
 * and {@link #generate(Set)} simply draws again. Only when {@value #RANDOM_TRIES} draws in a row
 * are taken (a room holding most of the names) does it append a number, "Brave Otter 2", still
 * within the 20 code points every nickname must fit.
 *
 * <p>Randomness comes from {@link ThreadLocalRandom}: a nickname is public and protects nothing,
 * so it needs no {@code SecureRandom}, and a thread-local generator never contends between event
 * loops.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * NicknameGenerator names = NicknameGenerator.forLocale(config.locale());
 * String nickname = names.generate(nicknamesInRoom);   // e.g. "Brave Otter"
 * }</pre>
 */
public final class NicknameGenerator {

    /** Random draws before falling back to a numbered name. */
    static final int RANDOM_TRIES = 64;

    private static final NicknameGenerator ENGLISH = load("en");
    private static final NicknameGenerator KOREAN = load("ko");

    private final List<String> adjectives;
    private final List<String> animals;
    private final Supplier<? extends RandomGenerator> random;

    /**
     * A generator over the given words (one word each, no spaces) with its own randomness; for
     * tests, which pass a seeded {@code new Random(42)} wrapped in a supplier.
     */
    public NicknameGenerator(List<String> adjectives, List<String> animals,
            Supplier<? extends RandomGenerator> random) {
        this.adjectives = List.copyOf(adjectives);
        this.animals = List.copyOf(animals);
        this.random = Objects.requireNonNull(random, "random");
        if (this.adjectives.isEmpty() || this.animals.isEmpty()) {
            throw new IllegalArgumentException("need at least one adjective and one animal");
        }
    }

    /** English nicknames, the default. */
    public static NicknameGenerator english() {
        return ENGLISH;
    }

    /** Korean nicknames for {@code ko}, English for anything else. */
    public static NicknameGenerator forLocale(Locale locale) {
        return locale != null && "ko".equals(locale.getLanguage()) ? KOREAN : ENGLISH;
    }

    /** A random nickname, e.g. {@code Brave Otter}. */
    public String generate() {
        return generate(Set.of());
    }

    /**
     * A random nickname that is not in {@code taken}: an "Adjective Animal" pair, or, when the
     * pairs seem used up, a pair with a number such as {@code Brave Otter 2}. Always 1 to
     * {@value InputRules#NICKNAME_MAX} code points. Terminates for any finite {@code taken}.
     *
     * @param taken nicknames in use in the room; must not be null; compared exactly
     */
    public String generate(Set<String> taken) {
        Objects.requireNonNull(taken, "taken");
        RandomGenerator rng = random.get();
        for (int i = 0; i < RANDOM_TRIES; i++) {
            String name = pair(rng, InputRules.NICKNAME_MAX);
            if (name != null && !taken.contains(name)) {
                return name;
            }
        }
        // Most pairs are taken: number them. Once n is past every number used in `taken`, any
        // pair that still fits is free, and short pairs ("Shy Ox") fit far beyond that, so the
        // loop ends. Pairs too long for the suffix are skipped.
        for (int n = 2; ; n++) {
            String suffix = " " + n;
            for (int i = 0; i < RANDOM_TRIES; i++) {
                String base = pair(rng, InputRules.NICKNAME_MAX - suffix.length());
                if (base != null && !taken.contains(base + suffix)) {
                    return base + suffix;
                }
            }
        }
    }

    /** How many distinct pairs there are. */
    public long combinations() {
        return (long) adjectives.size() * animals.size();
    }

    List<String> adjectives() {
        return adjectives;
    }

    List<String> animals() {
        return animals;
    }

    /** A random pair of at most {@code maxLength} code points, or null when the draw is too long. */
    private String pair(RandomGenerator rng, int maxLength) {
        String name = adjectives.get(rng.nextInt(adjectives.size())) + " "
                + animals.get(rng.nextInt(animals.size()));
        return name.codePointCount(0, name.length()) <= maxLength ? name : null;
    }

    private static NicknameGenerator load(String language) {
        return new NicknameGenerator(words("adjectives_" + language), words("animals_" + language),
                ThreadLocalRandom::current);
    }

    /** A word list: one word a line, {@code #} comments and blank lines skipped, duplicates dropped. */
    static List<String> words(String name) {
        String resource = "/nicknames/" + name + ".txt";
        try (InputStream in = NicknameGenerator.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            Set<String> words = new LinkedHashSet<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String word = line.strip();
                if (!word.isEmpty() && !word.startsWith("#")) {
                    words.add(word);
                }
            }
            return List.copyOf(words);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
