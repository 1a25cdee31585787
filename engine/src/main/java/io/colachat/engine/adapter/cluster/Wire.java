package io.colachat.engine.adapter.cluster;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The primitives of the cluster wire format: unsigned LEB128 varints, and byte strings and UTF-8
 * strings prefixed by their varint length. The reader trusts nothing: every length is checked
 * against the bytes that remain, so a corrupt or hostile message costs at most its own size.
 */
final class Wire {

    private Wire() {
    }

    /** A growable buffer written front to back. */
    static final class Writer {
        private byte[] buf;
        private int len;

        Writer(int initialCapacity) {
            buf = new byte[Math.max(16, initialCapacity)];
        }

        Writer writeByte(int b) {
            ensure(1);
            buf[len++] = (byte) b;
            return this;
        }

        Writer writeVarLong(long v) {
            if (v < 0) {
                throw new IllegalArgumentException("varints are unsigned: " + v);
            }
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                buf[len++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[len++] = (byte) v;
            return this;
        }

        Writer writeBytes(byte[] bytes) {
            writeVarLong(bytes.length);
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buf, len, bytes.length);
            len += bytes.length;
            return this;
        }

        Writer writeString(String s) {
            return writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }

        Writer writeStrings(Set<String> strings) {
            writeVarLong(strings.size());
            for (String s : strings) {
                writeString(s);
            }
            return this;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, len);
        }

        private void ensure(int more) {
            if (len + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
            }
        }
    }

    /** Reads a message front to back; every violation is a {@link MalformedClusterMessageException}. */
    static final class Reader {
        private final byte[] buf;
        private int pos;

        Reader(byte[] buf) {
            this.buf = buf;
        }

        int readByte() {
            if (pos >= buf.length) {
                throw violation("truncated");
            }
            return buf[pos++] & 0xFF;
        }

        long readVarLong() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = readByte();
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    if (v < 0) {
                        throw violation("varint out of range");
                    }
                    return v;
                }
            }
            throw violation("varint longer than 10 bytes");
        }

        /** A count or length that must fit in what remains, each item taking at least one byte. */
        int readCount() {
            long n = readVarLong();
            if (n > buf.length - pos) {
                throw violation("length " + n + " exceeds the " + (buf.length - pos) + " remaining bytes");
            }
            return (int) n;
        }

        byte[] readBytes() {
            int n = readCount();
            byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
            pos += n;
            return out;
        }

        String readString() {
            int n = readCount();
            try {
                String s = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(buf, pos, n))
                        .toString();
                pos += n;
                return s;
            } catch (CharacterCodingException e) {
                throw violation("invalid UTF-8");
            }
        }

        Set<String> readStrings() {
            int n = readCount();
            Set<String> out = new HashSet<>(n * 2);
            for (int i = 0; i < n; i++) {
                out.add(readString());
            }
            return out;
        }

        void requireEnd() {
            if (pos != buf.length) {
                throw violation((buf.length - pos) + " trailing bytes");
            }
        }

        MalformedClusterMessageException violation(String what) {
            return new MalformedClusterMessageException("malformed cluster message (" + buf.length + " bytes): "
                    + what + " at offset " + pos);
        }
    }
}
