package io.colachat.bench.loadgen;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Allocation-free scanning of frame bytes. Frames are copied once into a per-thread scratch array
 * (see {@link #scratch}) and read with these helpers, so the receive path makes no garbage per frame.
 */
final class Bytes {

    private static final ThreadLocal<byte[][]> SCRATCH = ThreadLocal.withInitial(() -> new byte[][] {new byte[8192]});

    private Bytes() {
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The calling thread's scratch array, at least {@code len} long; valid until the next call. */
    static byte[] scratch(int len) {
        byte[][] holder = SCRATCH.get();
        if (holder[0].length < len) {
            holder[0] = new byte[Math.max(len, holder[0].length * 2)];
        }
        return holder[0];
    }

    static boolean regionEquals(byte[] a, int from, byte[] b) {
        if (from + b.length > a.length) {
            return false;
        }
        for (int i = 0; i < b.length; i++) {
            if (a[from + i] != b[i]) {
                return false;
            }
        }
        return true;
    }

    /** The first index in {@code [from, to)} where {@code needle} starts, or -1. */
    static int indexOf(byte[] a, int from, int to, byte[] needle) {
        byte first = needle[0];
        int last = to - needle.length;
        for (int i = from; i <= last; i++) {
            if (a[i] == first && regionEquals(a, i, needle)) {
                return i;
            }
        }
        return -1;
    }

    static int indexOf(byte[] a, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** How many times {@code needle} occurs in {@code [from, to)}. */
    static int count(byte[] a, int from, int to, byte[] needle) {
        int n = 0;
        int i = from;
        while ((i = indexOf(a, i, to, needle)) >= 0) {
            n++;
            i += needle.length;
        }
        return n;
    }

    /** The non-negative decimal at {@code a[from]}, or -1 when there is no digit there. */
    static long parseLong(byte[] a, int from, int to) {
        long v = -1;
        for (int i = from; i < to; i++) {
            int d = a[i] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            v = (v < 0 ? 0 : v * 10) + d;
        }
        return v;
    }

    /** Writes {@code v >= 0} in decimal without allocating. */
    static void writeLong(ByteBuf out, long v) {
        if (v == 0) {
            out.writeByte('0');
            return;
        }
        int digits = 0;
        for (long t = v; t > 0; t /= 10) {
            digits++;
        }
        int at = out.writerIndex() + digits;
        out.ensureWritable(digits);
        for (long t = v; t > 0; t /= 10) {
            out.setByte(--at, (int) ('0' + t % 10));
        }
        out.writerIndex(out.writerIndex() + digits);
    }
}
