package io.colachat.server.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NicknameGeneratorTest {

    private final NicknameGenerator english = NicknameGenerator.english();

    @ParameterizedTest
    @ValueSource(strings = {"en", "ko"})
    void theWordListsAreLargeEnoughThatARoomOfAHundredRarelyRepeats(String language) {
        NicknameGenerator sut = NicknameGenerator.forLocale(Locale.forLanguageTag(language));

        assertThat(sut.adjectives()).hasSizeGreaterThanOrEqualTo(150).doesNotHaveDuplicates();
        assertThat(sut.animals()).hasSizeGreaterThanOrEqualTo(150).doesNotHaveDuplicates();
        assertThat(sut.combinations()).isGreaterThanOrEqualTo(150L * 150);
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "ko"})
    void everyPairFitsInTwentyCodePoints(String language) {
        NicknameGenerator sut = NicknameGenerator.forLocale(Locale.forLanguageTag(language));

        int longestAdjective = sut.adjectives().stream().mapToInt(w -> w.codePointCount(0, w.length())).max().orElseThrow();
        int longestAnimal = sut.animals().stream().mapToInt(w -> w.codePointCount(0, w.length())).max().orElseThrow();

        assertThat(longestAdjective + 1 + longestAnimal).isLessThanOrEqualTo(InputRules.NICKNAME_MAX);
        assertThat(sut.adjectives()).allMatch(w -> !w.isBlank() && !w.contains(" "));
        assertThat(sut.animals()).allMatch(w -> !w.isBlank() && !w.contains(" "));
    }

    @Test
    void englishWordsAreCapitalizedAsciiLetters() {
        assertThat(english.adjectives()).allMatch(w -> w.matches("[A-Z][a-z]+"));
        assertThat(english.animals()).allMatch(w -> w.matches("[A-Z][a-z]+"));
    }

    @Test
    void anEnglishNicknameIsAnAdjectiveAndAnAnimal() {
        String name = english.generate();

        assertThat(name).matches("[A-Z][a-z]+ [A-Z][a-z]+");
        String[] words = name.split(" ");
        assertThat(english.adjectives()).contains(words[0]);
        assertThat(english.animals()).contains(words[1]);
    }

    @Test
    void aKoreanNicknameIsKorean() {
        String name = NicknameGenerator.forLocale(Locale.KOREAN).generate();

        assertThat(name).matches("[가-힣]+ [가-힣]+");
    }

    @Test
    void aHundredChattersInOneRoomGetAHundredDifferentNames() {
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String name = english.generate(taken);
            assertThat(taken.add(name)).as(name).isTrue();
        }
    }

    @Test
    void withAllButOnePairTakenTheNameIsStillNew() {
        Set<String> taken = allPairs(english);
        String free = english.adjectives().get(0) + " " + english.animals().get(0);
        taken.remove(free);

        String name = english.generate(taken);

        assertThat(taken).doesNotContain(name);
        assertThat(name.codePointCount(0, name.length())).isBetween(1, 20);
    }

    @Test
    void whenEveryPairIsTakenANumberIsAppended() {
        NicknameGenerator sut = small();
        Set<String> taken = allPairs(sut);

        String name = sut.generate(taken);

        assertThat(name).matches("(Shy|Bold) (Ox|Owl) 2");
    }

    @Test
    void numbersCountUpPastTheTakenOnes() {
        NicknameGenerator sut = small();
        Set<String> taken = allPairs(sut);
        for (String pair : allPairs(sut)) {
            taken.add(pair + " 2");
            taken.add(pair + " 3");
        }

        assertThat(sut.generate(taken)).matches("(Shy|Bold) (Ox|Owl) 4");
    }

    @Test
    void aFreePairAmongFewIsFound() {
        NicknameGenerator sut = small();
        Set<String> taken = new HashSet<>(Set.of("Shy Ox", "Shy Owl", "Bold Ox"));

        assertThat(sut.generate(taken)).isEqualTo("Bold Owl");
    }

    @Test
    void aNumberedNameStillFitsInTwentyCodePoints() {
        NicknameGenerator sut = new NicknameGenerator(List.of("Whimsical", "Shy"), List.of("Kingfisher", "Ox"),
                () -> new Random(7));
        Set<String> taken = allPairs(sut);

        for (int i = 0; i < 50; i++) {
            String name = sut.generate(taken);
            assertThat(name.codePointCount(0, name.length())).isLessThanOrEqualTo(20);
            taken.add(name);
        }
    }

    private static NicknameGenerator small() {
        return new NicknameGenerator(List.of("Shy", "Bold"), List.of("Ox", "Owl"), () -> new Random(42));
    }

    private static Set<String> allPairs(NicknameGenerator sut) {
        Set<String> all = new HashSet<>();
        for (String adjective : sut.adjectives()) {
            for (String animal : sut.animals()) {
                all.add(adjective + " " + animal);
            }
        }
        return all;
    }
}
