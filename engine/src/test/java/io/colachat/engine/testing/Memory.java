package io.colachat.engine.testing;

import io.netty.buffer.PooledByteBufAllocator;
import java.lang.management.ManagementFactory;

/**
 * What the test JVM holds: the heap after a full collection plus Netty's pooled direct memory,
 * where request and frame buffers live. Good to a few megabytes, which is what "memory stays flat"
 * under an attack of tens or hundreds of megabytes needs.
 */
public final class Memory {

    private Memory() {
    }

    /** Bytes held now, after collecting garbage. */
    public static long held() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return heap + PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();
    }
}
