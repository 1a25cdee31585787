package io.colachat.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code GC.heap_info} as printed by JDK 17: only the heap's own lines count, never Metaspace. */
class HeapSamplerTest {

    @Test
    void readsTheG1HeapLine() {
        String info = """
                12345:
                 garbage-first heap   total 81920K, used 19866K [0x0000000640000000, 0x0000000800000000)
                  region size 4096K, 2 young (8192K), 0 survivors (0K)
                 Metaspace       used 31468K, committed 31936K, reserved 1081344K
                  class space    used 3838K, committed 4032K, reserved 1048576K
                """;
        assertThat(HeapSampler.parseHeapInfo(info)).containsExactly(19866L * 1024, 81920L * 1024);
    }

    @Test
    void sumsTheGenerationsOfTheParallelCollector() {
        String info = """
                 PSYoungGen      total 76288K, used 2621K [0x000000076b400000, 0x0000000770900000)
                  eden space 65536K, 4% used [0x000000076b400000,0x000000076b68f6d0,0x000000076f400000)
                 ParOldGen       total 175104K, used 1000K [0x00000006c1c00000, 0x00000006cc700000)
                  object space 175104K, 0% used [0x00000006c1c00000,0x00000006c1c00000,0x00000006cc700000)
                 Metaspace       used 3000K, committed 3200K, reserved 1056768K
                """;
        assertThat(HeapSampler.parseHeapInfo(info)).containsExactly(3621L * 1024, 251392L * 1024);
    }

    @Test
    void refusesOutputWithoutAHeapLine() {
        assertThatThrownBy(() -> HeapSampler.parseHeapInfo("12345:\nCould not attach\n"))
                .isInstanceOf(IllegalStateException.class);
    }
}
