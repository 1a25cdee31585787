package io.colachat.engine.testing;

import java.time.Duration;

/**
 * The properties every fuzz target checks on each input, besides its own: the code under test
 * finishes in bounded time (nothing hangs, nothing is quadratic on a few kilobytes), and allocates
 * at most a fixed amount plus a constant per input byte, so no length the input merely declares
 * (a Content-Length, an attachment count, a frame length) turns into an allocation. A breach is an
 * {@link AssertionError}, which Jazzer reports as a finding and saves as a regression input.
 *
 * <pre>{@code
 * FuzzBudget.check(input.length, 64 << 10, 64, () -> PacketCodec.decodePayload(buf));
 * }</pre>
 */
public final class FuzzBudget {

    /** Generous: fuzzing shares a two-core machine with other builds. */
    public static final Duration MAX_TIME = Duration.ofSeconds(5);

    private FuzzBudget() {
    }

    /**
     * Runs {@code body} and fails if it took longer than {@link #MAX_TIME} or allocated more than
     * {@code fixedBytes + bytesPerInputByte * inputLength}. An input over the allocation budget is
     * run a second time and judged on that run: the first use of a code path loads and initialises
     * classes and caches, which costs once, while an allocation driven by the input recurs. So
     * {@code body} must be repeatable (make its own decoder, channel or server).
     */
    public static void check(int inputLength, long fixedBytes, long bytesPerInputByte, Runnable body) {
        long allowed = fixedBytes + bytesPerInputByte * inputLength;
        long allocated = timed(inputLength, body);
        if (allocated > allowed) {
            allocated = timed(inputLength, body);
        }
        if (allocated > allowed) {
            throw new AssertionError("allocated " + allocated + " bytes for " + inputLength
                    + " input bytes; allowed " + allowed);
        }
    }

    private static long timed(int inputLength, Runnable body) {
        long start = System.nanoTime();
        long allocated = Allocations.of(body);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (took.compareTo(MAX_TIME) > 0) {
            throw new AssertionError("took " + took.toMillis() + " ms for " + inputLength + " input bytes");
        }
        return allocated;
    }
}
