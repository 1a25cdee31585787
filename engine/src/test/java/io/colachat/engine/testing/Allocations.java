package io.colachat.engine.testing;

import java.lang.management.ManagementFactory;

/**
 * Heap bytes the current thread allocates while running some code: the measure behind "no
 * allocation proportional to a length the input only declares". Counts every object and array,
 * live or not, so it is exact and independent of garbage collection.
 */
public final class Allocations {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocations() {
    }

    /** Bytes allocated by this thread so far. */
    public static long now() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /** Runs {@code code} and returns the bytes this thread allocated meanwhile. */
    public static long of(Runnable code) {
        long before = now();
        code.run();
        return now() - before;
    }
}
