package io.colachat.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A plain TCP connection for sending what no well-behaved client would: hand-made request heads,
 * bodies that do not match their headers, websocket frames one byte at a time. Reads answer
 * heads and server frames, and tells a close from a timeout.
 *
 * <pre>{@code
 * try (RawTcp tcp = RawTcp.connect(port)) {
 *     tcp.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
 *     assertThat(tcp.readHead()).startsWith("HTTP/1.1 404");
 * }
 * }</pre>
 */
public final class RawTcp implements AutoCloseable {

    /** How long a read waits before the test fails; generous, other builds share the machine. */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawTcp(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects to 127.0.0.1:{@code port}. */
    public static RawTcp connect(int port) {
        return connect(port, null, 0);
    }

    /**
     * Connects from {@code localAddress} (any 127.x.y.z works on Linux's loopback, which lets a
     * test be several clients), with a receive buffer of {@code receiveBuffer} bytes (0: default).
     */
    public static RawTcp connect(int port, String localAddress, int receiveBuffer) {
        try {
            Socket s = new Socket();
            if (receiveBuffer > 0) {
                s.setReceiveBufferSize(receiveBuffer);
            }
            if (localAddress != null) {
                s.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            }
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            return new RawTcp(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Socket socket() {
        return socket;
    }

    public RawTcp send(String ascii) {
        return send(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawTcp send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Like {@link #send(byte[])}, but false instead of an exception when the server has gone. */
    public boolean trySend(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads a response head, up to and without the blank line; fails if none comes. */
    public String readHead() {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        try {
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IllegalStateException("closed before a complete response head: " + head);
                }
                head.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading a response head after " + head, e);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - 4);
    }

    /** The status code of a head from {@link #readHead()}. */
    public static int status(String head) {
        return Integer.parseInt(head.substring(9, 12));
    }

    /** A header's value in a head from {@link #readHead()}, or null. */
    public static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /** Reads a whole response (head and a Content-Length body) and returns its body. */
    public String readBody(String head) {
        String length = header(head, "content-length");
        int n = length == null ? 0 : Integer.parseInt(length);
        byte[] body = readExactly(n);
        return new String(body, StandardCharsets.UTF_8);
    }

    public byte[] readExactly(int n) {
        byte[] b = new byte[n];
        int off = 0;
        try {
            while (off < n) {
                int r = in.read(b, off, n - off);
                if (r < 0) {
                    throw new IllegalStateException("closed after " + off + " of " + n + " bytes");
                }
                off += r;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b;
    }

    /**
     * Reads and discards until the server closes the connection (end of stream or reset) and
     * returns true, or returns false when {@code within} passes first.
     */
    public boolean awaitClosed(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        byte[] sink = new byte[8192];
        try {
            while (System.nanoTime() < deadline) {
                socket.setSoTimeout((int) Math.max(1, Math.min(500, (deadline - System.nanoTime()) / 1_000_000)));
                try {
                    if (in.read(sink) < 0) {
                        return true;
                    }
                } catch (SocketTimeoutException again) {
                    // keep waiting
                }
            }
            return false;
        } catch (IOException reset) {
            return true;
        } finally {
            try {
                socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
            } catch (IOException ignored) {
                // closed
            }
        }
    }

    // ---------------------------------------------------------------- websocket

    /** The request head of a websocket handshake for {@code path}, ending with extra header lines. */
    public static String upgradeHead(String pathAndQuery, int port, String extraHeaders) {
        return "GET " + pathAndQuery + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(new byte[16]) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + extraHeaders
                + "\r\n";
    }

    /** Performs a websocket handshake and asserts the 101. */
    public RawTcp upgrade(String pathAndQuery, int port) {
        send(upgradeHead(pathAndQuery, port, ""));
        String head = readHead();
        assertThat(head).startsWith("HTTP/1.1 101");
        return this;
    }

    public static final int TEXT = 1;
    public static final int BINARY = 2;
    public static final int CONTINUATION = 0;
    public static final int CLOSE = 8;
    public static final int PING = 9;

    /** A masked client frame. */
    public static byte[] frame(int opcode, boolean fin, byte[] payload) {
        return frameHeader(opcode, fin, payload.length, payload);
    }

    /** A masked client frame announcing {@code length} payload bytes, carrying {@code payload} (may be shorter). */
    public static byte[] frameHeader(int opcode, boolean fin, long length, byte[] payload) {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write((fin ? 0x80 : 0) | opcode);
        if (length < 126) {
            f.write(0x80 | (int) length);
        } else if (length < 65_536) {
            f.write(0x80 | 126);
            f.write((int) (length >>> 8));
            f.write((int) length);
        } else {
            f.write(0x80 | 127);
            for (int i = 7; i >= 0; i--) {
                f.write((int) (length >>> (8 * i)));
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        f.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            f.write(payload[i] ^ mask[i & 3]);
        }
        return f.toByteArray();
    }

    public RawTcp sendText(String text) {
        return send(frame(TEXT, true, text.getBytes(StandardCharsets.UTF_8)));
    }

    /** One frame from the server (unmasked), fragments not joined. */
    public record Frame(int opcode, boolean fin, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The status code of a close frame, or -1. */
        public int closeStatus() {
            return opcode == CLOSE && payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
        }
    }

    /** Reads the next frame; fails on timeout or end of stream. */
    public Frame readFrame() {
        byte[] h = readExactly(2);
        boolean fin = (h[0] & 0x80) != 0;
        int opcode = h[0] & 0x0f;
        long length = h[1] & 0x7f;
        if (length == 126) {
            byte[] l = readExactly(2);
            length = ((l[0] & 0xff) << 8) | (l[1] & 0xff);
        } else if (length == 127) {
            byte[] l = readExactly(8);
            length = 0;
            for (byte b : l) {
                length = (length << 8) | (b & 0xff);
            }
        }
        return new Frame(opcode, fin, readExactly((int) length));
    }

    /** Reads frames until a text frame and returns it (pings and other control frames skipped). */
    public String readText() {
        while (true) {
            Frame f = readFrame();
            if (f.opcode() == TEXT) {
                return f.text();
            }
            if (f.opcode() == CLOSE) {
                throw new IllegalStateException("closed with " + f.closeStatus() + " while waiting for text");
            }
        }
    }

    /** Reads frames until a close frame and returns its status; -1 if the connection just ended. */
    public int readCloseStatus() {
        try {
            while (true) {
                Frame f = readFrame();
                if (f.opcode() == CLOSE) {
                    return f.closeStatus();
                }
            }
        } catch (IllegalStateException ended) {
            return -1;
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof SocketTimeoutException) {
                throw e;
            }
            return -1; // reset
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
