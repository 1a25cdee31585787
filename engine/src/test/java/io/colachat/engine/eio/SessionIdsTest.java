package io.colachat.engine.eio;

import static org.assertj.core.api.Assertions.assertThat;

import io.colachat.engine.internal.Ids;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Session ids (the only credential a polling request carries) and socket ids come from a
 * cryptographically secure generator and look like 120 uniformly random bits.
 */
class SessionIdsTest {

    private static final int SAMPLES = 20_000;
    private static final int BITS = 120;

    private static Supplier<String> generator(String which) {
        return "session".equals(which) ? SessionIds::next : Ids::newId;
    }

    private static Class<?> owner(String which) {
        return "session".equals(which) ? SessionIds.class : Ids.class;
    }

    @ParameterizedTest
    @ValueSource(strings = {"session", "socket"})
    void idsComeFromASecureRandom(String which) throws Exception {
        Field random = null;
        for (Field f : owner(which).getDeclaredFields()) {
            if (java.util.Random.class.isAssignableFrom(f.getType())) {
                assertThat(random).as("one generator").isNull();
                random = f;
            }
        }
        assertThat(random).isNotNull();
        assertThat(Modifier.isStatic(random.getModifiers()) && Modifier.isFinal(random.getModifiers())).isTrue();
        random.setAccessible(true);

        assertThat(random.get(null)).isExactlyInstanceOf(SecureRandom.class);
        assertThat(random.getType()).isEqualTo(SecureRandom.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"session", "socket"})
    void idsAre120UniformBitsAsUrlSafeBase64(String which) {
        Supplier<String> next = generator(which);
        Set<String> seen = new HashSet<>();
        int[] ones = new int[BITS];

        for (int i = 0; i < SAMPLES; i++) {
            String id = next.get();
            assertThat(id).hasSize(20).matches("[A-Za-z0-9_-]{20}");
            assertThat(seen.add(id)).as("unique").isTrue();
            byte[] bytes = Base64.getUrlDecoder().decode(id);
            assertThat(bytes).hasSize(BITS / 8);
            for (int bit = 0; bit < BITS; bit++) {
                if ((bytes[bit / 8] >> (7 - bit % 8) & 1) == 1) {
                    ones[bit]++;
                }
            }
        }

        // Every bit is set about half the time: 6 standard deviations (~0.021) either side of 0.5.
        double sigma = Math.sqrt(SAMPLES * 0.25);
        for (int bit = 0; bit < BITS; bit++) {
            assertThat(Math.abs(ones[bit] - SAMPLES / 2.0)).as("bit %d set %d times", bit, ones[bit])
                    .isLessThan(6 * sigma);
        }
    }
}
