package io.colachat.bench.scenario;

import java.util.function.LongSupplier;

/**
 * Samples a figure once per period until it holds still: the last {@code window} samples lie within
 * {@code tolerance} (a fraction) of their largest, or {@code maxSamples} were taken. Capacity uses it
 * for the server's RSS, which a collector may still be giving back to the system seconds after the
 * last join; reading it once at a fixed moment measured when the collector ran, not what the sockets
 * cost.
 */
final class SteadyValue {

    /** What was seen: the first sample, the steady (last) one, and how many it took. */
    record Reading(long first, long steady, int samples, boolean held) {
    }

    /** Waits between samples; a test passes one that does not. */
    interface Pause {
        void pause() throws InterruptedException;
    }

    private SteadyValue() {
    }

    static Reading await(LongSupplier sample, int window, double tolerance, int maxSamples, Pause pause)
            throws InterruptedException {
        if (window < 1 || maxSamples < window) {
            throw new IllegalArgumentException("window " + window + " of at most " + maxSamples + " samples");
        }
        long[] last = new long[window];
        long first = 0;
        for (int n = 0; n < maxSamples; n++) {
            if (n > 0) {
                pause.pause();
            }
            long v = sample.getAsLong();
            if (n == 0) {
                first = v;
            }
            last[n % window] = v;
            if (n + 1 >= window) {
                long lo = Long.MAX_VALUE;
                long hi = Long.MIN_VALUE;
                for (long x : last) {
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                }
                if (hi - lo <= tolerance * hi) {
                    return new Reading(first, v, n + 1, true);
                }
            }
        }
        return new Reading(first, last[(maxSamples - 1) % window], maxSamples, false);
    }
}
